import { DEFAULT_PLATFORM_ORIGIN } from '../../shared/constants';
import { AppFailure } from '../../shared/errors';
import { type MessageKey, text } from '../../shared/i18n';
import { assertSecretDestination, type HostAccessCheck } from '../secret-destination';

/** How long one Codefresh call (platform or app-proxy) may take, body included (one place). */
export const CODEFRESH_REQUEST_TIMEOUT_MS = 15_000;

/** Which server answers: error codes differ so the UI can say which one failed. */
export type GraphqlTarget = 'platform' | 'app-proxy';

export interface GraphqlEndpoint {
  readonly target: GraphqlTarget;
  /** Full GraphQL URL, e.g. `https://g.codefresh.io/2.0/api/graphql`. */
  readonly url: string;
  /** Where the user creates a new API key (`<platform>/user/settings`). */
  readonly platformOrigin?: string;
}

export interface GraphqlDeps {
  readonly fetch: typeof fetch;
  /** Every call carries the API key, so each is checked against the browser's grants first
   * (`assertSecretDestination`); the browser's `permissions.contains` unless a test passes its own. */
  readonly hasHostAccess?: HostAccessCheck;
  readonly timeoutMs?: number;
}

export interface GraphqlCall {
  readonly query: string;
  readonly operationName: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The user's Codefresh API key, sent raw in Authorization (no `Bearer`, docs/platform-contract.md §2). */
  readonly apiKey: string;
  /** Other secrets in the variables (a Git token) that must never appear in an error message. */
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
}

/** A GraphQL error as the server sent it, already sanitized for display. */
export interface GraphqlErrorInfo {
  readonly message: string;
  readonly code?: string;
}

/** Thrown for `errors[]`; callers can turn it into an operation-specific failure. */
export class GraphqlErrors extends AppFailure {
  readonly errors: readonly GraphqlErrorInfo[];
  constructor(code: string, message: string, errors: readonly GraphqlErrorInfo[]) {
    super(code, message);
    this.name = 'GraphqlErrors';
    this.errors = errors;
  }
}

const CODES = {
  platform: {
    unauthorized: 'codefresh-unauthorized',
    http: 'codefresh-http',
    down: 'codefresh-http',
    graphql: 'codefresh-graphql',
    timeout: 'codefresh-timeout',
    unreachable: 'codefresh-unreachable',
    badResponse: 'codefresh-bad-response',
  },
  'app-proxy': {
    unauthorized: 'app-proxy-unauthorized',
    http: 'app-proxy-http',
    down: 'app-proxy-down',
    graphql: 'app-proxy-graphql',
    timeout: 'app-proxy-timeout',
    unreachable: 'app-proxy-unreachable',
    badResponse: 'app-proxy-bad-response',
  },
} as const;

/**
 * The host answered, but not as an app-proxy: 404 for `/app-proxy/` (an external host that serves
 * only webhooks when the runtime has an internal ingress, docs/platform-contract.md §2) or a web
 * page. The address is wrong, not the runtime: the user can set another one.
 */
export const APP_PROXY_NOT_THERE = 'app-proxy-not-there';

export type CodefreshErrorCode = (typeof CODES)[GraphqlTarget][keyof (typeof CODES)['platform']];

/**
 * One whole sentence per target, so a translator never has to fit "Codefresh (host)" and "the
 * runtime's app-proxy at host" into the same frame. Each takes the server's host first.
 */
const SENTENCES = {
  platform: {
    timeout: 'platformTimeout',
    unreachable: 'platformUnreachable',
    redirected: 'platformRedirected',
    http: 'platformHttpError',
    notJson: 'platformAnswerNotJson',
    unexpectedShape: 'platformAnswerUnexpectedShape',
    reportedError: 'platformReportedError',
    withoutData: 'platformAnswerWithoutData',
  },
  'app-proxy': {
    timeout: 'appProxyTimeout',
    unreachable: 'appProxyUnreachable',
    redirected: 'appProxyRedirected',
    http: 'appProxyHttpError',
    notJson: 'appProxyAnswerNotJson',
    unexpectedShape: 'appProxyAnswerUnexpectedShape',
    reportedError: 'appProxyReportedError',
    withoutData: 'appProxyAnswerWithoutData',
  },
} as const satisfies Record<GraphqlTarget, Record<string, MessageKey>>;

const MAX_SERVER_TEXT = 300;
/** Provider token shapes (GitHub, GitLab, Bitbucket) redacted even if we were not told about them. */
const TOKEN_LIKE = /\b(?:gh[pousr]_|github_pat_|glpat-|ATBB|ATATT)[A-Za-z0-9_-]{8,}/g;

/**
 * Server text is shown to the user, so it is cut to one short line, stripped of control characters,
 * and any secret we sent (or anything shaped like a token) is replaced by `…`.
 */
