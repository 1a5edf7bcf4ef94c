import { providerOfApiUrl } from '../providers/registry';
import { type AppProxyHostSource, chooseAppProxyHost } from '../shared/app-proxy-origin';
import { type AppError, AppFailure } from '../shared/errors';
import { type MessageKey, text } from '../shared/i18n';
import type { RuntimeList } from '../shared/messages/runtimes';
import type { RuntimeApplyResult } from '../shared/messages/token';
import type {
  GitProvider,
  InstallationStatus,
  RuntimeView,
  TokenState,
  UnknownTokenReason,
} from '../shared/runtime-types';
import type { AppProxyClient, GitIntegrationView } from './codefresh/app-proxy-client';
import { APP_PROXY_NOT_THERE } from './codefresh/graphql-request';
import type { PlatformClient, PlatformRuntime } from './codefresh/platform-client';
import type { TokenServiceDeps } from './token-service';

/** storage.session key of the cached list; bump the suffix when RuntimeView changes shape. */
export const RUNTIME_CACHE_KEY = 'runtimeDirectory.v2';
/** After this, a cached list is shown but marked stale so the popup refreshes it. */
export const RUNTIME_CACHE_MAX_AGE_MS = 60_000;
/**
 * App-proxy calls in flight at once, per list or apply. Runtimes are usually separate clusters, so
 * this bounds the worker's own sockets more than any one server's load; 4 keeps 20 runtimes at
 * five rounds without a burst of 20 TLS handshakes.
 */
export const APP_PROXY_CONCURRENCY = 4;

