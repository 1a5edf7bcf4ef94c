import { beforeEach, describe, expect, it } from 'vitest';
import {
  type AppProxyClient,
  createAppProxyClient,
} from '../../../../src/background/codefresh/app-proxy-client';
import type { AppFailure } from '../../../../src/shared/errors';
import {
  BITBUCKET_API_KEY,
  createSimulator,
  DEMO_API_KEY,
  GHE_API_KEY,
  GIT_CHECK_REFUSAL,
  OTHER_API_KEY,
  PLATFORM_URL,
  SIM_OTHER_USER,
  SIM_USER,
} from '../../../simulator';
import { SEED_TOKENS } from '../../../simulator/git-providers';
import { failureOf } from '../../failure';

const sim = createSimulator();
const T = SEED_TOKENS;
let client: AppProxyClient;

const PROD = 'https://argo.acme-corp.example';
const PROD_HOST = 'argo.acme-corp.example';
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';
const GHE = 'https://gitops.ghe-runtime.acme-corp.example';
const BB_CLOUD = 'https://bb-cloud.acme-corp.example';
const QA = 'https://qa.acme-corp.example';

beforeEach(() => {
  sim.reset();
  client = createAppProxyClient({ fetch: sim.fetch, timeoutMs: 200, platformOrigin: PLATFORM_URL });
});

const expectClean = (failure: AppFailure) => {
  const text = JSON.stringify(failure.appError) + failure.message;
  expect(text).not.toContain('SIMLEAK');
};