export const sanitizeServerText = (raw: string, secrets: readonly string[] = []): string => {
  let clean = raw;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join('…');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  clean = clean.replace(TOKEN_LIKE, '…').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  clean = clean.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT - 1)}…` : clean;
};

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const say = (
  endpoint: GraphqlEndpoint,
  sentence: keyof (typeof SENTENCES)['platform'],
  more: readonly (string | number)[] = [],
) => text(SENTENCES[endpoint.target][sentence], [hostOf(endpoint.url), ...more]);

const unauthorized = (endpoint: GraphqlEndpoint) => {
  const platform = endpoint.platformOrigin ?? DEFAULT_PLATFORM_ORIGIN;
  const link = `${platform}/user/settings`;
  const message =
    endpoint.target === 'platform'
      ? text('platformApiKeyRefused', [link])
      : text('appProxyApiKeyRefused', [hostOf(endpoint.url), link]);
  return new AppFailure(CODES[endpoint.target].unauthorized, message, { link });
};

const errorInfos = (errors: readonly unknown[], secrets: readonly string[]): GraphqlErrorInfo[] =>
  errors.map((e) => {
    const record = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const extensions = (
      typeof record.extensions === 'object' && record.extensions !== null ? record.extensions : {}
    ) as Record<string, unknown>;
    const message = sanitizeServerText(typeof record.message === 'string' ? record.message : '', secrets);
    const code = typeof extensions.code === 'string' ? sanitizeServerText(extensions.code) : undefined;
    return code ? { message, code } : { message };
  });

/** One line naming what the server said, e.g. `"token is missing scopes: repo"`. */
export const serverReason = (errors: readonly GraphqlErrorInfo[]): string => {
  const messages = [...new Set(errors.map((e) => e.message).filter((m) => m !== ''))];
  return messages.length === 0
    ? text('platformServerGaveNoReason')
    : sanitizeServerText(messages.slice(0, 3).join('; '));
};

/**
 * One GraphQL POST to the Codefresh platform or a runtime's app-proxy; resolves to `data` or throws
 * an AppFailure with a stable code. `errors[]` is a failure even next to non-null `data`, as in the
 * SDK (docs/platform-contract.md §6). The API key goes only into the Authorization header, never a URL or message.
 * `credentials: 'omit'` keeps the browser's Codefresh session cookie out of it; `redirect: 'manual'`
 * keeps the key from following a redirect to another host.
 */
export const graphqlRequest = async (
  deps: GraphqlDeps,
  endpoint: GraphqlEndpoint,
  call: GraphqlCall,
): Promise<Record<string, unknown>> => {
  await assertSecretDestination(endpoint.url, deps.hasHostAccess);
  const codes = CODES[endpoint.target];
  const secrets = [call.apiKey, ...(call.secrets ?? [])];
  const timeoutMs = deps.timeoutMs ?? CODEFRESH_REQUEST_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (call.signal?.aborted) controller.abort();
  call.signal?.addEventListener('abort', onCallerAbort, { once: true });
  // Raced as well as passed to fetch, so an injected fetch that ignores the signal still times out.
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => reject(new Error('aborted'));
    if (controller.signal.aborted) stop();
    controller.signal.addEventListener('abort', stop, { once: true });
  });
  aborted.catch(() => {});

  let status: number;
  let responseText: string;
  let type: ResponseType;
  let contentType: string;
  try {
    const response = await Promise.race([
      deps.fetch(endpoint.url, {
        method: 'POST',
        headers: { Authorization: call.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: call.query,
          variables: call.variables,
          operationName: call.operationName,
        }),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'manual',
        signal: controller.signal,
      }),
      aborted,
    ]);
    status = response.status;
    type = response.type;
    contentType = response.headers?.get('content-type') ?? '';
    responseText = await Promise.race([response.text(), aborted]);
  } catch {
    if (timedOut) {
      throw new AppFailure(codes.timeout, say(endpoint, 'timeout', [Math.round(timeoutMs / 1000)]));
    }
    if (call.signal?.aborted) throw new AppFailure('request-cancelled', text('requestCancelled'));
    // The underlying error can carry the URL and headers; none of it is passed on.
    throw new AppFailure(codes.unreachable, say(endpoint, 'unreachable'));
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onCallerAbort);
  }

  if (status === 401 || status === 403) throw unauthorized(endpoint);
  if (type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    throw new AppFailure(codes.badResponse, say(endpoint, 'redirected'));
  }
  if (endpoint.target === 'app-proxy' && (status === 502 || status === 503 || status === 504)) {
    throw new AppFailure(codes.down, text('appProxyDown', [hostOf(endpoint.url), status]));
  }
  const webPage = /^\s*text\/html/i.test(contentType);
  if (endpoint.target === 'app-proxy' && (status === 404 || (status < 400 && webPage))) {
    const what = status === 404 ? text('answeredHttpStatus', [status]) : text('answeredWebPage');
    throw new AppFailure(APP_PROXY_NOT_THERE, text('appProxyNotThere', [hostOf(endpoint.url), what]), {
      detail: what,
    });
  }
  if (status >= 400) {
    throw new AppFailure(codes.http, say(endpoint, 'http', [status]));
  }

  let body: unknown;
  try {
    body = JSON.parse(responseText);
  } catch {
    throw new AppFailure(codes.badResponse, say(endpoint, 'notJson'));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppFailure(codes.badResponse, say(endpoint, 'unexpectedShape'));
  }
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) {
    const infos = errorInfos(errors, secrets);
    if (infos.some((e) => e.code === 'UNAUTHENTICATED')) throw unauthorized(endpoint);
    throw new GraphqlErrors(codes.graphql, say(endpoint, 'reportedError', [serverReason(infos)]), infos);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppFailure(codes.badResponse, say(endpoint, 'withoutData'));
  }
  return data as Record<string, unknown>;
};

/**
 * Failure for data whose shape does not match what the operation asked for; `sentence` names what
 * was wrong, takes the server's host, and belongs to the endpoint's target.
 */
export const badShape = (endpoint: GraphqlEndpoint, sentence: MessageKey): AppFailure =>
  new AppFailure(CODES[endpoint.target].badResponse, text(sentence, [hostOf(endpoint.url)]));
