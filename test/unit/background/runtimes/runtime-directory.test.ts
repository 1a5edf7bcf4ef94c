import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppProxyClient } from '../../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../../src/background/codefresh/platform-client';
import {
  createRuntimeDirectory,
  RUNTIME_CACHE_KEY,
  RUNTIME_SNAPSHOT_KEY,
  type RuntimeDirectoryDeps,
  type RuntimeListProgress,
} from '../../../../src/background/runtimes/runtime-directory';
import type { RuntimeView } from '../../../../src/shared/runtime-types';
import {
  BITBUCKET_API_KEY,
  createSimulator,
  DEMO_API_KEY,
  PLATFORM_HOST,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_ACCOUNT,
  SIM_OTHER_USER,
  SIM_USER,
} from '../../../simulator';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../../../simulator/git-providers';
import { failureOf } from '../../failure';

const sim = createSimulator();
const PROD = 'https://argo.acme-corp.example';
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';

let clock: number;
let granted: Set<string>;
let apiKey: string | null;
let userId: string;

const makeDirectory = (extra: Partial<RuntimeDirectoryDeps> = {}) =>
  createRuntimeDirectory({
    platform: createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL, timeoutMs: 300 }),
    appProxy: createAppProxyClient({ fetch: sim.fetch, timeoutMs: 300 }),
    getApiKey: async () => apiKey,
    getMe: async () => ({ userId, accountGitApiUrl: SIM_ACCOUNT.gitApiUrl, accountGitProvider: 'GITHUB' }),
    hasHostAccess: async (origin) => granted.has(origin),
    cache: fakeBrowser.storage.session,
    now: () => clock,
    ...extra,
  });

beforeEach(() => {
  sim.reset();
  clock = 1_700_000_000_000;
  granted = new Set(RUNTIME_HOSTS.map((h) => `https://${h}`));
  apiKey = DEMO_API_KEY;
  userId = SIM_USER.id;
});

const byName = (runtimes: readonly RuntimeView[]) => Object.fromEntries(runtimes.map((r) => [r.name, r]));

