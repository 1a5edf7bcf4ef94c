import { providerOfApiUrl } from '../../providers/registry';
import { type AppProxyHostSource, chooseAppProxyHost } from '../../shared/app-proxy-origin';
import { type AppError, AppFailure } from '../../shared/errors';
import { type MessageKey, text } from '../../shared/i18n';
import type {
  GitProvider,
  InstallationStatus,
  RuntimeView,
  TokenState,
  UnknownTokenReason,
} from '../../shared/runtime-types';
import type { AppProxyClient, GitIntegrationView } from '../codefresh/app-proxy-client';
import { APP_PROXY_NOT_THERE } from '../codefresh/graphql-request';
import type { PlatformRuntime } from '../codefresh/platform-client';

export interface DirectoryUser {
  readonly userId: string;
  /** The Codefresh account in use: lists are cached per account. */
  readonly accountId?: string;
  readonly accountGitApiUrl: string | null;
  /** The account's Git provider; when absent it is inferred from `accountGitApiUrl`'s shape. */
  readonly accountGitProvider?: GitProvider | null;
}

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

/**
 * One runtime as the UI shows it: the platform's facts, the app-proxy address chosen for it, and
 * the current user's token state read from that app-proxy (one request; none when it cannot be
 * reached or may not be called).
 */
export const createRuntimeViews = (deps: {
  readonly appProxy: AppProxyClient;
  hasHostAccess(origin: string): Promise<boolean>;
}) => {
  const hostAccessOf = async (origin: string | null): Promise<RuntimeView['hostAccess']> => {
    if (!origin) return 'not-applicable';
    return (await deps.hasHostAccess(origin).catch(() => false)) ? 'granted' : 'missing';
  };

  /** The address chosen for the runtime's app-proxy, and where it came from (null: none usable). */
  const choiceOf = (runtime: PlatformRuntime, overrides: Readonly<Record<string, string>>) =>
    chooseAppProxyHost({
      ingressHost: runtime.ingressHost,
      internalIngressHost: runtime.internalIngressHost,
      override: Object.hasOwn(overrides, runtime.name) ? overrides[runtime.name] : null,
    });
  const originOf = (runtime: PlatformRuntime, overrides: Readonly<Record<string, string>>) =>
    choiceOf(runtime, overrides)?.origin ?? null;

  const viewOf = async (
    runtime: PlatformRuntime,
    me: DirectoryUser,
    apiKey: string,
    overrides: Readonly<Record<string, string>>,
  ): Promise<RuntimeView> => {
    const choice = choiceOf(runtime, overrides);
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

  /** The origin to call for `runtime`, after checking it has one and the extension may call it. */
  const reachableOrigin = async (runtime: Pick<RuntimeView, 'name' | 'appProxyOrigin'>): Promise<string> => {
    const origin = runtime.appProxyOrigin;
    if (!origin) {
      throw new AppFailure('runtime-no-host', text('runtimeNoHttpsAddress', [runtime.name]));
    }
    if ((await hostAccessOf(origin)) !== 'granted') {
      throw new AppFailure('host-access-missing', text('runtimeHostAccessMissing', [new URL(origin).host]));
    }
    return origin;
  };

  return { originOf, hostAccessOf, viewOf, reachableOrigin };
};
