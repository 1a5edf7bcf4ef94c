import { providerLabel as labelOf } from '../providers/registry';
import { type AppError, AppFailure } from '../shared/errors';
import { text } from '../shared/i18n';
import type { OAuthAnswer, OAuthProgressEvent } from '../shared/messages/oauth';
import type { RuntimeApplyResult } from '../shared/messages/token';
import { type OAuthProviderPath, oauthProviderLabel, oauthProviderPath } from '../shared/oauth-providers';
import type { GitProvider, RuntimeView } from '../shared/runtime-types';

/** §1c: the app-proxy path of the Git OAuth flow; `/<provider>` starts it, `/<provider>/callback` ends it. */
export const GIT_AUTH_PATH = '/app-proxy/api/git-auth';
/** How long one runtime's consent may take before the run moves on. */
export const OAUTH_TIMEOUT_MS = 10 * 60_000;
/**
 * Between two looks at the tab. Besides catching a missed event, the call keeps the service worker
 * awake while the user reads the consent page (an extension API call resets its idle timer).
 */
export const OAUTH_POLL_MS = 15_000;

export const providerPath = (gitProvider: GitProvider | null | undefined): OAuthProviderPath | null =>
  oauthProviderPath(gitProvider);

export interface OAuthUser {
  readonly userId: string;
  readonly accountId: string;
}

const providerLabel = (runtime: Pick<RuntimeView, 'gitProvider' | 'gitApiUrl'>): string =>
  oauthProviderLabel(runtime) ??
  (runtime.gitProvider ? labelOf(runtime.gitProvider, runtime.gitApiUrl) : text('oauthProviderUnnamed'));

/**
 * The URL the CLI opens for `runtime` (§1c): `<app-proxy origin>/app-proxy/api/git-auth/<provider>
 * ?userId=<me.id>&accountId=<account id>`. Throws an AppFailure when the runtime has no such flow.
 */
export const authorizeUrl = (
  runtime: Pick<RuntimeView, 'name' | 'gitProvider' | 'gitApiUrl' | 'appProxyOrigin'>,
  me: OAuthUser,
): string => {
  const path = providerPath(runtime.gitProvider);
  if (!path) {
    throw new AppFailure(
      'oauth-unsupported',
      runtime.gitProvider
        ? text('oauthUnsupportedProvider', [runtime.name, providerLabel(runtime)])
        : text('oauthUnknownProvider', [runtime.name]),
    );
  }
  if (!runtime.appProxyOrigin) {
    throw new AppFailure('runtime-no-host', text('oauthRuntimeNoHost', [runtime.name]));
  }
  const url = new URL(`${runtime.appProxyOrigin}${GIT_AUTH_PATH}/${path}`);
  url.search = new URLSearchParams({ userId: me.userId, accountId: me.accountId }).toString();
  return url.toString();
};

export interface TabInfo {
  readonly id?: number;
  readonly url?: string;
  readonly status?: string;
}

interface TabEvent<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

export type TabUpdatedListener = (
  tabId: number,
  changeInfo: { readonly url?: string; readonly status?: string },
  tab: TabInfo,
) => void;

