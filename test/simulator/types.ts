/**
 * The simulator's public shape, shared by the demo, the e2e tests and the unit tests.
 * Every fake host is a Fetch-style handler; the HTTPS server and the in-process `fetch` both
 * call the same handlers, so unit tests exercise exactly what Chromium talks to.
 */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface LoggedRequest {
  readonly at: number;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** GraphQL operation name when the body is a GraphQL request. */
  readonly operationName?: string;
  /** GraphQL variables with every secret redacted to `…` + its last 4 characters. */
  readonly variables?: unknown;
  /** Request headers minus secrets (Authorization and cookies reduced to scheme + last 4). */
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface FaultSpec {
  /** Host the fault applies to, e.g. `g.codefresh.io` or `acme-prod.tunnels.cf-cd.com`. */
  readonly host: string;
  /** Path prefix or GraphQL operation name; omitted means every request to the host. */
  readonly path?: string;
  readonly operationName?: string;
  readonly status?: number;
  readonly delayMs?: number;
  readonly body?: string;
  /** `malformed`: a non-JSON body; `graphql-errors`: 200 with `errors[]` and non-null `data`; `drop`: reset the connection. */
  readonly kind?: 'status' | 'malformed' | 'graphql-errors' | 'drop' | 'delay';
  /** How many requests the fault applies to; omitted means until cleared. */
  readonly times?: number;
}

/** The fake Git providers (GitHub, GHE, GitLab, Bitbucket Cloud and DC) served by the simulator. */
export interface FakeGitProviders {
  /** Host names this handler answers, e.g. `api.github.com`. */
  readonly hosts: readonly string[];
  /** Dispatches by the request URL's host; unknown hosts get a 502. */
  readonly handle: FetchHandler;
  /** Clears per-token counters (rate-limit usage) and rotated GitLab tokens between tests. */
  reset(): void;
  /** Tokens the fake GitLab issued by self-rotation, oldest first. */
  gitlabIssuedTokens(): readonly string[];
}