describe('gitIntegration', () => {
  it('reads the default integration and who holds a token on it', async () => {
    const integration = await client.gitIntegration(PROD, DEMO_API_KEY);
    expect(integration).toMatchObject({
      name: 'default',
      provider: 'GITHUB',
      apiUrl: 'https://api.github.com',
      registeredUsers: [SIM_USER.id, SIM_OTHER_USER.id],
    });
    expect(integration?.users).toEqual([
      { userId: SIM_USER.id, isValid: true },
      { userId: SIM_OTHER_USER.id, isValid: true },
    ]);
    expect(sim.log()).toEqual([
      expect.objectContaining({
        host: PROD_HOST,
        path: '/app-proxy/api/graphql',
        operationName: 'GitIntegration',
        variables: { name: null },
      }),
    ]);
  });

  it('sees an invalid token and an empty integration', async () => {
    expect((await client.gitIntegration(GHE, GHE_API_KEY))?.users).toEqual([
      { userId: SIM_USER.id, isValid: false },
    ]);
    expect(await client.gitIntegration(STAGING, DEMO_API_KEY)).toMatchObject({
      registeredUsers: [],
      users: [],
    });
  });

  it('gives null when the runtime has no default integration', async () => {
    sim.inject({ host: PROD_HOST, status: 200, body: '{"data":{"gitIntegration":null}}' });
    await expect(client.gitIntegration(PROD, DEMO_API_KEY)).resolves.toBeNull();
  });

  it('accepts an origin with a trailing slash or path and still calls /app-proxy/api/graphql', async () => {
    await client.gitIntegration(`${PROD}/some/where`, DEMO_API_KEY);
    expect(sim.log()[0]).toMatchObject({ host: PROD_HOST, path: '/app-proxy/api/graphql' });
  });

  it.each([
    ['http://argo.acme-corp.example', 'is not an https address'],
    ['not a url', 'has no usable app-proxy host'],
    ['https://u:p@argo.acme-corp.example', 'is not an https address'],
  ])('refuses to send the key to %s', async (origin, why) => {
    const failure = await failureOf(client.gitIntegration(origin, DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-host-invalid');
    expect(failure.message).toContain(why);
    expect(sim.log()).toEqual([]);
  });
});

describe('register', () => {
  it('adds the token with one request, naming no integration and no username', async () => {
    const token = SEED_TOKENS.githubClassicOk.token;
    const result = await client.register(STAGING, DEMO_API_KEY, { token });
    expect(result).toMatchObject({ name: 'default', provider: 'GITHUB', registeredUsers: [SIM_USER.id] });
    expect(sim.registrations('staging')).toEqual([
      { userId: SIM_USER.id, tokenLastFour: token.slice(-4), isValid: true },
    ]);
    const log = sim.log();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ operationName: 'RegisterToGitIntegration', status: 200 });
    const args = (log[0]!.variables as { args: Record<string, unknown> }).args;
    expect(Object.keys(args)).toEqual(['token']);
  });

  it('sends the username only when given (Bitbucket Cloud)', async () => {
    const seed = SEED_TOKENS.bitbucketApiTokenOk;
    await client.register(BB_CLOUD, BITBUCKET_API_KEY, { token: seed.token, username: seed.email });
    expect(sim.registrations('bitbucket-cloud')).toEqual([
      expect.objectContaining({ userId: SIM_USER.id, username: seed.email }),
    ]);
    expect((sim.log()[0]!.variables as { args: Record<string, unknown> }).args).toHaveProperty(
      'username',
      seed.email,
    );
  });

  it('replaces the token of the API key owner only', async () => {
    const token = SEED_TOKENS.githubClassicNearExpiry.token;
    await client.register(PROD, OTHER_API_KEY, { token });
    expect(sim.registrations('production')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: SIM_OTHER_USER.id, tokenLastFour: token.slice(-4) }),
        expect.objectContaining({
          userId: SIM_USER.id,
          tokenLastFour: SEED_TOKENS.githubClassicOk.token.slice(-4),
        }),
      ]),
    );
  });

  it.each([
    [
      'a token missing the repo scope',
      SEED_TOKENS.githubClassicMissingRepo.token,
      'missing one or more of the required scopes',
    ],
    [
      'a fine-grained token without Contents write',
      SEED_TOKENS.githubFineGrainedReadOnly.token,
      'write access',
    ],
    ['a revoked token', SEED_TOKENS.githubBad.token, 'personal-git-token invalid'],
  ])('app-proxy-rejected for %s, quoting the server and saying what to do', async (_what, token, reason) => {
    const failure = await failureOf(client.register(STAGING, DEMO_API_KEY, { token }));
    expect(failure.appError.code).toBe('app-proxy-rejected');
    expect(failure.message).toContain(reason);
    expect(failure.message).toMatch(/scopes.*add it again/);
    expect(failure.message).not.toContain(token);
    expectClean(failure);
    expect(sim.registrations('staging')).toEqual([]);
  });

  it('app-proxy-rejected on a runtime of 0.18.0 or older for a fine-grained token, with its reason', async () => {
    const ANALYTICS = 'https://64f0acc0000000000000acme-analytics.tunnels.cf-cd.com';
    const failure = await failureOf(
      client.register(ANALYTICS, DEMO_API_KEY, { token: SEED_TOKENS.githubFineGrained.token }),
    );
    expect(failure.appError.code).toBe('app-proxy-rejected');
    expect(failure.message).toContain(
      'validation for github fine-grained PAT is not supported yet, please use a classic token',
    );
  });

  it('accepts a fine-grained token with Contents write on a newer runtime', async () => {
    await client.register(STAGING, DEMO_API_KEY, { token: SEED_TOKENS.githubFineGrained.token });
    expect(sim.registrations('staging')).toEqual([expect.objectContaining({ userId: SIM_USER.id })]);
  });

  it('app-proxy-rejected when Bitbucket Cloud needs a username', async () => {
    const failure = await failureOf(
      client.register(BB_CLOUD, BITBUCKET_API_KEY, { token: SEED_TOKENS.bitbucketApiTokenOk.token }),
    );
    expect(failure.appError.code).toBe('app-proxy-rejected');
    expect(failure.message).toContain('username is required');
  });

  it('app-proxy-rejected even when errors[] comes with non-null data', async () => {
    sim.inject({
      host: PROD_HOST,
      operationName: 'RegisterToGitIntegration',
      kind: 'graphql-errors',
      body: 'partial failure',
    });
    const failure = await failureOf(
      client.register(PROD, DEMO_API_KEY, { token: SEED_TOKENS.githubClassicOk.token }),
    );
    expect(failure.appError.code).toBe('app-proxy-rejected');
    expect(failure.message).toContain('partial failure');
  });

  it('never repeats a token the server echoes back in an error', async () => {
    const token = SEED_TOKENS.githubClassicOk.token;
    sim.inject({
      host: PROD_HOST,
      status: 200,
      body: JSON.stringify({ data: null, errors: [{ message: `token ${token} is not allowed here` }] }),
    });
    const failure = await failureOf(client.register(PROD, DEMO_API_KEY, { token }));
    expect(failure.message).toContain('token … is not allowed here');
    expectClean(failure);
  });
});

