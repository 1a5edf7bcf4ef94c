import { providerLabel as labelOf } from '../../providers/registry';
import { type AppError, AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { OAuthAnswer, OAuthProgressEvent } from '../../shared/messages/oauth';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import { type OAuthProviderPath, oauthProviderLabel, oauthProviderPath } from '../../shared/oauth-providers';
import type { GitProvider, RuntimeView } from '../../shared/runtime-types';
import {
  type ConsentTabs,
  GIT_AUTH_PATH,
  OAUTH_POLL_MS,
  OAUTH_TIMEOUT_MS,
  watchConsentTab,
} from './oauth-consent-tab';

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

export interface GitOAuthDeps {
  readonly tabs: ConsentTabs;
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
    const { outcome, tabId } = await watchConsentTab(deps.tabs, url, platformOrigins, {
      timeoutMs,
      pollMs,
    });
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
