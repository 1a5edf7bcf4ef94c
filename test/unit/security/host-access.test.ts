// Host access is asked, never assumed: when Codefresh (or someone who controls the runtime's
// record) points a runtime's ingressHost at a host the user never allowed, the extension must not
// call it, must not send the API key or a token there, and must say that access is missing.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProxyClient } from '../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../src/background/codefresh/platform-client';
import { createRuntimeDirectory } from '../../../src/background/runtimes/runtime-directory';
import { AppFailure } from '../../../src/shared/errors';
import type { RuntimeView } from '../../../src/shared/runtime-types';
import {
  createSimulator,
  DEMO_API_KEY,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_ACCOUNT,
  SIM_USER,
} from '../../simulator';
import { SEED_TOKENS } from '../../simulator/git-providers';

const sim = createSimulator();
const TOKEN = SEED_TOKENS.githubClassicOk.token;

/** The platform's runtime list with some ingress hosts rewritten, as a compromised record would be. */
const platformRewriting = (ingress: Record<string, string>): typeof fetch =>
  (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await sim.fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== PLATFORM_URL) return response;
    const body = (await response.json()) as {
      data?: { runtimes?: { edges: { node: { metadata: { name: string }; ingressHost: string | null } }[] } };
    };
    for (const edge of body.data?.runtimes?.edges ?? []) {
      const rewritten = ingress[edge.node.metadata.name];
      if (rewritten !== undefined) edge.node.ingressHost = rewritten;
    }
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  }) as typeof fetch;

const directoryWith = (ingress: Record<string, string>) => {
  const fetch = platformRewriting(ingress);
  const asked: string[] = [];
  const granted = new Set(RUNTIME_HOSTS.map((h) => `https://${h}`));
  const directory = createRuntimeDirectory({
    platform: createPlatformClient({ fetch, platformOrigin: PLATFORM_URL, timeoutMs: 500 }),
    appProxy: createAppProxyClient({ fetch, timeoutMs: 500 }),
    getApiKey: async () => DEMO_API_KEY,
    getMe: async () => ({
      userId: SIM_USER.id,
      accountGitApiUrl: SIM_ACCOUNT.gitApiUrl,
      accountGitProvider: 'GITHUB',
    }),
    hasHostAccess: async (origin) => {
      asked.push(origin);
      return granted.has(origin);
    },
    cache: fakeBrowser.storage.session,
  });
  return { directory, asked };
};

const byName = (runtimes: readonly RuntimeView[], name: string) => runtimes.find((r) => r.name === name)!;
const hostsCalled = () => new Set(sim.log().map((e) => e.host));

beforeEach(() => sim.reset());

describe('host access', () => {
  it('never calls an app-proxy host the user did not approve', async () => {
    const { directory, asked } = directoryWith({
      production: 'https://argo.acme-corp.example.evil.example',
      staging: 'evil.example/64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
    });
    const { runtimes } = await directory.list(true);
    const production = byName(runtimes, 'production');
    const staging = byName(runtimes, 'staging');
    expect(production).toMatchObject({
      appProxyOrigin: 'https://argo.acme-corp.example.evil.example',
      hostAccess: 'missing',
      token: { kind: 'unknown', reason: 'no-host-access' },
    });
    expect(staging).toMatchObject({ appProxyOrigin: 'https://evil.example', hostAccess: 'missing' });
    expect(asked).toContain('https://evil.example');

    // Adding and removing fail fast with host-access-missing and send nothing there.
    const results = await directory.applyToRuntimes({
      runtimes: [production, staging, byName(runtimes, 'sandbox')],
      withToken: (fn) => fn(TOKEN),
    });
    expect(results.map((r) => [r.runtimeName, r.ok ? 'ok' : r.error.code])).toEqual([
      ['production', 'host-access-missing'],
      ['staging', 'host-access-missing'],
      ['sandbox', 'ok'],
    ]);
    await expect(directory.removeFromRuntime(production)).rejects.toMatchObject({
      appError: { code: 'host-access-missing' },
    });

    const called = hostsCalled();
    expect([...called].filter((h) => h.includes('evil.example'))).toEqual([]);
    // The real hosts of the two runtimes were not called either: the platform no longer names them.
    expect(called.has('argo.acme-corp.example')).toBe(false);
    expect(sim.registrations('sandbox').map((r) => r.userId)).toEqual([SIM_USER.id]);
  });

  it('refuses http: and userinfo app-proxy hosts without a request', async () => {
    const { directory } = directoryWith({
      production: 'http://argo.acme-corp.example',
      staging: 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com@evil.example',
    });
    const { runtimes } = await directory.list(true);
    for (const name of ['production', 'staging']) {
      expect(byName(runtimes, name)).toMatchObject({
        appProxyOrigin: null,
        token: { kind: 'unknown', reason: 'no-host' },
      });
    }
    const results = await directory.applyToRuntimes({
      runtimes: [byName(runtimes, 'production'), byName(runtimes, 'staging')],
      withToken: (fn) => fn(TOKEN),
    });
    expect(results.every((r) => !r.ok && r.error.code === 'runtime-no-host')).toBe(true);
    const called = hostsCalled();
    expect(called.has('argo.acme-corp.example')).toBe(false);
    expect(called.has('64f0acc0000000000000acme-staging.tunnels.cf-cd.com')).toBe(false);
    expect([...called].filter((h) => h.includes('evil.example'))).toEqual([]);
  });

  it('has the app-proxy client itself refuse non-https and userinfo origins before fetching', async () => {
    const fetched: string[] = [];
    const client = createAppProxyClient({
      fetch: (async (input: RequestInfo | URL) => {
        fetched.push(String(input));
        return new Response('{}');
      }) as typeof fetch,
    });
    for (const origin of [
      'http://argo.acme-corp.example',
      'https://a:b@argo.acme-corp.example',
      'not a url',
    ]) {
      const error = await client.register(origin, DEMO_API_KEY, { token: TOKEN }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).appError.code).toBe('app-proxy-host-invalid');
      expect((error as AppFailure).appError.message).not.toContain('SIMLEAK');
    }
    expect(fetched).toEqual([]);
  });
});