/** The `browser.storage.session` methods the directory uses. */
export interface SessionCache {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface DirectoryUser {
  readonly userId: string;
  readonly accountGitApiUrl: string | null;
  /** The account's Git provider; when absent it is inferred from `accountGitApiUrl`'s shape. */
  readonly accountGitProvider?: GitProvider | null;
}

export interface RuntimeDirectoryDeps {
  readonly platform: Pick<PlatformClient, 'runtimes' | 'runtime'>;
  readonly appProxy: AppProxyClient;
  /** The Codefresh API key, or null (or an AppFailure) when none is stored. */
  getApiKey(): Promise<string | null>;
  getMe(): Promise<DirectoryUser>;
  hasHostAccess(origin: string): Promise<boolean>;
  readonly cache: SessionCache;
  readonly now?: () => number;
  readonly concurrency?: number;
  /** The user's app-proxy hosts per runtime name, for runtimes without a usable host. */
  readonly overrides?: () => Promise<Readonly<Record<string, string>>>;
}

interface CachedList {
  readonly at: number;
  readonly userId: string;
  readonly runtimes: readonly RuntimeView[];
  /**
   * Set when a write may have changed token states. The list is then read again before it is shown,
   * but `find` still uses it: hosts and providers do not change when a token is added.
   */
  readonly tokenStatesInDoubt?: true;
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export const mapBounded = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
};

/** One sentence per status a runtime can be stuck in before it is installed (null: not reported). */
const NOT_INSTALLED = {
  FAILED: 'runtimeNotInstalledFailed',
  IN_PROGRESS: 'runtimeNotInstalledInProgress',
  unknown: 'runtimeNotInstalledUnknown',
} as const satisfies Record<Exclude<InstallationStatus, 'COMPLETED'> | 'unknown', MessageKey>;

const unknown = (reason: UnknownTokenReason, message: string): TokenState => ({
  kind: 'unknown',
  reason,
  message,
});

/** The current user's token state from the default integration (docs/platform-contract.md §3d, [INFERRED]). */
const stateFrom = (integration: GitIntegrationView | null, userId: string): TokenState => {
  if (!integration) return { kind: 'none' };
  const entry = integration.users.find((u) => u.userId === userId);
  if (entry) return { kind: entry.isValid ? 'valid' : 'invalid' };
  return integration.registeredUsers.includes(userId) ? { kind: 'valid' } : { kind: 'none' };
};

/** Failures that say the address is wrong or unreachable, not the runtime: the user can set another. */
const HOST_PROBLEMS: ReadonlySet<string> = new Set([
  'app-proxy-unreachable',
  'app-proxy-timeout',
  APP_PROXY_NOT_THERE,
]);

const SOURCE_WORDS = {
  override: 'hostSource_override',
  'internal-ingress': 'hostSource_internal_ingress',
  ingress: 'hostSource_ingress',
} as const satisfies Record<AppProxyHostSource, MessageKey>;

/**
 * For a host problem, the error also says which address was tried and where it came from, so the
 * user can tell a wrong choice from a runtime that is down (and set another address in the options).
 */
export const withTriedHost = (
  appError: AppError,
  runtime: Pick<RuntimeView, 'appProxyOrigin' | 'appProxyHostSource'>,
): AppError => {
  if (!HOST_PROBLEMS.has(appError.code) || !runtime.appProxyOrigin || !runtime.appProxyHostSource) {
    return appError;
  }
  const tried = text('runtimeAddressTried', [
    new URL(runtime.appProxyOrigin).host,
    text(SOURCE_WORDS[runtime.appProxyHostSource]),
  ]);
  return { ...appError, message: `${appError.message} ${tried}` };
};

const stateFromFailure = (
  error: unknown,
  runtime: Pick<RuntimeView, 'appProxyOrigin' | 'appProxyHostSource'>,
): TokenState => {
  const appError: AppError | null =
    error instanceof AppFailure ? withTriedHost(error.appError, runtime) : null;
  if (!appError) return unknown('error', text('runtimeTokenStateReadFailed'));
  switch (appError.code) {
    case 'app-proxy-down':
      return unknown('app-proxy-down', appError.message);
    case 'app-proxy-unreachable':
    case 'app-proxy-timeout':
      return unknown('unreachable', appError.message);
    case APP_PROXY_NOT_THERE:
      return unknown('not-there', appError.message);
    default:
      return unknown('error', appError.message);
  }
};

/** What one runtime's failure tells the user: its own AppError, or a generic line (never raw text). */
export const runtimeErrorOf = (error: unknown): AppError =>
  error instanceof AppFailure
    ? error.appError
    : { code: 'internal', message: text('runtimeUnexpectedError') };

const isCachedList = (value: unknown): value is CachedList =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CachedList).at === 'number' &&
  typeof (value as CachedList).userId === 'string' &&
  Array.isArray((value as CachedList).runtimes);

/**
 * The account's runtimes and the current user's token on each, read from the platform and from
 * every runtime's app-proxy, cached briefly in storage.session (no secret in it); and the
 * per-runtime writes (register, deregister). One runtime's failure never fails the others.
 */
