/**
 * The simulator core: every fake host behind one Fetch handler that dispatches on the request's
 * host, with the request log, injected faults and an optional round-trip delay wrapped around it.
 * Unit tests use `sim.fetch` in-process; server.ts puts the same `handle` behind HTTPS for Chromium.
 */
import { createAppProxyHost, webhooksOnlyHost } from './app-proxy';
import { applyFault, createFaults, DroppedConnection } from './faults';
import { createGitAuthFlows } from './git-auth';
import { createFakeGitProviders } from './git-providers/index';
import { operationNameOf, parseGraphQLBody } from './graphql-http';
import { createPlatformHost } from './platform';
import type { Refusal } from './refusals';
import { createRequestLog, redactHeaders, redactVariables } from './request-log';
import {
  appProxyHostOf,
  extraGithubRuntimes,
  GIT_HOSTS,
  GITHUB_WEB_HOST,
  PLATFORM_HOST,
  SAME_NAMED_RUNTIME,
  SEED_RUNTIMES,
  SELF_HOSTED_PLATFORM_HOST,
  type SeedRuntime,
  webhooksOnlyHostsOf,
} from './seed';
import { createWorldState, type RuntimeState, runtimeKey, type WorldState } from './state';
import type { FaultSpec, FetchHandler, LoggedRequest } from './types';

export { DroppedConnection } from './faults';
export { GIT_CHECK_REFUSAL, REFUSALS, type Refusal } from './refusals';
export * from './seed';
export type { FaultSpec, FetchHandler, LoggedRequest } from './types';

export interface SimulatorOptions {
  /** Added before every answer, to make latency visible (the bench, the demo). */
  readonly rttMs?: number;
  readonly now?: () => number;
  /**
   * Adds this many GitHub runtimes without a token after the seed (`bench-01`…, each on its own
   * host `bench-NN.acme-corp.example`), for the bench's 20-runtime figures. Default 0: the seed.
   */
  readonly extraGithubRuntimes?: number;
  /** Adds acme-gitlab's own `production` beside acme's (seed.ts `SAME_NAMED_RUNTIME`). Default: the seed. */
  readonly sameNamedRuntime?: boolean;
}

export interface RegistrationView {
  readonly userId: string;
  readonly tokenLastFour: string;
  readonly username?: string;
  readonly isValid: boolean;
}