describe('deregister', () => {
  it('removes the API key owner’s token with $name = null', async () => {
    const result = await client.deregister(PROD, DEMO_API_KEY);
    expect(result?.registeredUsers).toEqual([SIM_OTHER_USER.id]);
    expect(sim.registrations('production').map((r) => r.userId)).toEqual([SIM_OTHER_USER.id]);
    expect(sim.log()[0]).toMatchObject({
      operationName: 'DeregisterFromGitIntegration',
      variables: { name: null },
    });
  });

  it('app-proxy-rejected when there is nothing to remove', async () => {
    const failure = await failureOf(client.deregister(STAGING, DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-rejected');
    expect(failure.message).toContain('not registered');
  });
});

describe('app-proxy client: every error class', () => {
  it('app-proxy-down for the nginx 502 of a runtime whose app-proxy is not up', async () => {
    const failure = await failureOf(client.gitIntegration(QA, DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-down');
    expect(failure.message).toContain('502');
  });

  it.each([503, 504])('app-proxy-down for %i', async (status) => {
    sim.inject({ host: PROD_HOST, status });
    expect((await failureOf(client.gitIntegration(PROD, DEMO_API_KEY))).appError.code).toBe('app-proxy-down');
  });

  it.each([
    ['HTTP 404', { status: 404, body: '<html><title>404 Not Found</title></html>' }],
    ['a web page with 200', { status: 200, body: '<!doctype html><title>Sign in</title>' }],
  ])('app-proxy-not-there when the host answers %s, not as an app-proxy', async (what, fault) => {
    sim.inject({ host: PROD_HOST, ...fault });
    const failure = await failureOf(client.gitIntegration(PROD, DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-not-there');
    // What came back, then the page's own title.
    expect(failure.appError.detail).toMatch(new RegExp(`^${what.replace(' with 200', '')}: \\w`));
    expect(failure.message).toContain(PROD_HOST);
    expect(failure.message).toContain('Runtime addresses');
  });

  it('app-proxy-not-there for the external host of a runtime with an internal ingress (webhooks only)', async () => {
    const failure = await failureOf(
      client.gitIntegration('https://hooks.eu-private.acme-corp.example', DEMO_API_KEY),
    );
    expect(failure.appError).toMatchObject({
      code: 'app-proxy-not-there',
      detail: 'HTTP 404: 404 Not Found',
    });
  });

  it.each([
    [500, 'app-proxy-http'],
    [400, 'app-proxy-bad-request'],
  ])('HTTP %i is %s, quoting the server (redacted), not a bare status', async (status, code) => {
    sim.inject({ host: PROD_HOST, status, body: `server detail; echoed key ${DEMO_API_KEY}` });
    const failure = await failureOf(client.gitIntegration(PROD, DEMO_API_KEY));
    expect(failure.appError.code).toBe(code);
    expect(failure.message).toContain(`(HTTP ${status}): "server detail; echoed key …"`);
    expect(JSON.stringify(failure.appError)).not.toContain(DEMO_API_KEY);
  });

  it("shows app-proxy's own reason when its Git check refuses a token (GraphQL error, HTTP 200)", async () => {
    sim.setRefusal('production', 'git-check');
    const failure = await failureOf(client.register(PROD, DEMO_API_KEY, { token: T.githubClassicOk.token }));
    expect(failure.appError.code).toBe('app-proxy-rejected');
    expect(failure.message).toContain(`"${GIT_CHECK_REFUSAL}"`);
  });

  it('a 403 for a refused Origin is a refused action naming app-proxy.config.cors, not a bad API key', async () => {
    sim.setRefusal('production', 'origin');
    const failure = await failureOf(client.gitIntegration(PROD, DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-forbidden');
    expect(failure.message).toContain('Codefresh refused this action');
    expect(failure.message).toContain('app-proxy.config.cors');
    expect(failure.appError.detail).toMatch(/^Not allowed by CORS: origin/);
  });

  it("an internal error (500 with a body) shows the server's message", async () => {
    sim.setRefusal('production', 'internal-error');
    const failure = await failureOf(client.gitIntegration(PROD, DEMO_API_KEY));
    expect(failure.appError).toMatchObject({
      code: 'app-proxy-http',
      detail: expect.stringMatching(/context deadline exceeded/),
    });
  });

  it('app-proxy-unauthorized for an unknown key, with the API key link', async () => {
    const failure = await failureOf(client.gitIntegration(PROD, '64f0c0ffee0000000000dead.SIMLEAKwrong'));
    expect(failure.appError).toMatchObject({
      code: 'app-proxy-unauthorized',
      link: `${PLATFORM_URL}/user/settings`,
    });
    expectClean(failure);
  });

  it('app-proxy-graphql for errors[] on a read', async () => {
    sim.inject({ host: PROD_HOST, kind: 'graphql-errors', body: 'integration store unavailable' });
    const failure = await failureOf(client.gitIntegration(PROD, DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-graphql');
    expect(failure.message).toContain('integration store unavailable');
  });

  it('app-proxy-timeout for a slow app-proxy', async () => {
    sim.inject({ host: PROD_HOST, kind: 'delay', delayMs: 1000 });
    expect((await failureOf(client.gitIntegration(PROD, DEMO_API_KEY))).appError.code).toBe(
      'app-proxy-timeout',
    );
  });

  it('app-proxy-unreachable for a dropped connection, with a hint about internal networks', async () => {
    sim.inject({ host: PROD_HOST, kind: 'drop' });
    const failure = await failureOf(
      client.register(PROD, DEMO_API_KEY, { token: SEED_TOKENS.githubClassicOk.token }),
    );
    expect(failure.appError.code).toBe('app-proxy-unreachable');
    expect(failure.message).toMatch(/VPN/);
    expectClean(failure);
  });

  it('app-proxy-down for a host behind a proxy that answers 502 (the simulator, for a host it does not serve)', async () => {
    // An unknown host gets the simulator's 502, which looks like a proxy in front of nothing.
    const failure = await failureOf(client.gitIntegration('https://unknown-runtime.example', DEMO_API_KEY));
    expect(failure.appError.code).toBe('app-proxy-down');
  });

  it.each([
    ['not JSON', { kind: 'malformed' as const }],
    ['the wrong shape', { status: 200, body: '{"data":{"gitIntegration":{"name":5}}}' }],
    ['no data', { status: 200, body: '{"data":null}' }],
  ])('app-proxy-bad-response for %s', async (_what, fault) => {
    sim.inject({ host: PROD_HOST, ...fault });
    expect((await failureOf(client.gitIntegration(PROD, DEMO_API_KEY))).appError.code).toBe(
      'app-proxy-bad-response',
    );
  });

  it('app-proxy-bad-response when register answers without an integration', async () => {
    sim.inject({ host: PROD_HOST, status: 200, body: '{"data":{"registerToGitIntegration":null}}' });
    const failure = await failureOf(
      client.register(PROD, DEMO_API_KEY, { token: SEED_TOKENS.githubClassicOk.token }),
    );
    expect(failure.appError.code).toBe('app-proxy-bad-response');
    expect(failure.message).toContain('sent the registration result in an unexpected shape');
  });

  it.each([
    ['the Git integration', () => client.gitIntegration(PROD, DEMO_API_KEY), '{"data":{}}'],
    [
      'the removal result',
      () => client.deregister(PROD, DEMO_API_KEY),
      '{"data":{"deregisterFromGitIntegration":{"name":5}}}',
    ],
  ])('says it was %s that came in an unexpected shape', async (what, call, body) => {
    sim.inject({ host: PROD_HOST, status: 200, body });
    expect((await failureOf(call())).message).toBe(
      `The runtime's app-proxy at ${PROD_HOST} sent ${what} in an unexpected shape. The extension may need an update; try again later.`,
    );
  });
});
