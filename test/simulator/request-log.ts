/**
 * What the simulator received, for tests to assert on. Secrets never enter the log: headers that
 * carry credentials keep only their scheme and last four characters, and GraphQL variables whose
 * key names a secret are reduced the same way. The query text and the URL's query string are not
 * kept at all, since a careless client could inline a token there.
 */
import type { LoggedRequest } from './types';

/** `…` + last 4: enough to tell two tokens apart, never enough to use one. */
export const lastFour = (secret: string): string => `…${secret.slice(-4)}`;

const SECRET_HEADERS = new Set(['authorization', 'x-access-token', 'cookie', 'private-token']);

/** `Bearer abc…` → `Bearer …wxyz`; a raw API key (§2: no scheme) → `…wxyz`. */
export const redactCredential = (value: string): string => {
  const match = /^(\w+)\s+(\S.*)$/.exec(value.trim());
  return match ? `${match[1]} ${lastFour(match[2]!)}` : lastFour(value.trim());
};

export const redactHeaders = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? redactCredential(value) : value;
  });
  return out;
};

const SECRET_KEY = /token|secret|password|apikey|api_key/i;

/** Deep copy of GraphQL variables with every secret-named string reduced to its last 4. */
export const redactVariables = (value: unknown, key = ''): unknown => {
  if (typeof value === 'string') return SECRET_KEY.test(key) ? lastFour(value) : value;
  if (Array.isArray(value)) return value.map((v) => redactVariables(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactVariables(v, k)]));
  }
  return value;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface RequestLog {
  /** Records a request on arrival (so the log is in arrival order); returns a setter for its status. */
  start(entry: Omit<LoggedRequest, 'status'>): (status: number) => void;
  entries(): LoggedRequest[];
  clear(): void;
}

export const createRequestLog = (): RequestLog => {
  let entries: Mutable<LoggedRequest>[] = [];
  return {
    start(entry) {
      // status 0 until answered; stays 0 for a dropped connection.
      const logged: Mutable<LoggedRequest> = { ...entry, status: 0 };
      entries.push(logged);
      return (status) => {
        logged.status = status;
      };
    },
    entries: () => entries.map((e) => ({ ...e })),
    clear() {
      entries = [];
    },
  };
};