describe('list: runtimes and the user’s token state on each', () => {
  it('reads every seeded state; one failing runtime never fails the list', async () => {
    const { runtimes, stale } = await makeDirectory().list(true);
    expect(stale).toBe(false);
    const r = byName(runtimes);
    expect(
      Object.fromEntries(
        runtimes.map((v) => [v.name, v.token.kind === 'unknown' ? v.token.reason : v.token.kind]),
      ),
    ).toEqual({
      production: 'valid',
      staging: 'none',
      qa: 'app-proxy-down',
      edge: 'no-host',
      dev: 'not-installed',
      sandbox: 'none',
      'eu-private': 'valid',
      analytics: 'none',
      ops: 'invalid',
      'legacy-gitlab': 'none',
    });
    expect(r.production).toEqual({
      name: 'production',
      namespace: 'codefresh',
      cluster: 'https://prod-eks.acme-corp.example',
      gitProvider: 'GITHUB',
      gitApiUrl: FAKE_GIT_API_URLS.github,
      installationStatus: 'COMPLETED',
      healthStatus: 'HEALTHY',
      accessMode: 'INGRESS',
      appProxyOrigin: PROD,
      appProxyHostSource: 'ingress',
      hostAccess: 'granted',
      repo: 'https://github.com/acme/codefresh-isc-production',
      token: { kind: 'valid' },
    });
    expect(r.staging).toMatchObject({ appProxyOrigin: STAGING, accessMode: 'TUNNEL' });
    // The integration's apiUrl wins; the account's only fills in for the same provider.
    expect(r['legacy-gitlab']).toMatchObject({ gitProvider: 'GITLAB', gitApiUrl: FAKE_GIT_API_URLS.gitlab });
    expect(r.qa!.gitApiUrl).toBe(SIM_ACCOUNT.gitApiUrl);
    expect(r.edge).toMatchObject({
      appProxyOrigin: null,
      hostAccess: 'not-applicable',
      gitApiUrl: SIM_ACCOUNT.gitApiUrl,
    });
    expect(r.qa!.token).toMatchObject({ message: expect.stringContaining('502') });
    // One platform call, then one read per installed runtime with a host; none for edge and dev.
    const log = sim.log();
    expect(log.filter((l) => l.host === PLATFORM_HOST).map((l) => l.operationName)).toEqual(['Runtimes']);
    expect(
      log
        .filter((l) => l.operationName === 'GitIntegration')
        .map((l) => l.host)
        .sort(),
    ).toEqual(
      [
        'argo.acme-corp.example',
        '64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
        'ops.acme-corp.example',
        'legacy-gitlab.acme-corp.example',
        'qa.acme-corp.example',
        'sandbox.acme-corp.example',
        'argo-internal.eu-private.acme-corp.example',
        '64f0acc0000000000000acme-analytics.tunnels.cf-cd.com',
      ].sort(),
    );
  });

  it('does not call a runtime the extension may not reach', async () => {
    granted.delete(PROD);
    const { runtimes } = await makeDirectory().list(true);
    expect(byName(runtimes).production).toMatchObject({
      hostAccess: 'missing',
      token: { kind: 'unknown', reason: 'no-host-access' },
      // Without the integration, the account's URL stands in (same provider).
      gitApiUrl: SIM_ACCOUNT.gitApiUrl,
    });
    expect(sim.log().some((l) => l.host === 'argo.acme-corp.example')).toBe(false);
  });

  it('maps timeouts and drops to unreachable, and other failures to error', async () => {
    sim.inject({ host: 'argo.acme-corp.example', kind: 'delay', delayMs: 1000 });
    sim.inject({ host: 'legacy-gitlab.acme-corp.example', kind: 'drop' });
    sim.inject({ host: 'ops.acme-corp.example', status: 500 });
    sim.inject({ host: 'sandbox.acme-corp.example', kind: 'malformed' });
    const r = byName((await makeDirectory().list(true)).runtimes);
    expect(r.production!.token).toMatchObject({ kind: 'unknown', reason: 'unreachable' });
    expect(r['legacy-gitlab']!.token).toMatchObject({ kind: 'unknown', reason: 'unreachable' });
    expect(r.ops!.token).toMatchObject({ kind: 'unknown', reason: 'error' });
    expect(r.sandbox!.token).toMatchObject({ kind: 'unknown', reason: 'error' });
    expect(r.staging!.token).toEqual({ kind: 'none' });
  });

  it('names the installation status of a runtime that is not installed yet', async () => {
    const platform = createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL });
    const [template] = await platform.runtimes(DEMO_API_KEY);
    const directory = makeDirectory({
      platform: {
        runtimes: async () =>
          (['FAILED', 'IN_PROGRESS', null] as const).map((installationStatus, i) => ({
            ...template!,
            name: `rt-${i}`,
            installationStatus,
          })),
        runtime: async () => null,
      },
    });
    const messages = (await directory.list(true)).runtimes.map((r) =>
      r.token.kind === 'unknown' ? r.token.message : r.token.kind,
    );
    expect(messages).toEqual([
      'rt-0 is not installed yet (failed). Finish the installation in Codefresh first.',
      'rt-1 is not installed yet (in progress). Finish the installation in Codefresh first.',
      'rt-2 is not installed yet (unknown). Finish the installation in Codefresh first.',
    ]);
  });

  it('says so when reading a token state fails in an unexpected way', async () => {
    const appProxy = createAppProxyClient({ fetch: sim.fetch, timeoutMs: 300 });
    const directory = makeDirectory({
      appProxy: {
        ...appProxy,
        gitIntegration: async () => {
          throw new TypeError('internal detail');
        },
      },
    });
    const { production } = byName((await directory.list(true)).runtimes);
    expect(production!.token).toEqual({
      kind: 'unknown',
      reason: 'error',
      message: 'Reading the token state failed unexpectedly. Refresh to try again.',
    });
  });

  it('counts a user listed only in the deprecated registeredUsers as valid', async () => {
    sim.inject({
      host: 'argo.acme-corp.example',
      status: 200,
      body: JSON.stringify({
        data: {
          gitIntegration: {
            name: 'default',
            provider: 'GITHUB',
            apiUrl: 'https://api.github.com',
            registeredUsers: [SIM_USER.id],
            users: null,
          },
        },
      }),
    });
    expect(byName((await makeDirectory().list(true)).runtimes).production!.token).toEqual({ kind: 'valid' });
  });

  it('shows another user’s view for another API key owner', async () => {
    userId = SIM_OTHER_USER.id;
    const r = byName((await makeDirectory().list(true)).runtimes);
    expect(r.production!.token).toEqual({ kind: 'valid' });
    expect(r.ops!.token).toEqual({ kind: 'none' });
  });

  it('uses the user’s host override for a runtime without a host', async () => {
    const override = 'https://edge.override.example';
    granted.add(override);
    const directory = makeDirectory({
      overrides: async () => ({ edge: 'edge.override.example/ignored/path' }),
    });
    const edge = byName((await directory.list(true)).runtimes).edge!;
    expect(edge.appProxyOrigin).toBe(override);
    // The simulator serves no such host and answers 502, like a proxy in front of nothing.
    expect(edge.token).toMatchObject({ kind: 'unknown', reason: 'app-proxy-down' });
  });

  it('calls internalIngressHost before ingressHost, as go-sdk AppProxy() does', async () => {
    const r = byName((await makeDirectory().list(true)).runtimes)['eu-private']!;
    expect(r).toMatchObject({
      appProxyOrigin: 'https://argo-internal.eu-private.acme-corp.example',
      appProxyHostSource: 'internal-ingress',
      token: { kind: 'valid' },
    });
    const hosts = sim
      .log()
      .filter((e) => e.operationName === 'GitIntegration')
      .map((e) => e.host);
    expect(hosts).toContain('argo-internal.eu-private.acme-corp.example');
    expect(hosts).not.toContain('hooks.eu-private.acme-corp.example');
  });

  it("puts the user's override before both, and says which address answered as no app-proxy", async () => {
    const external = 'https://hooks.eu-private.acme-corp.example';
    granted.add(external);
    const directory = makeDirectory({ overrides: async () => ({ 'eu-private': external }) });
    const r = byName((await directory.list(true)).runtimes)['eu-private']!;
    expect(r).toMatchObject({ appProxyOrigin: external, appProxyHostSource: 'override' });
    expect(r.token).toMatchObject({ kind: 'unknown', reason: 'not-there' });
    const message = r.token.kind === 'unknown' ? r.token.message : '';
    expect(message).toContain('HTTP 404');
    expect(message).toContain('Address tried: hooks.eu-private.acme-corp.example, from the address you set');
  });

  it('names the address and its source when the chosen host cannot be reached', async () => {
    sim.inject({ host: 'argo-internal.eu-private.acme-corp.example', kind: 'drop' });
    const r = byName((await makeDirectory().list(true)).runtimes)['eu-private']!;
    expect(r.token).toMatchObject({ kind: 'unknown', reason: 'unreachable' });
    expect(r.token.kind === 'unknown' && r.token.message).toContain(
      "Address tried: argo-internal.eu-private.acme-corp.example, from the runtime's internalIngressHost",
    );
  });

  it('fails as a whole only when the platform does', async () => {
    sim.inject({ host: PLATFORM_HOST, status: 500 });
    expect((await failureOf(makeDirectory().list(true))).appError.code).toBe('codefresh-http');
  });

  it('asks for an API key first', async () => {
    apiKey = null;
    expect((await failureOf(makeDirectory().list(true))).appError.code).toBe('no-api-key');
    expect(sim.log()).toEqual([]);
  });

  it('keeps at most 16 app-proxy reads in flight overall (each runtime on its own host)', async () => {
    const big = createSimulator({ extraGithubRuntimes: 40 });
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await big.fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    for (const host of big.runtimeHosts) big.inject({ host, kind: 'delay', delayMs: 20 });
    granted = new Set(big.runtimeHosts.map((h) => `https://${h}`));
    const directory = makeDirectory({
      platform: createPlatformClient({ fetch: big.fetch, platformOrigin: PLATFORM_URL, timeoutMs: 300 }),
      appProxy: createAppProxyClient({ fetch: counting, timeoutMs: 300 }),
    });
    const { runtimes } = await directory.list(true);
    expect(runtimes.filter((r) => r.name.startsWith('bench-')).every((r) => r.token.kind === 'none')).toBe(
      true,
    );
    expect(most).toBe(16);
  });

  it('streams: every name once the platform answered, then each runtime as it is read', async () => {
    const events: RuntimeListProgress[] = [];
    const { runtimes } = await makeDirectory({
      onProgress: (e) => events.push(e),
      getMe: async () => ({ userId, accountId: SIM_ACCOUNT.id, accountGitApiUrl: SIM_ACCOUNT.gitApiUrl }),
    }).list(true);
    // Each event names the account the list is of: the popup drops another account's.
    expect(events[0]).toEqual({ accountId: SIM_ACCOUNT.id, names: runtimes.map((r) => r.name) });
    expect(events.every((e) => e.accountId === SIM_ACCOUNT.id)).toBe(true);
    const arrived = events.slice(1).map((e) => ('runtime' in e ? e.runtime : null));
    expect(arrived).toHaveLength(runtimes.length);
    expect(byName(arrived.filter((r): r is RuntimeView => r !== null))).toEqual(byName(runtimes));
  });

  it('asks the runtime on screen first, and answers detection before any app-proxy has', async () => {
    for (const host of RUNTIME_HOSTS) sim.inject({ host, kind: 'delay', delayMs: 30 });
    const directory = makeDirectory();
    const seen: string[][] = [];
    const first = async (listed: readonly { name: string }[]) => {
      seen.push(listed.map((r) => r.name));
      return 'analytics';
    };
    const listing = directory.list(true, first);
    const listed = await directory.listed();
    const reads = () => sim.log().filter((e) => e.operationName === 'GitIntegration');
    // Detection has the names and hosts while every app-proxy read is still held.
    expect(listed.map((r) => r.name)).toContain('analytics');
    expect(reads().every((e) => e.status === 0)).toBe(true);
    await listing;
    expect(seen).toEqual([listed.map((r) => r.name)]);
    expect(reads()[0]?.host).toBe(new URL(STAGING.replace('staging', 'analytics')).host);
  });
});

