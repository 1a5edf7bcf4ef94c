// No retry storms: Git providers lock accounts after repeated bad credentials, and a struggling
// app-proxy does not need the same write twice. Each failure is answered with exactly one request;
// the user decides when to try again.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProxyClient } from '../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../src/background/codefresh/platform-client';
import { validateToken } from '../../../src/background/providers/validate-token';
import { createRuntimeDirectory } from '../../../src/background/runtimes/runtime-directory';
import type { GitProvider } from '../../../src/shared/runtime-types';
import {
  createSimulator,
  DEMO_API_KEY,
  PLATFORM_HOST,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_ACCOUNT,
  SIM_USER,
} from '../../simulator';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../../simulator/git-providers';

const sim = createSimulator();
const requestsTo = (host: string) => sim.log().filter((e) => e.host === host);

beforeEach(() => sim.reset());

describe('no retry storms', () => {
  it.each([
    ['GitHub 401 (revoked)', 'GITHUB', FAKE_GIT_API_URLS.github, SEED_TOKENS.githubBad],
    ['GitHub 401 (expired)', 'GITHUB', FAKE_GIT_API_URLS.github, SEED_TOKENS.githubClassicExpired],
    ['GitHub 403 (SAML SSO)', 'GITHUB', FAKE_GIT_API_URLS.github, SEED_TOKENS.githubSsoRequired],
    ['GitHub 403 (rate limit)', 'GITHUB', FAKE_GIT_API_URLS.github, SEED_TOKENS.githubRateLimited403],
    ['GitHub 429', 'GITHUB', FAKE_GIT_API_URLS.github, SEED_TOKENS.githubRateLimited429],
    ['GitHub 500', 'GITHUB', FAKE_GIT_API_URLS.github, SEED_TOKENS.githubServerError],
    ['GitLab 401', 'GITLAB', FAKE_GIT_API_URLS.gitlab, SEED_TOKENS.gitlabBad],
    ['GitLab 401 (revoked)', 'GITLAB', FAKE_GIT_API_URLS.gitlab, SEED_TOKENS.gitlabRevoked],
    ['Bitbucket Cloud 401', 'BITBUCKET', FAKE_GIT_API_URLS.bitbucket, SEED_TOKENS.bitbucketBad],
    [
      'Bitbucket Data Center 401',
      'BITBUCKET_SERVER',
      FAKE_GIT_API_URLS.bitbucketDc,
      SEED_TOKENS.bitbucketDcBad,
    ],
  ] as const)('asks a Git provider exactly once after %s', async (_name, provider, apiUrl, seed) => {
    const username = 'email' in seed ? seed.email : undefined;
    // Refused (401) or known but blocked (SSO): either way the answer came from one request.
    await validateToken(
      { token: seed.token, provider: provider as GitProvider, apiUrl, ...(username ? { username } : {}) },
      { fetch: sim.fetch },
    ).catch(() => undefined);
    expect(requestsTo(seed.host)).toHaveLength(1);
  });

  it('asks a Git provider exactly once after an injected 401 on a token it would accept', async () => {
    sim.inject({ host: 'api.github.com', status: 401, body: '{"message":"Bad credentials"}' });
    await expect(
      validateToken(
        { token: SEED_TOKENS.githubClassicOk.token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.github },
        { fetch: sim.fetch },
      ),
    ).rejects.toMatchObject({ appError: { code: 'token-bad-credentials' } });
    expect(requestsTo('api.github.com')).toHaveLength(1);
  });

  it('asks the platform once after a 401 for the API key', async () => {
    sim.inject({ host: PLATFORM_HOST, status: 401 });
    const platform = createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL });
    await expect(platform.me(DEMO_API_KEY)).rejects.toMatchObject({
      appError: { code: 'codefresh-unauthorized' },
    });
    expect(requestsTo(PLATFORM_HOST)).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 429, 500, 502, 503, 504])(
    'sends one register per runtime after app-proxy HTTP %i',
    async (status) => {
      const directory = createRuntimeDirectory({
        platform: createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL }),
        appProxy: createAppProxyClient({ fetch: sim.fetch }),
        getApiKey: async () => DEMO_API_KEY,
        getMe: async () => ({
          userId: SIM_USER.id,
          accountGitApiUrl: SIM_ACCOUNT.gitApiUrl,
          accountGitProvider: 'GITHUB',
        }),
        hasHostAccess: async (origin) => RUNTIME_HOSTS.some((h) => `https://${h}` === origin),
        cache: fakeBrowser.storage.session,
      });
      const { runtimes } = await directory.list(true);
      const targets = runtimes.filter((r) => ['staging', 'sandbox', 'analytics'].includes(r.name));
      for (const r of targets) {
        sim.inject({
          host: new URL(r.appProxyOrigin!).host,
          operationName: 'RegisterToGitIntegration',
          status,
        });
      }
      sim.clearLog();
      const results = await directory.applyToRuntimes({
        runtimes: targets,
        withToken: (fn) => fn(SEED_TOKENS.githubClassicOk.token),
      });
      expect(results.every((r) => !r.ok)).toBe(true);
      const registers = sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration');
      expect(registers).toHaveLength(targets.length);
      expect(new Set(registers.map((e) => e.host)).size).toBe(targets.length);
      // Nothing else was sent either (no read-back, no second attempt through another operation).
      expect(sim.log()).toHaveLength(targets.length);
    },
  );
});
