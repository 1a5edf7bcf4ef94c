import { DEFAULT_PLATFORM_ORIGIN } from '../../shared/constants';
import { AppFailure } from '../../shared/errors';
import { type MessageKey, text } from '../../shared/i18n';
import { redactServerText } from '../../shared/redact';

/**
 * What a Codefresh answer that is not a success means, in words: our explanation plus the server's
 * own reason, redacted. Only an answer that says so (401, or `extensions.code: UNAUTHENTICATED`) means
 * the API key was refused; a 403 is a refused action (docs/platform-contract.md §6: go-sdk treats any
 * status ≥ 400 as an error carrying the raw body, and `errors[]` as failure).
 */

/** Which server answers: error codes differ so the UI can say which one failed. */
export type GraphqlTarget = 'platform' | 'app-proxy';

export interface GraphqlEndpoint {
  readonly target: GraphqlTarget;
  /** Full GraphQL URL, e.g. `https://g.codefresh.io/2.0/api/graphql`. */
  readonly url: string;
  /** Where the user creates a new API key (`<platform>/user/settings`). */
  readonly platformOrigin?: string;
}

/** A GraphQL error as the server sent it, already redacted for display. */
export interface GraphqlErrorInfo {
  readonly message: string;
  readonly code?: string;
}

/** Thrown for `errors[]`; callers can turn it into an operation-specific failure. */
export class GraphqlErrors extends AppFailure {
  readonly errors: readonly GraphqlErrorInfo[];
  constructor(code: string, message: string, errors: readonly GraphqlErrorInfo[], detail: string) {
    super(code, message, detail ? { detail } : {});
    this.name = 'GraphqlErrors';
    this.errors = errors;
  }
}

export const CODES = {
  platform: {
    unauthorized: 'codefresh-unauthorized',
    forbidden: 'codefresh-forbidden',
    badRequest: 'codefresh-bad-request',
    http: 'codefresh-http',
    down: 'codefresh-http',
    graphql: 'codefresh-graphql',
    timeout: 'codefresh-timeout',
    unreachable: 'codefresh-unreachable',
    badResponse: 'codefresh-bad-response',
  },
  'app-proxy': {
    unauthorized: 'app-proxy-unauthorized',
    forbidden: 'app-proxy-forbidden',
    badRequest: 'app-proxy-bad-request',
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
    badRequest: 'platformBadRequest',
    forbidden: 'platformForbidden',
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
    badRequest: 'appProxyBadRequest',
    forbidden: 'appProxyForbidden',
    notJson: 'appProxyAnswerNotJson',
    unexpectedShape: 'appProxyAnswerUnexpectedShape',
    reportedError: 'appProxyReportedError',
    withoutData: 'appProxyAnswerWithoutData',
  },
} as const satisfies Record<GraphqlTarget, Record<string, MessageKey>>;

export const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export const say = (
  endpoint: GraphqlEndpoint,
  sentence: keyof (typeof SENTENCES)['platform'],
  more: readonly (string | number)[] = [],
) => text(SENTENCES[endpoint.target][sentence], [hostOf(endpoint.url), ...more]);

const withDetail = (reason: string) => (reason ? { detail: reason } : {});
const orNoReason = (reason: string) => reason || text('platformServerGaveNoReason');

const unauthorized = (endpoint: GraphqlEndpoint, reason: string) => {
  const platform = endpoint.platformOrigin ?? DEFAULT_PLATFORM_ORIGIN;
  const link = `${platform}/user/settings`;
  const host = hostOf(endpoint.url);
  const message =
    endpoint.target === 'platform'
      ? reason
        ? text('platformApiKeyRefusedSaying', [link, reason])
        : text('platformApiKeyRefused', [link])
      : reason
        ? text('appProxyApiKeyRefusedSaying', [host, link, reason])
        : text('appProxyApiKeyRefused', [host, link]);
  return new AppFailure(CODES[endpoint.target].unauthorized, message, { link, ...withDetail(reason) });
};

const forbidden = (endpoint: GraphqlEndpoint, reason: string) =>
  new AppFailure(
    CODES[endpoint.target].forbidden,
    say(endpoint, 'forbidden', [orNoReason(reason)]),
    withDetail(reason),
  );

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export const errorInfos = (errors: readonly unknown[], secrets: readonly string[]): GraphqlErrorInfo[] =>
  errors.map((e) => {
    const record = asRecord(e);
    const message = redactServerText(typeof record.message === 'string' ? record.message : '', secrets);
    const code = asRecord(record.extensions).code;
    return typeof code === 'string' ? { message, code: redactServerText(code) } : { message };
  });