describe('list: the storage.session cache', () => {
  it('answers from the cache, marks it stale after 60 s, refetches on list(true)', async () => {
    const directory = makeDirectory();
    const first = await directory.list(true);
    sim.clearLog();
    expect(await directory.list(false)).toEqual({ runtimes: first.runtimes, stale: false });
    expect(sim.log()).toEqual([]);
    clock += 60_001;
    const old = await directory.list(false);
    expect(old.stale).toBe(true);
    expect(old.runtimes).toEqual(first.runtimes);
    expect(sim.log()).toEqual([]);
    await directory.list(true);
    expect(sim.log().filter((l) => l.operationName === 'Runtimes')).toHaveLength(1);
    expect((await directory.list(false)).stale).toBe(false);
  });

  it('fetches when nothing is cached, and after invalidate()', async () => {
    const directory = makeDirectory();
    expect((await directory.list(false)).stale).toBe(false);
    await directory.invalidate();
    sim.clearLog();
    await directory.list(false);
    expect(sim.log().filter((l) => l.operationName === 'Runtimes')).toHaveLength(1);
  });

  it('holds no secret', async () => {
    await makeDirectory().list(true);
    const stored = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(stored)).toEqual([RUNTIME_CACHE_KEY]);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(DEMO_API_KEY);
    expect(text).not.toContain('SIMLEAK');
  });

  it('ignores a list cached for another user', async () => {
    await makeDirectory().list(true);
    userId = SIM_OTHER_USER.id;
    sim.clearLog();
    const { runtimes, stale } = await makeDirectory().list(false);
    expect(stale).toBe(false);
    expect(byName(runtimes).ops!.token).toEqual({ kind: 'none' });
    expect(sim.log().filter((l) => l.operationName === 'Runtimes')).toHaveLength(1);
  });

  it('marks the cache stale when host access changed since', async () => {
    granted.delete(PROD);
    const directory = makeDirectory();
    await directory.list(true);
    granted.add(PROD);
    const { runtimes, stale } = await directory.list(false);
    expect(stale).toBe(true);
    expect(byName(runtimes).production!.hostAccess).toBe('granted');
  });

  it('shares one refresh between callers that arrive together', async () => {
    const directory = makeDirectory();
    await Promise.all([directory.list(true), directory.list(true), directory.list(false)]);
    expect(sim.log().filter((l) => l.operationName === 'Runtimes')).toHaveLength(1);
  });

  it('survives a cache entry of the wrong shape', async () => {
    await fakeBrowser.storage.session.set({ [RUNTIME_CACHE_KEY]: { at: 'yesterday' } });
    expect((await makeDirectory().list(false)).runtimes).toHaveLength(10);
  });
});