export interface Simulator {
  readonly hosts: readonly string[];
  /** The app-proxy hosts among `hosts` (RUNTIME_HOSTS plus any extra runtimes'). */
  readonly runtimeHosts: readonly string[];
  /** Every runtime's seed, in the order the platform lists them. */
  readonly runtimes: readonly SeedRuntime[];
  /** Dispatches on the URL's host; a dropped connection rejects with DroppedConnection. */
  readonly handle: FetchHandler;
  /** In-process fetch, as the extension calls it: `sim.fetch('https://g.codefresh.io/2.0/api/graphql', …)`. */
  readonly fetch: typeof fetch;
  log(): LoggedRequest[];
  clearLog(): void;
  /** Back to the seed: registrations, validation switches, faults, log and provider counters. */
  reset(): void;
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  /**
   * What a runtime's app-proxy holds, token reduced to its last four characters. `accountId` picks
   * among runtimes of the same name (`sameNamedRuntime`); a name several accounts use needs it.
   */
  registrations(runtimeName: string, accountId?: string): RegistrationView[];
  setSkipValidation(runtimeName: string, skip: boolean): void;
  /** How the runtime's app-proxy refuses (refusals.ts), or null to answer normally again. */
  setRefusal(runtimeName: string, refusal: Refusal | null): void;
  setTokenValid(runtimeName: string, userId: string, isValid: boolean): void;
  /** Tokens the fake GitLab issued by self-rotation, oldest first (tests read them; never logged). */
  gitlabIssuedTokens(): readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const notServed = (host: string): Response =>
  new Response(`The simulator does not serve ${host}`, {
    status: 502,
    headers: { 'Content-Type': 'text/plain' },
  });

export const createSimulator = (options: SimulatorOptions = {}): Simulator => {
  const now = options.now ?? Date.now;
  const rttMs = options.rttMs ?? 0;
  const seeds: readonly SeedRuntime[] = [
    ...SEED_RUNTIMES,
    ...(options.extraGithubRuntimes ? extraGithubRuntimes(options.extraGithubRuntimes) : []),
    ...(options.sameNamedRuntime ? [SAME_NAMED_RUNTIME] : []),
  ];
  // Host → the runtime's key in the world (account and name: names may repeat across accounts).
  const byRuntimeHost = new Map(
    seeds.flatMap((r) => {
      const host = appProxyHostOf(r);
      return host ? [[host, runtimeKey(r)] as const] : [];
    }),
  );
  const runtimeHosts = [...byRuntimeHost.keys()];
  const webhooksOnlyHosts = webhooksOnlyHostsOf(seeds);
  const hosts = [
    PLATFORM_HOST,
    SELF_HOSTED_PLATFORM_HOST,
    ...runtimeHosts,
    ...webhooksOnlyHosts,
    ...GIT_HOSTS,
  ];
  let world: WorldState = createWorldState(seeds);
  const requestLog = createRequestLog();
  const faults = createFaults();
  const git = createFakeGitProviders({ now });
  const gitAuth = createGitAuthFlows(seeds);

  const runtimeState = (name: string, accountId?: string): RuntimeState => {
    const named = [...world.values()].filter(
      (r) => r.seed.name === name && (accountId === undefined || r.seed.accountId === accountId),
    );
    if (named.length > 1) throw new Error(`Several accounts have a runtime named ${name}: name the account`);
    if (!named[0]) throw new Error(`No runtime named ${name}`);
    return named[0];
  };
  const stateAt = (key: string): RuntimeState => {
    const state = world.get(key);
    if (!state) throw new Error(`No runtime ${key}`);
    return state;
  };

  const platformHost = createPlatformHost(() => world);
  const byHost = new Map<string, FetchHandler>([
    [PLATFORM_HOST, platformHost],
    [SELF_HOSTED_PLATFORM_HOST, platformHost],
  ]);
  for (const [host, key] of byRuntimeHost) {
    byHost.set(
      host,
      createAppProxyHost(() => stateAt(key), git.handle, gitAuth),
    );
  }
  for (const host of webhooksOnlyHosts) byHost.set(host, webhooksOnlyHost);
  for (const host of git.hosts) byHost.set(host, git.handle);
  // github.com serves only the simulated OAuth consent page (git-auth.ts).
  byHost.set(GITHUB_WEB_HOST, async () => new Response('Not Found', { status: 404 }));

  const route = (host: string, request: Request): Promise<Response> =>
    gitAuth.consentRequest(request) ?? (byHost.get(host) ?? (async () => notServed(host)))(request);

  const handle: FetchHandler = async (request) => {
    const url = new URL(request.url);
    const host = url.host;
    const bodyText = request.method === 'POST' ? await request.clone().text() : '';
    const graphql = bodyText ? parseGraphQLBody(bodyText) : null;
    const operationName = graphql ? operationNameOf(graphql) : undefined;
    const finish = requestLog.start({
      at: now(),
      method: request.method,
      host,
      path: url.pathname,
      ...(operationName ? { operationName } : {}),
      ...(graphql?.variables ? { variables: redactVariables(graphql.variables) } : {}),
      headers: redactHeaders(request.headers),
    });
    if (rttMs > 0) await sleep(rttMs);
    const fault = faults.take({ host, path: url.pathname, operationName });
    const response = fault ? await applyFault(fault, () => route(host, request)) : await route(host, request);
    finish(response.status);
    return response;
  };

  /** Like a browser's fetch, an aborted signal rejects at once, even while a delay fault holds the answer. */
  const simFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const { signal } = request;
    const abortError = () => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
    if (signal.aborted) return Promise.reject(abortError());
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
      handle(request)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }) as typeof fetch;

  return {
    hosts,
    runtimeHosts,
    runtimes: seeds,
    handle,
    fetch: simFetch,
    log: () => requestLog.entries(),
    clearLog: () => requestLog.clear(),
    reset() {
      world = createWorldState(seeds);
      requestLog.clear();
      faults.clear();
      git.reset();
      gitAuth.reset();
    },
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    gitlabIssuedTokens: () => git.gitlabIssuedTokens(),
    registrations: (runtimeName, accountId) =>
      [...runtimeState(runtimeName, accountId).registrations].map(([userId, r]) => ({
        userId,
        tokenLastFour: r.token.slice(-4),
        ...(r.username ? { username: r.username } : {}),
        isValid: r.isValid,
      })),
    setRefusal(runtimeName, refusal) {
      runtimeState(runtimeName).refusal = refusal;
    },
    setSkipValidation(runtimeName, skip) {
      runtimeState(runtimeName).skipValidation = skip;
    },
    setTokenValid(runtimeName, userId, isValid) {
      const registration = runtimeState(runtimeName).registrations.get(userId);
      if (!registration) throw new Error(`User ${userId} has no token on ${runtimeName}`);
      registration.isValid = isValid;
    },
  };
};

/** True when an error is the simulator's dropped connection (the HTTPS server destroys the socket). */
export const isDropped = (error: unknown): error is DroppedConnection => error instanceof DroppedConnection;
