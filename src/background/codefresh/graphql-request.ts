import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { assertSecretDestination, type HostAccessCheck } from '../network/secret-destination';
import { CODES, failureForErrors, failureForStatus, type GraphqlEndpoint, say } from './server-answer';

export {
  APP_PROXY_NOT_THERE,
  badShape,
  type GraphqlEndpoint,
  type GraphqlErrorInfo,
  GraphqlErrors,
  type GraphqlTarget,
  serverReason,
} from './server-answer';

/** How long one Codefresh call (platform or app-proxy) may take, body included (one place). */
export const CODEFRESH_REQUEST_TIMEOUT_MS = 15_000;

/** Which server answers: error codes differ so the UI can say which one failed. */
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

  const failure = failureForStatus(
    endpoint,
    { status, contentType, body: responseText, redirected: type === 'opaqueredirect' },
    secrets,
  );
  if (failure) throw failure;

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
  if (Array.isArray(errors) && errors.length > 0) throw failureForErrors(endpoint, errors, secrets);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppFailure(codes.badResponse, say(endpoint, 'withoutData'));
  }
  return data as Record<string, unknown>;
};