describe('list: the snapshot that outlives the browser session', () => {
  const withSnapshot = () => makeDirectory({ snapshot: fakeBrowser.storage.local });

  it('paints the last list at once after a restart, marked stale, and reads it again on refresh', async () => {
    const first = await withSnapshot().list(true);
    // A new browser session: storage.session is empty, the worker is new.
    await fakeBrowser.storage.session.clear();
    sim.clearLog();
    const afterRestart = withSnapshot();
    expect(await afterRestart.list(false)).toEqual({ runtimes: first.runtimes, stale: true });
    expect((await afterRestart.listed()).map((r) => r.name)).toEqual(first.runtimes.map((r) => r.name));
    expect(sim.log()).toEqual([]);
    await afterRestart.list(true);
    expect(sim.log().filter((l) => l.operationName === 'Runtimes')).toHaveLength(1);
    // Shown as stale even right after it was written: it belongs to an earlier session.
    await fakeBrowser.storage.session.clear();
    expect((await withSnapshot().list(false)).stale).toBe(true);
  });

  it('holds names, hosts and states but no secret, and is dropped by forget()', async () => {
    const directory = withSnapshot();
    await directory.list(true);
    const stored = await fakeBrowser.storage.local.get(RUNTIME_SNAPSHOT_KEY);
    const text = JSON.stringify(stored);
    expect(text).toContain('argo.acme-corp.example');
    expect(text).not.toContain(DEMO_API_KEY);
    expect(text).not.toContain('SIMLEAK');
    await directory.forget();
    expect(await fakeBrowser.storage.local.get(RUNTIME_SNAPSHOT_KEY)).toEqual({});
    expect(await fakeBrowser.storage.session.get(RUNTIME_CACHE_KEY)).toEqual({});
  });

  it('is not shown to another user', async () => {
    await withSnapshot().list(true);
    await fakeBrowser.storage.session.clear();
    userId = SIM_OTHER_USER.id;
    sim.clearLog();
    const { stale } = await withSnapshot().list(false);
    expect(stale).toBe(false);
    expect(sim.log().filter((l) => l.operationName === 'Runtimes')).toHaveLength(1);
  });
});

