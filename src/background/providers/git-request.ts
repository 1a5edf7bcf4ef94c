import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { assertSecretDestination, type HostAccessCheck } from '../network/secret-destination';

/** How long one validation request may take, body included, before we give up (one place). */
export const GIT_REQUEST_TIMEOUT_MS = 10_000;

export interface GitHttpDeps {
  readonly fetch?: typeof fetch;
  /** Every request carries the token, so each is checked against the browser's grants first
   * (`assertSecretDestination`); the browser's `permissions.contains` unless a test passes its own. */
  readonly hasHostAccess?: HostAccessCheck;
  readonly now?: () => number;
  /** Test seam: a shorter timeout than GIT_REQUEST_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

export interface GitResponse {
  readonly status: number;
  readonly headers: Headers;
  /** `basic` with host permission; `cors` means headers beyond the exposed list are invisible (§1.3). */
  readonly type: ResponseType;
  readonly text: string;
}

export interface GitHttp {
  /** One request to `{apiBase}{path}`. Never retried: a 401 or 403 must not be repeated (§0.2 rule 4). */
  request(
    path: string,
    init: {
      readonly method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
      readonly headers: Readonly<Record<string, string>>;
      /** A JSON text; it may carry the token (GitHub's credential revocation), so it is checked like a header. */
      readonly body?: string;
    },
  ): Promise<GitResponse>;
}

/**
 * Requests to Git hosts leave from the worker with `credentials: 'omit'` (cookies would
 * authenticate a mangled request as the browser's user, §1.4), `cache: 'no-store'`, and
 * `redirect: 'manual'` so the Authorization header never follows a redirect to another place.
 */
export const createGitHttp = (apiBase: string, displayHost: string, deps: GitHttpDeps): GitHttp => {
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = deps.timeoutMs ?? GIT_REQUEST_TIMEOUT_MS;
  return {
    async request(path, init) {
      const url = `${apiBase}${path}`;
      await assertSecretDestination(url, deps.hasHostAccess);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const response = await doFetch(url, {
          method: init.method,
          headers: init.headers,
          ...(init.body === undefined ? {} : { body: init.body }),
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'manual',
          signal: controller.signal,
        });
        const text = init.method === 'HEAD' ? '' : await response.text();
        return { status: response.status, headers: response.headers, type: response.type, text };
      } catch (e) {
        if (controller.signal.aborted) {
          throw new AppFailure(
            'git-host-timeout',
            text('gitHostTimeout', [displayHost, Math.round(timeoutMs / 1000)]),
          );
        }
        if (e instanceof AppFailure) throw e;
        // The underlying error may carry the URL; never pass it on (the token is not in it, but keep it simple).
        throw new AppFailure('git-host-unreachable', text('gitHostUnreachable', [displayHost]));
      } finally {
        clearTimeout(timer);
      }
    },
  };
};

/** Parses a JSON body or fails with `git-host-bad-response`. */
export const parseJson = (response: GitResponse, displayHost: string): unknown => {
  try {
    return JSON.parse(response.text);
  } catch {
    throw badResponse(displayHost, text('gitHostSentNotJson'));
  }
};

/** `what` is a `gitHostSent…` message: what came back instead of the expected answer. */
export const badResponse = (displayHost: string, what: string): AppFailure =>
  new AppFailure('git-host-bad-response', text('gitHostBadResponse', [displayHost, what]));

export const hostError = (displayHost: string, status: number): AppFailure =>
  new AppFailure('git-host-error', text('gitHostError', [displayHost, status]));

/** Statuses that are neither success nor a token problem: redirects, 404s, 5xx. */
export const unexpectedStatus = (response: GitResponse, displayHost: string): AppFailure => {
  if (response.status >= 500) return hostError(displayHost, response.status);
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return badResponse(displayHost, text('gitHostSentRedirect'));
  }
  return badResponse(displayHost, text('gitHostSentUnexpectedStatus', [response.status]));
};

/**
 * When trying again makes sense: `Retry-After` (seconds or a date) first, then an epoch-seconds
 * reset header (`x-ratelimit-reset` on GitHub, `RateLimit-Reset` on GitLab), else undefined.
 */
export const retryAtFrom = (headers: Headers, now: number): number | undefined => {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return now + seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return date;
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset') ?? Number.NaN);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
};

export const rateLimited = (displayHost: string, retryAt: number | undefined, now: number): AppFailure =>
  retryAt === undefined
    ? new AppFailure('token-rate-limited', text('gitRateLimitedRetrySoon', [displayHost]))
    : new AppFailure(
        'token-rate-limited',
        text('gitRateLimitedRetryInMinutes', [displayHost, Math.max(1, Math.ceil((retryAt - now) / 60_000))]),
        { retryAt },
      );