/** One line naming what the server said, e.g. `"token is missing scopes: repo"`. */
export const serverReason = (errors: readonly GraphqlErrorInfo[]): string => {
  const messages = [...new Set(errors.map((e) => e.message).filter((m) => m !== ''))];
  return messages.length === 0
    ? text('platformServerGaveNoReason')
    : redactServerText(messages.slice(0, 3).join('; '));
};

const HTML_TEXT = /<title[^>]*>([\s\S]*?)<\/title>|<h1[^>]*>([\s\S]*?)<\/h1>/i;

/**
 * The server's own reason in a body of any shape: GraphQL `errors[].message`, a JSON `message`,
 * `error` or `detail`, an HTML page's title, or plain text. Redacted; '' when there is none.
 */
export const reasonFromBody = (body: string, contentType: string, secrets: readonly string[]): string => {
  const trimmed = body.trim();
  if (trimmed === '') return '';
  if (/^[[{]/.test(trimmed)) {
    try {
      const json = asRecord(JSON.parse(trimmed));
      if (Array.isArray(json.errors) && json.errors.length > 0) {
        const infos = errorInfos(json.errors, secrets);
        const messages = [...new Set(infos.map((e) => e.message).filter((m) => m !== ''))];
        if (messages.length > 0) return redactServerText(messages.slice(0, 3).join('; '), secrets);
      }
      const error = json.error;
      for (const candidate of [
        json.message,
        typeof error === 'string' ? error : asRecord(error).message,
        json.detail,
      ]) {
        if (typeof candidate === 'string' && candidate.trim()) return redactServerText(candidate, secrets);
      }
      return '';
    } catch {
      // Not JSON after all: read it as text below.
    }
  }
  if (/html/i.test(contentType) || /^</.test(trimmed)) {
    const match = HTML_TEXT.exec(trimmed);
    const words = match ? (match[1] ?? match[2] ?? '') : trimmed.replace(/<[^>]*>/g, ' ');
    return redactServerText(words.replace(/<[^>]*>/g, ' '), secrets);
  }
  return redactServerText(trimmed, secrets);
};

/** The failure for an HTTP answer that is not a success, or null for a 2xx that is not a web page. */
export const failureForStatus = (
  endpoint: GraphqlEndpoint,
  answer: { status: number; contentType: string; body: string; redirected: boolean },
  secrets: readonly string[],
): AppFailure | null => {
  const codes = CODES[endpoint.target];
  const { status } = answer;
  if (answer.redirected || (status >= 300 && status < 400)) {
    return new AppFailure(codes.badResponse, say(endpoint, 'redirected'));
  }
  const appProxy = endpoint.target === 'app-proxy';
  const webPage = /^\s*text\/html/i.test(answer.contentType);
  if (status < 400 && !(appProxy && webPage)) return null;
  const reason = reasonFromBody(answer.body, answer.contentType, secrets);
  if (status === 401) return unauthorized(endpoint, reason);
  if (status === 403) return forbidden(endpoint, reason);
  if (appProxy && (status === 502 || status === 503 || status === 504)) {
    return new AppFailure(
      codes.down,
      text('appProxyDown', [hostOf(endpoint.url), status]),
      withDetail(reason),
    );
  }
  if (appProxy && (status === 404 || status < 400)) {
    const what = status === 404 ? text('answeredHttpStatus', [status]) : text('answeredWebPage');
    return new AppFailure(APP_PROXY_NOT_THERE, text('appProxyNotThere', [hostOf(endpoint.url), what]), {
      detail: reason ? `${what}: ${reason}` : what,
    });
  }
  if (status === 400)
    return new AppFailure(
      codes.badRequest,
      say(endpoint, 'badRequest', [orNoReason(reason)]),
      withDetail(reason),
    );
  return new AppFailure(codes.http, say(endpoint, 'http', [status, orNoReason(reason)]), withDetail(reason));
};

/** The failure for GraphQL `errors[]`, even next to non-null `data` (as in the SDK). */
export const failureForErrors = (
  endpoint: GraphqlEndpoint,
  errors: readonly unknown[],
  secrets: readonly string[],
): AppFailure => {
  const infos = errorInfos(errors, secrets);
  const reason = serverReason(infos);
  if (infos.some((e) => e.code === 'UNAUTHENTICATED')) return unauthorized(endpoint, reason);
  if (infos.some((e) => e.code === 'FORBIDDEN')) return forbidden(endpoint, reason);
  return new GraphqlErrors(
    CODES[endpoint.target].graphql,
    say(endpoint, 'reportedError', [reason]),
    infos,
    reason,
  );
};

/**
 * Failure for data whose shape does not match what the operation asked for; `sentence` names what
 * was wrong, takes the server's host, and belongs to the endpoint's target.
 */
export const badShape = (endpoint: GraphqlEndpoint, sentence: MessageKey): AppFailure =>
  new AppFailure(CODES[endpoint.target].badResponse, text(sentence, [hostOf(endpoint.url)]));