describe('find', () => {
  it('answers from the cache without a request', async () => {
    const directory = makeDirectory();
    await directory.list(true);
    sim.clearLog();
    expect((await directory.find('staging')).appProxyOrigin).toBe(STAGING);
    expect(sim.log()).toEqual([]);
  });

  it('asks the platform for one runtime when nothing is cached', async () => {
    const view = await makeDirectory().find('legacy-gitlab');
    expect(view).toMatchObject({
      name: 'legacy-gitlab',
      token: { kind: 'none' },
      gitProvider: 'GITLAB',
      gitApiUrl: FAKE_GIT_API_URLS.gitlab,
    });
    expect(sim.log().map((l) => l.operationName)).toEqual(['GetRuntime', 'GitIntegration']);
  });

  it('runtime-not-found for a name the platform does not know', async () => {
    const failure = await failureOf(makeDirectory().find('nope'));
    expect(failure.appError.code).toBe('runtime-not-found');
    expect(failure.message).toBe(
      'Codefresh has no runtime named "nope". Refresh the runtime list and pick another.',
    );
  });
});

describe('applyToRuntimes', () => {
  const token = SEED_TOKENS.githubClassicOk.token;

  it('after an add, finds the next runtime without asking the platform again, but lists afresh', async () => {
    const directory = makeDirectory();
    await directory.list(true);
    await directory.applyToRuntimes({
      runtimes: [await directory.find('staging')],
      withToken: (fn) => fn(token),
    });
    sim.clearLog();
    await directory.find('sandbox');
    expect(sim.log()).toEqual([]);
    const { runtimes } = await directory.list(false);
    expect(runtimes.find((x) => x.name === 'staging')?.token).toEqual({ kind: 'valid' });
    expect(sim.log().map((e) => e.operationName)).toContain('Runtimes');
  });

  it('registers with one request per runtime, reports progress, and fails each runtime on its own', async () => {
    const directory = makeDirectory();
    const r = byName((await directory.list(true)).runtimes);
    granted.delete('https://sandbox.acme-corp.example');
    sim.clearLog();
    const progress: string[] = [];
    let handedOut = 0;
    const withToken = <T>(fn: (t: string) => Promise<T>) => {
      handedOut += 1;
      return fn(token);
    };
    const results = await directory.applyToRuntimes({
      runtimes: [r.staging!, r.qa!, r.edge!, r.sandbox!, r.production!],
      withToken,
      onProgress: (name, state, error) => progress.push(`${name}:${state}${error ? `:${error.code}` : ''}`),
    });
    expect(results).toEqual([
      { runtimeName: 'staging', ok: true },
      { runtimeName: 'qa', ok: false, error: expect.objectContaining({ code: 'app-proxy-down' }) },
      { runtimeName: 'edge', ok: false, error: expect.objectContaining({ code: 'runtime-no-host' }) },
      {
        runtimeName: 'sandbox',
        ok: false,
        error: expect.objectContaining({ code: 'host-access-missing' }),
      },
      { runtimeName: 'production', ok: true },
    ]);
    for (const name of ['staging', 'qa', 'edge', 'sandbox', 'production']) {
      expect(progress.filter((p) => p.startsWith(`${name}:`))[0]).toBe(`${name}:running`);
    }
    expect(progress).toContain('qa:failed:app-proxy-down');
    expect(progress).toContain('staging:done');
    // The token was handed out only to runtimes that were actually called.
    expect(handedOut).toBe(3);
    const log = sim.log();
    expect(log.every((l) => l.operationName === 'RegisterToGitIntegration')).toBe(true);
    expect(log.map((l) => l.host).sort()).toEqual(
      [
        '64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
        'argo.acme-corp.example',
        'qa.acme-corp.example',
      ].sort(),
    );
    expect(sim.registrations('staging')).toEqual([
      { userId: SIM_USER.id, tokenLastFour: token.slice(-4), isValid: true },
    ]);
    expect(JSON.stringify(results)).not.toContain('SIMLEAK');
  });

  it('quotes the app-proxy when it refuses the token', async () => {
    const directory = makeDirectory();
    const staging = await directory.find('staging');
    const [result] = await directory.applyToRuntimes({
      runtimes: [staging],
      withToken: (fn) => fn(SEED_TOKENS.githubClassicMissingRepo.token),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'app-proxy-rejected' } });
    expect(JSON.stringify(result)).toContain('required scopes');
    expect(JSON.stringify(result)).not.toContain('SIMLEAK');
  });

  it('fails a runtime with a generic message when the error is not ours', async () => {
    const appProxy = createAppProxyClient({ fetch: sim.fetch, timeoutMs: 300 });
    const directory = makeDirectory({
      appProxy: {
        ...appProxy,
        register: async () => {
          throw new TypeError('internal detail');
        },
      },
    });
    const staging = await directory.find('staging');
    const [result] = await directory.applyToRuntimes({ runtimes: [staging], withToken: (fn) => fn(token) });
    expect(result).toEqual({
      runtimeName: 'staging',
      ok: false,
      error: { code: 'internal', message: 'Something went wrong on this runtime. Try again.' },
    });
  });

  it('passes the Atlassian email on for Bitbucket Cloud', async () => {
    apiKey = BITBUCKET_API_KEY;
    const directory = makeDirectory();
    const bb = await directory.find('bitbucket-cloud');
    const seed = SEED_TOKENS.bitbucketApiTokenOk;
    const results = await directory.applyToRuntimes({
      runtimes: [bb],
      withToken: (fn) => fn(seed.token),
      username: seed.email,
    });
    expect(results).toEqual([{ runtimeName: 'bitbucket-cloud', ok: true }]);
    expect(sim.registrations('bitbucket-cloud')[0]).toMatchObject({ username: seed.email });
  });

  it('adds to 20 runtimes behind one host at most 4 at a time, one request each', async () => {
    const directory = makeDirectory();
    const staging = await directory.find('staging');
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...staging, name: `rt-${i}` }));
    sim.clearLog();
    sim.inject({ host: new URL(STAGING).host, kind: 'delay', delayMs: 40 });
    let inFlight = 0;
    let most = 0;
    const results = await directory.applyToRuntimes({
      runtimes: twenty,
      withToken: async (fn) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await fn(token);
        } finally {
          inFlight -= 1;
        }
      },
    });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => r.runtimeName)).toEqual(twenty.map((r) => r.name));
    expect(most).toBe(4);
    expect(sim.log().filter((l) => l.operationName === 'RegisterToGitIntegration')).toHaveLength(20);
    expect(sim.log().some((l) => l.operationName === 'GitIntegration')).toBe(false);
  });

  it('asks for an API key before touching any runtime', async () => {
    const directory = makeDirectory();
    const staging = await directory.find('staging');
    apiKey = null;
    const onProgress = vi.fn();
    expect(
      (
        await failureOf(
          directory.applyToRuntimes({ runtimes: [staging], withToken: (fn) => fn(token), onProgress }),
        )
      ).appError.code,
    ).toBe('no-api-key');
    expect(onProgress).not.toHaveBeenCalled();
  });
});

