/**
 * Errors cross context boundaries as plain values: a stable `code` that tests assert and a
 * human `message` that says what to do next. A message never contains a secret.
 */
export interface AppError {
  readonly code: string;
  readonly message: string;
  /** A page that helps the user fix the problem (create a token, authorize SSO, create an API key). */
  readonly link?: string;
  /** Epoch milliseconds after which trying again makes sense (rate limits). */
  readonly retryAt?: number;
  /**
   * What the server answered, in its own words or in a few of ours (`HTTP 404`, `a web page`),
   * already redacted of every secret and cut short; for diagnostics. The message quotes it too.
   */
  readonly detail?: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: string,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Thrown inside the worker and turned into a `fail` result at the router boundary. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(code: string, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppFailure';
    this.appError = { code, message, ...extra };
  }
}

export const isAppFailure = (e: unknown): e is AppFailure => e instanceof AppFailure;