export const createRuntimeDirectory = (deps: RuntimeDirectoryDeps) => {
  const now = deps.now ?? Date.now;
  const concurrency = Math.max(1, deps.concurrency ?? APP_PROXY_CONCURRENCY);
  let inFlight: Promise<RuntimeList> | null = null;

  const requireApiKey = async (): Promise<string> => {
    const key = await deps.getApiKey();
    if (!key) throw new AppFailure('no-api-key', text('accountApiKeyFirstInPopupOrOptions'));
    return key;
  };

  const hostAccessOf = async (origin: string | null): Promise<RuntimeView['hostAccess']> => {
    if (!origin) return 'not-applicable';
    return (await deps.hasHostAccess(origin).catch(() => false)) ? 'granted' : 'missing';
  };

  const viewOf = async (
    runtime: PlatformRuntime,
    me: DirectoryUser,
    apiKey: string,
    overrides: Readonly<Record<string, string>>,
  ): Promise<RuntimeView> => {
    const choice = chooseAppProxyHost({
      ingressHost: runtime.ingressHost,
      internalIngressHost: runtime.internalIngressHost,
      override: Object.hasOwn(overrides, runtime.name) ? overrides[runtime.name] : null,
    });
    const appProxyOrigin = choice?.origin ?? null;
    const where = { appProxyOrigin, ...(choice ? { appProxyHostSource: choice.source } : {}) };
    const hostAccess = await hostAccessOf(appProxyOrigin);
    let integration: GitIntegrationView | null = null;
    let token: TokenState;
    if (runtime.unsupportedGitProvider) {
      token = unknown(
        'unsupported-provider',
        text('runtimeGitProviderUnsupported', [runtime.name, runtime.unsupportedGitProvider]),
      );
    } else if (runtime.installationStatus !== 'COMPLETED') {
      token = unknown(
        'not-installed',
        text(NOT_INSTALLED[runtime.installationStatus ?? 'unknown'], [runtime.name]),
      );
    } else if (!appProxyOrigin) {
      token = unknown('no-host', text('runtimeNoHttpsAddress', [runtime.name]));
    } else if (hostAccess !== 'granted') {
      token = unknown(
        'no-host-access',
        text('runtimeAllowHostAccess', [new URL(appProxyOrigin).host, runtime.name]),
      );
    } else {
      try {
        integration = await deps.appProxy.gitIntegration(appProxyOrigin, apiKey);
        token = stateFrom(integration, me.userId);
      } catch (error) {
        token = stateFromFailure(error, where);
      }
    }
    const gitProvider = runtime.gitProvider ?? integration?.provider ?? null;
    const accountProvider =
      me.accountGitProvider !== undefined
        ? me.accountGitProvider
        : me.accountGitApiUrl
          ? providerOfApiUrl(me.accountGitApiUrl) // URL → provider: each provider's own rule
          : null;
    const gitApiUrl =
      integration?.apiUrl ||
      (gitProvider !== null && gitProvider === accountProvider ? me.accountGitApiUrl : null) ||
      null;
    return {
      name: runtime.name,
      namespace: runtime.namespace,
      cluster: runtime.cluster,
      gitProvider,
      gitApiUrl,
      installationStatus: runtime.installationStatus,
      healthStatus: runtime.healthStatus,
      accessMode: runtime.accessMode,
      ...where,
      hostAccess,
      repo: runtime.repo,
      token,
    };
  };

  const readCache = async (): Promise<CachedList | null> => {
    const stored = (await deps.cache.get(RUNTIME_CACHE_KEY).catch((): Record<string, unknown> => ({})))[
      RUNTIME_CACHE_KEY
    ];
    return isCachedList(stored) ? stored : null;
  };

  const fetchList = async (): Promise<RuntimeList> => {
    const apiKey = await requireApiKey();
    const [me, runtimes, overrides] = await Promise.all([
      deps.getMe(),
      deps.platform.runtimes(apiKey),
      deps.overrides ? deps.overrides() : Promise.resolve({}),
    ]);
    const views = await mapBounded(runtimes, concurrency, (r) => viewOf(r, me, apiKey, overrides));
    const cached: CachedList = { at: now(), userId: me.userId, runtimes: views };
    await deps.cache.set({ [RUNTIME_CACHE_KEY]: cached }).catch(() => {});
    return { runtimes: views, stale: false };
  };

  /** One refresh at a time: callers that arrive while one runs share its answer. */
  const refresh = (): Promise<RuntimeList> => {
    if (!inFlight) {
      inFlight = fetchList().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  };

  /**
   * Popup start-up asks for the list and for detection (which reads the list) at the same moment;
   * callers that arrive while a cached read runs share it instead of re-checking every host twice.
   */
  let cachedReadInFlight: Promise<RuntimeList> | null = null;
  const list = (forceRefresh: boolean): Promise<RuntimeList> => {
    if (forceRefresh) return refresh();
    cachedReadInFlight ??= readCachedList().finally(() => {
      cachedReadInFlight = null;
    });
    return cachedReadInFlight;
  };

  const readCachedList = async (): Promise<RuntimeList> => {
    const cached = await readCache();
    if (!cached || cached.tokenStatesInDoubt) return refresh();
    const me = await deps.getMe();
    // A list read with another user's API key says nothing about this user's tokens.
    if (me.userId !== cached.userId) return refresh();
    // Host access is cheap to re-check and changes by a click; if it did, the token states are old.
    const runtimes = await Promise.all(
      cached.runtimes.map(async (r) => {
        const hostAccess = await hostAccessOf(r.appProxyOrigin);
        return hostAccess === r.hostAccess ? r : { ...r, hostAccess };
      }),
    );
    const changed = runtimes.some((r, i) => r !== cached.runtimes[i]);
    return { runtimes, stale: changed || now() - cached.at > RUNTIME_CACHE_MAX_AGE_MS };
  };

  const find = async (name: string): Promise<RuntimeView> => {
    const cached = await readCache();
    const hit = cached?.runtimes.find((r) => r.name === name);
    if (hit) return hit;
    const apiKey = await requireApiKey();
    const [me, runtime, overrides] = await Promise.all([
      deps.getMe(),
      deps.platform.runtime(apiKey, name),
      deps.overrides ? deps.overrides() : Promise.resolve({}),
    ]);
    if (!runtime) {
      throw new AppFailure('runtime-not-found', text('runtimeNotFound', [name.slice(0, 100)]));
    }
    return viewOf(runtime, me, apiKey, overrides);
  };

  /** The origin to call for `runtime`, after checking it has one and the extension may call it. */
  const reachableOrigin = async (runtime: RuntimeView): Promise<string> => {
    const origin = runtime.appProxyOrigin;
    if (!origin) {
      throw new AppFailure('runtime-no-host', text('runtimeNoHttpsAddress', [runtime.name]));
    }
    if ((await hostAccessOf(origin)) !== 'granted') {
      throw new AppFailure('host-access-missing', text('runtimeHostAccessMissing', [new URL(origin).host]));
    }
    return origin;
  };

  /** The token states may have changed: the next list asks again; runtime lookups stay cheap. */
  const invalidate = async (): Promise<void> => {
    const cached = await readCache();
    if (!cached) return;
    await deps.cache.set({ [RUNTIME_CACHE_KEY]: { ...cached, tokenStatesInDoubt: true } }).catch(() => {});
  };

  const applyToRuntimes: TokenServiceDeps['applyToRuntimes'] = async ({
    runtimes,
    withToken,
    username,
    onProgress,
  }) => {
    if (runtimes.length === 0) return [];
    const apiKey = await requireApiKey();
    // Forget the cached states before the first write: if the worker stops mid-way, the next list
    // must ask the app-proxies again instead of showing the states from before the add.
    await invalidate();
    return mapBounded(runtimes, concurrency, async (runtime): Promise<RuntimeApplyResult> => {
      onProgress?.(runtime.name, 'running');
      try {
        const origin = await reachableOrigin(runtime);
        // One request per runtime: register replaces an existing token, so no read first.
        await withToken((token) =>
          deps.appProxy.register(origin, apiKey, { token, ...(username ? { username } : {}) }),
        );
        onProgress?.(runtime.name, 'done');
        return { runtimeName: runtime.name, ok: true };
      } catch (error) {
        const appError = withTriedHost(runtimeErrorOf(error), runtime);
        onProgress?.(runtime.name, 'failed', appError);
        return { runtimeName: runtime.name, ok: false, error: appError };
      }
    });
  };

  return {
    list,
    find,
    invalidate,
    /** Drops the cached list whole: needed when what it was built from changed (a host override). */
    forget: () => deps.cache.remove(RUNTIME_CACHE_KEY).catch(() => {}),
    applyToRuntimes,
    async removeFromRuntime(runtime: RuntimeView): Promise<void> {
      const origin = await reachableOrigin(runtime);
      const apiKey = await requireApiKey();
      await invalidate();
      await deps.appProxy.deregister(origin, apiKey);
    },
  };
};

export type RuntimeDirectory = ReturnType<typeof createRuntimeDirectory>;