describe('removeFromRuntime', () => {
  it('deregisters the user from one runtime', async () => {
    const directory = makeDirectory();
    await directory.removeFromRuntime(await directory.find('production'));
    expect(sim.registrations('production').map((r) => r.userId)).toEqual([SIM_OTHER_USER.id]);
  });

  it('refuses a runtime without host or host access, without a request', async () => {
    const directory = makeDirectory();
    const { runtimes } = await directory.list(true);
    const r = byName(runtimes);
    granted.delete(PROD);
    sim.clearLog();
    expect((await failureOf(directory.removeFromRuntime(r.edge!))).appError.code).toBe('runtime-no-host');
    expect((await failureOf(directory.removeFromRuntime(r.production!))).appError.code).toBe(
      'host-access-missing',
    );
    expect(sim.log()).toEqual([]);
  });
});
describe('a runtime on a Git provider the registry does not support', () => {
  it('says so instead of offering a token it could never check (Gerrit)', async () => {
    // The platform reports staging on GERRIT, a value of Codefresh's enum with no validator anywhere.
    const gerritFetch: typeof fetch = async (input, init) => {
      const response = await sim.fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.host !== PLATFORM_HOST) return response;
      const body = (await response.json()) as {
        data?: { runtimes?: { edges: { node: { metadata: { name: string }; gitProvider: string } }[] } };
      };
      for (const edge of body.data?.runtimes?.edges ?? []) {
        if (edge.node.metadata.name === 'staging') edge.node.gitProvider = 'GERRIT';
      }
      return Response.json(body, { status: response.status });
    };
    const directory = makeDirectory({
      platform: createPlatformClient({ fetch: gerritFetch, platformOrigin: PLATFORM_URL, timeoutMs: 300 }),
    });
    const staging = byName((await directory.list(true)).runtimes).staging!;
    expect(staging.gitProvider).toBeNull();
    expect(staging.token).toEqual({
      kind: 'unknown',
      reason: 'unsupported-provider',
      message:
        'staging uses Gerrit, which this extension does not support: it can neither check nor add Gerrit tokens. Add the token in Codefresh instead.',
    });
  });
});