export interface GitOAuthDeps {
  readonly tabs: {
    create(properties: { url: string; active: boolean }): Promise<TabInfo>;
    /** Rejects when the tab is gone. */
    get?(tabId: number): Promise<TabInfo>;
    remove?(tabId: number): Promise<void>;
    readonly onUpdated: TabEvent<TabUpdatedListener>;
    readonly onRemoved: TabEvent<(tabId: number) => void>;
  };
  findRuntime(name: string): Promise<RuntimeView>;
  me(): Promise<OAuthUser>;
  /** Drops the cached runtime list so the next find reads the app-proxy again. */
  invalidate(): Promise<void>;
  /** Where the flow lands when done: the platform's origins. */
  platformOrigins(): readonly string[] | Promise<readonly string[]>;
  broadcast?(event: OAuthProgressEvent): void;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

/** Where a flow's tab stands, read from its URL (the extension may read runtime and platform URLs). */
export type TabOutcome =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'landed'; readonly gitAuth: 'success' | 'error' | null; readonly reason: string | null }
  | { readonly kind: 'error-page'; readonly step: 'start' | 'callback' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'timeout' };

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Reads one tab state. Back on the platform: done (`gitAuth=success|error` when the app-proxy said
 * so). Still on the runtime's git-auth path once the page finished loading: the app-proxy answered
 * an error page instead of redirecting (OAuth not set up, or the callback failed). Anything else
 * (the provider's consent page, a redirect in between) is waiting.
 */
export const readTab = (
  url: string | undefined,
  complete: boolean,
  runtimeOrigin: string,
  platformOrigins: readonly string[],
): TabOutcome => {
  if (!url) return { kind: 'waiting' };
  const origin = originOf(url);
  if (!origin) return { kind: 'waiting' };
  const parsed = new URL(url);
  if (platformOrigins.includes(origin)) {
    const gitAuth = parsed.searchParams.get('gitAuth');
    return {
      kind: 'landed',
      gitAuth: gitAuth === 'success' || gitAuth === 'error' ? gitAuth : null,
      reason: parsed.searchParams.get('reason') ?? parsed.searchParams.get('error'),
    };
  }
  if (complete && origin === runtimeOrigin && parsed.pathname.startsWith(`${GIT_AUTH_PATH}/`)) {
    return { kind: 'error-page', step: parsed.pathname.endsWith('/callback') ? 'callback' : 'start' };
  }
  return { kind: 'waiting' };
};

/**
 * "Authorize with <provider>": opens each runtime's git-auth URL in its own tab, one runtime after
 * another, watches the tab until the flow lands back on Codefresh, shows the runtime's error page or
 * is closed, then re-reads that runtime's token state and reports per runtime.
 */
export const createGitOAuth = (deps: GitOAuthDeps) => {
  const timeoutMs = deps.timeoutMs ?? OAUTH_TIMEOUT_MS;
  const pollMs = deps.pollMs ?? OAUTH_POLL_MS;
  let queue: Promise<unknown> = Promise.resolve();

  const progress = (runtimeName: string, state: OAuthProgressEvent['state'], error?: AppError) =>
    deps.broadcast?.({ type: 'oauth/progress', runtimeName, state, ...(error ? { error } : {}) });

  /** Opens `url` in a new tab and resolves with how the flow ended. */
  const watchTab = (
    url: string,
    runtimeOrigin: string,
    platformOrigins: readonly string[],
  ): Promise<{ outcome: TabOutcome; tabId?: number }> =>
    new Promise((resolve) => {
      let tabId: number | undefined;
      const early: [number, TabInfo, boolean][] = [];
      let settled = false;
      let poll: ReturnType<typeof setInterval> | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;

      const finish = (outcome: TabOutcome) => {
        if (settled) return;
        settled = true;
        deps.tabs.onUpdated.removeListener(onUpdated);
        deps.tabs.onRemoved.removeListener(onRemoved);
        if (poll !== undefined) clearInterval(poll);
        if (timer !== undefined) clearTimeout(timer);
        resolve({ outcome, ...(tabId !== undefined ? { tabId } : {}) });
      };
      const look = (tab: TabInfo, complete: boolean) => {
        const outcome = readTab(tab.url, complete, runtimeOrigin, platformOrigins);
        if (outcome.kind !== 'waiting') finish(outcome);
      };
      const onUpdated: TabUpdatedListener = (id, changeInfo, tab) => {
        const info = { url: changeInfo.url ?? tab.url, status: changeInfo.status ?? tab.status };
        const complete = info.status === 'complete';
        if (tabId === undefined) early.push([id, info, complete]);
        else if (id === tabId) look(info, complete);
      };
      const onRemoved = (id: number) => {
        if (id === tabId) finish({ kind: 'closed' });
      };

      // Listening first: a fast redirect may land before `create` answers with the tab's id.
      deps.tabs.onUpdated.addListener(onUpdated);
      deps.tabs.onRemoved.addListener(onRemoved);
      deps.tabs.create({ url, active: true }).then(
        (tab) => {
          tabId = tab.id;
          if (tabId === undefined) return finish({ kind: 'closed' });
          for (const [id, info, complete] of early.splice(0)) if (id === tabId) look(info, complete);
          timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
          const get = deps.tabs.get;
          if (get) {
            poll = setInterval(() => {
              if (tabId === undefined) return;
              get(tabId).then(
                (t) => look(t, t.status === 'complete'),
                () => finish({ kind: 'closed' }),
              );
            }, pollMs);
          }
        },
        () => finish({ kind: 'closed' }),
      );
    });

  const stateOf = async (name: string): Promise<RuntimeView['token']['kind'] | null> => {
    await deps.invalidate();
    try {
      return (await deps.findRuntime(name)).token.kind;
    } catch {
      return null;
    }
  };

  const authorizeOne = async (
    name: string,
    me: OAuthUser,
    platformOrigins: readonly string[],
  ): Promise<RuntimeApplyResult> => {
    const fail = (code: string, message: string): RuntimeApplyResult => {
      const error: AppError = { code, message };
      progress(name, 'failed', error);
      return { runtimeName: name, ok: false, error };
    };
    progress(name, 'running');
    let runtime: RuntimeView;
    let url: string;
    try {
      runtime = await deps.findRuntime(name);
      url = authorizeUrl(runtime, me);
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.appError.code, error.appError.message);
      return fail('internal', text('oauthStartFailed', [name]));
    }
    const provider = providerLabel(runtime);
    const before = runtime.token.kind;
    const { outcome, tabId } = await watchTab(url, new URL(url).origin, platformOrigins);
    const closeTab = () => {
      if (tabId !== undefined) void deps.tabs.remove?.(tabId).catch(() => {});
    };

    switch (outcome.kind) {
      case 'error-page':
        // Left open: the runtime's own page says what went wrong.
        return outcome.step === 'start'
          ? fail('oauth-not-available', text('oauthNotAvailable', [name, provider]))
          : fail('oauth-failed', text('oauthCallbackFailed', [name, provider]));
      case 'timeout':
        return fail('oauth-timeout', text('oauthTimedOut', [name]));
      case 'landed':
        closeTab();
        if (outcome.gitAuth === 'error') {
          if (outcome.reason === 'access_denied') {
            return fail('oauth-denied', text('oauthDenied', [provider, name]));
          }
          return fail(
            'oauth-failed',
            outcome.reason
              ? text('oauthProviderRefusedWithReason', [provider, name, outcome.reason.slice(0, 64)])
              : text('oauthProviderRefused', [provider, name]),
          );
        }
        break;
      case 'closed':
        break;
      case 'waiting':
        break;
    }

    const after = await stateOf(name);
    if (after === 'valid' && (outcome.kind === 'landed' || before !== 'valid')) {
      progress(name, 'done');
      return { runtimeName: name, ok: true };
    }
    if (outcome.kind === 'closed') {
      return fail('oauth-closed', text('oauthTabClosed', [name]));
    }
    return fail('oauth-no-token', text('oauthNoToken', [provider, name]));
  };

  const run = async (runtimeNames: readonly string[]): Promise<OAuthAnswer> => {
    const names = [...new Set(runtimeNames)];
    const [me, platformOrigins] = await Promise.all([deps.me(), deps.platformOrigins()]);
    for (const name of names) progress(name, 'pending');
    const results: RuntimeApplyResult[] = [];
    // One at a time: each runtime needs the user's consent in its own tab.
    for (const name of names) results.push(await authorizeOne(name, me, platformOrigins));
    return { results };
  };

  return {
    /** Runs after any authorization already running, so two tabs never ask for consent at once. */
    authorize(runtimeNames: readonly string[]): Promise<OAuthAnswer> {
      const next = queue.then(() => run(runtimeNames));
      queue = next.catch(() => {});
      return next;
    },
  };
};

export type GitOAuth = ReturnType<typeof createGitOAuth>;
