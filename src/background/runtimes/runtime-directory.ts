import { type AppError, AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { RuntimeList } from '../../shared/messages/runtimes';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import type { RuntimeView } from '../../shared/runtime-types';
import type { AppProxyClient } from '../codefresh/app-proxy-client';
import type { PlatformClient, PlatformRuntime } from '../codefresh/platform-client';
import { runPooled } from '../network/request-pool';
import type { TokenServiceDeps } from '../tokens/token-service';
import { type CachedList, createRuntimeCache, type SessionCache } from './runtime-cache';
import { createRuntimeViews, type DirectoryUser, withTriedHost } from './runtime-view';

export { RUNTIME_CACHE_KEY, RUNTIME_SNAPSHOT_KEY } from './runtime-cache';

/** After this, a cached list is shown but marked stale so the popup refreshes it. */
export const RUNTIME_CACHE_MAX_AGE_MS = 60_000;
/**
 * App-proxy calls in flight at once, per list or apply, and to any one host. Runtimes are usually
 * separate clusters, so the overall bound limits the worker's own sockets (200 runtimes take 13
 * rounds, not 50, without 200 TLS handshakes at once); the per-host bound keeps several runtimes
 * behind one ingress from getting more than a browser's usual handful of requests at once.
 */
export const APP_PROXY_CONCURRENCY = 16;
export const APP_PROXY_PER_HOST = 4;

export { type DirectoryUser, withTriedHost } from './runtime-view';

export interface RuntimeDirectoryDeps {
  readonly platform: Pick<PlatformClient, 'runtimes' | 'runtime'>;
  readonly appProxy: AppProxyClient;
  /** The Codefresh API key, or null (or an AppFailure) when none is stored. */
  getApiKey(): Promise<string | null>;
  getMe(): Promise<DirectoryUser>;
  /**
   * The user and the platform's runtimes for a refresh, in one platform request where `me` must be
   * asked too (docs/platform-contract.md §3e). Without it, `getMe` and `platform.runtimes` are used.
   */
  meAndRuntimes?(): Promise<{ readonly me: DirectoryUser; readonly runtimes: readonly PlatformRuntime[] }>;
  hasHostAccess(origin: string): Promise<boolean>;
  readonly cache: SessionCache;
  /** Where the snapshot lives (storage.local); without it nothing outlives the session. */
  readonly snapshot?: SessionCache;
  readonly now?: () => number;
  readonly concurrency?: number;
  readonly perHost?: number;
  /** The user's app-proxy hosts per runtime name, for runtimes without a usable host. */
  readonly overrides?: () => Promise<Readonly<Record<string, string>>>;
  /**
   * Told as a refresh goes, naming the account (no secret): first every runtime's name (the
   * platform answered), then each runtime as its app-proxy answers, so a popup shows the list early.
   */
  readonly onProgress?: (event: RuntimeListProgress) => void;
}

export type RuntimeListProgress = { readonly accountId: string } & ListProgress;
type ListProgress = { readonly names: readonly string[] } | { readonly runtime: RuntimeView };

/** The little detection needs: known as soon as the platform answers, before any app-proxy. */
export type ListedRuntime = Pick<RuntimeView, 'name' | 'appProxyOrigin' | 'repo'>;

/** Picks the runtime whose app-proxy is asked first (the one the user is looking at), or null. */
export type FirstToAsk = (listed: readonly ListedRuntime[]) => Promise<string | null>;

/** What one runtime's failure tells the user: its own AppError, or a generic line (never raw text). */
export const runtimeErrorOf = (error: unknown): AppError =>
  error instanceof AppFailure
    ? error.appError
    : { code: 'internal', message: text('runtimeUnexpectedError') };

/**
 * The account's runtimes and the current user's token on each, read from the platform and from
 * every runtime's app-proxy, cached briefly in storage.session (no secret in it); and the
 * per-runtime writes (register, deregister). One runtime's failure never fails the others.
 */
export const createRuntimeDirectory = (deps: RuntimeDirectoryDeps) => {
  const now = deps.now ?? Date.now;
  const limits = {
    limit: deps.concurrency ?? APP_PROXY_CONCURRENCY,
    perHost: deps.perHost ?? APP_PROXY_PER_HOST,
  };
  /** The host a runtime's app-proxy request goes to (null: nothing will be sent). */
  const hostOfOrigin = (origin: string | null) => (origin ? new URL(origin).host : null);
  let inFlight: Promise<RuntimeList> | null = null;

  const requireApiKey = async (): Promise<string> => {
    const key = await deps.getApiKey();
    if (!key) throw new AppFailure('no-api-key', text('accountApiKeyFirstInPopupOrOptions'));
    return key;
  };

  const { originOf, hostAccessOf, viewOf, reachableOrigin } = createRuntimeViews(deps);

  const cache = createRuntimeCache(deps.cache, deps.snapshot);
  const accountOf = (me: DirectoryUser) => me.accountId ?? '';
  /** The list of the account in use; none while that is unknown (no key, platform unreachable). */
  const readCache = async (me?: DirectoryUser) => {
    const user = me ?? (await deps.getMe().catch(() => null));
    return user ? cache.read(accountOf(user)) : null;
  };

  /** The running refresh's platform stage: what detection needs, one round trip in. */
  let listedInFlight: Promise<readonly ListedRuntime[]> | null = null;

  const fetchList = async (
    first: FirstToAsk | undefined,
    listed: (runtimes: readonly ListedRuntime[]) => void,
  ): Promise<RuntimeList> => {
    const apiKey = await requireApiKey();
    const [{ me, runtimes }, overrides] = await Promise.all([
      deps.meAndRuntimes?.() ??
        Promise.all([deps.getMe(), deps.platform.runtimes(apiKey)]).then(([me, runtimes]) => ({
          me,
          runtimes,
        })),
      deps.overrides ? deps.overrides() : Promise.resolve({}),
    ]);
    const bare = runtimes.map((r) => ({
      name: r.name,
      appProxyOrigin: originOf(r, overrides),
      repo: r.repo,
    }));
    listed(bare);
    deps.onProgress?.({ accountId: accountOf(me), names: runtimes.map((r) => r.name) });
    // The runtime on screen is asked first; the others follow in the platform's order.
    const firstName = first ? await first(bare).catch(() => null) : null;
    const order = runtimes.map((_, index) => index);
    const at = order.findIndex((index) => runtimes[index]!.name === firstName);
    if (at > 0) order.unshift(...order.splice(at, 1));
    const views: RuntimeView[] = new Array(runtimes.length);
    await runPooled(
      order,
      limits,
      (index) => hostOfOrigin(bare[index]!.appProxyOrigin),
      async (index) => {
        const view = await viewOf(runtimes[index]!, me, apiKey, overrides);
        views[index] = view;
        deps.onProgress?.({ accountId: accountOf(me), runtime: view });
      },
    );
    // Read across a switch of account: filed under neither.
    if (accountOf(await deps.getMe()) !== accountOf(me)) {
      throw new AppFailure('account-switched', text('accountSwitchedMidway'));
    }
    const cached: CachedList = { at: now(), userId: me.userId, accountId: accountOf(me), runtimes: views };
    await cache.write(cached);
    return { runtimes: views, stale: false };
  };

  /** One refresh at a time: callers that arrive while one runs share its answer. */
  const refresh = (first?: FirstToAsk): Promise<RuntimeList> => {
    if (!inFlight) {
      let markListed!: (runtimes: readonly ListedRuntime[]) => void;
      const listed = new Promise<readonly ListedRuntime[]>((resolve) => {
        markListed = resolve;
      });
      const running = fetchList(first, markListed);
      // A refresh that fails before the platform answered fails its listed stage with it.
      listedInFlight = Promise.race([listed, running.then(() => listed)]);
      listedInFlight.catch(() => {});
      inFlight = running.finally(() => {
        inFlight = null;
        listedInFlight = null;
      });
    }
    return inFlight;
  };

  /**
   * What detection needs (names, hosts, repos): from the cache when it was read for this user
   * (token states in doubt do not matter here), else from the platform's answer of a refresh,
   * without waiting for any app-proxy.
   */
  const listedRuntimes = async (first?: FirstToAsk): Promise<readonly ListedRuntime[]> => {
    const me = await deps.getMe();
    const cached = await readCache(me);
    if (cached && cached.userId === me.userId) return cached.runtimes;
    if (!inFlight) refresh(first).catch(() => {});
    return listedInFlight!;
  };

  /**
   * Popup start-up asks for the list and for detection (which reads the list) at the same moment;
   * callers that arrive while a cached read runs share it instead of re-checking every host twice.
   */
  let cachedReadInFlight: Promise<RuntimeList> | null = null;
  const list = (forceRefresh: boolean, first?: FirstToAsk): Promise<RuntimeList> => {
    if (forceRefresh) return refresh(first);
    cachedReadInFlight ??= readCachedList(first).finally(() => {
      cachedReadInFlight = null;
    });
    return cachedReadInFlight;
  };

  const readCachedList = async (first?: FirstToAsk): Promise<RuntimeList> => {
    const cached = await readCache();
    if (!cached || (cached.tokenStatesInDoubt && !cached.fromSnapshot)) return refresh(first);
    const me = await deps.getMe();
    // A list read with another user's API key says nothing about this user's tokens.
    if (me.userId !== cached.userId) return refresh(first);
    // Host access is cheap to re-check and changes by a click; if it did, the token states are old.
    const runtimes = await Promise.all(
      cached.runtimes.map(async (r) => {
        const hostAccess = await hostAccessOf(r.appProxyOrigin);
        return hostAccess === r.hostAccess ? r : { ...r, hostAccess };
      }),
    );
    const changed = runtimes.some((r, i) => r !== cached.runtimes[i]);
    const old = cached.fromSnapshot === true || now() - cached.at > RUNTIME_CACHE_MAX_AGE_MS;
    return { runtimes, stale: changed || old };
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

  /** The token states may have changed: the next list asks again; runtime lookups stay cheap. */
  const invalidate = () => cache.markInDoubt();

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
    return runPooled(
      runtimes,
      limits,
      (runtime) => hostOfOrigin(runtime.appProxyOrigin),
      async (runtime): Promise<RuntimeApplyResult> => {
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
      },
    );
  };

  return {
    list,
    listed: listedRuntimes,
    find,
    invalidate,
    /** The account in use changed: later calls do not join a read started for the other one. */
    detach() {
      [inFlight, listedInFlight, cachedReadInFlight] = [null, null, null];
    },
    /** Drops one account's cached list and snapshot (signed out of it). */
    forgetAccount: (accountId: string) => cache.forgetAccount(accountId),
    /** Drops every cached list and snapshot: a host override changed, platform change, erase. */
    forget: () => cache.forget(),
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
