import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPlatformClient,
  type PlatformClient,
} from '../../../../src/background/codefresh/platform-client';
import type { AppFailure } from '../../../../src/shared/errors';
import {
  BITBUCKET_DC_ACCOUNT,
  BITBUCKET_DC_API_KEY,
  createSimulator,
  DEMO_API_KEY,
  GITLAB_API_KEY,
  PLATFORM_HOST,
  PLATFORM_URL,
  SIM_ACCOUNT,
  SIM_USER,
} from '../../../simulator';
import { failureOf } from '../../failure';

const sim = createSimulator();
let client: PlatformClient;

beforeEach(() => {
  sim.reset();
  client = createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL, timeoutMs: 200 });
});

/** Nothing secret in any error the clients produce. */
const expectClean = (failure: AppFailure) => {
  const text = JSON.stringify(failure.appError) + failure.message;
  expect(text).not.toContain(DEMO_API_KEY);
  expect(text).not.toContain('SIMLEAK');
};

describe('platform client against the simulator', () => {
  it('me: who the API key belongs to, from one POST with the raw key', async () => {
    const me = await client.me(DEMO_API_KEY);
    expect(me).toEqual({
      id: SIM_USER.id,
      name: SIM_USER.name,
      email: SIM_USER.email,
      activeAccount: {
        id: SIM_ACCOUNT.id,
        name: SIM_ACCOUNT.name,
        gitProvider: SIM_ACCOUNT.gitProvider,
        gitApiUrl: SIM_ACCOUNT.gitApiUrl,
      },
    });
    const log = sim.log();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      method: 'POST',
      host: PLATFORM_HOST,
      path: '/2.0/api/graphql',
      operationName: 'Me',
      status: 200,
    });
    // The simulator redacts to the last four characters; no Bearer prefix went out.
    expect(log[0]!.headers.authorization).not.toMatch(/^Bearer/i);
  });

  it('runtimes: every seeded runtime with the fields the UI needs', async () => {
    const runtimes = await client.runtimes(DEMO_API_KEY);
    expect(runtimes.map((r) => r.name)).toEqual([
      'production',
      'staging',
      'qa',
      'edge',
      'dev',
      'sandbox',
      'eu-private',
      'analytics',
      'ops',
      'legacy-gitlab',
    ]);
    const production = runtimes.find((r) => r.name === 'production');
    expect(production).toMatchObject({
      namespace: 'codefresh',
      ingressHost: 'https://argo.acme-corp.example',
      internalIngressHost: null,
      installationStatus: 'COMPLETED',
      accessMode: 'INGRESS',
      gitProvider: 'GITHUB',
      repo: 'https://github.com/acme/codefresh-isc-production',
      managed: false,
    });
    expect(runtimes.find((r) => r.name === 'staging')).toMatchObject({ accessMode: 'TUNNEL' });
    expect(runtimes.find((r) => r.name === 'edge')).toMatchObject({ ingressHost: null });
    expect(runtimes.find((r) => r.name === 'dev')).toMatchObject({ installationStatus: 'IN_PROGRESS' });
    expect(sim.log().map((l) => l.operationName)).toEqual(['Runtimes']);
  });

  it('runtime: one by name, and null for an unknown name', async () => {
    await expect(client.runtime(GITLAB_API_KEY, 'gitlab-eu')).resolves.toMatchObject({
      name: 'gitlab-eu',
      gitProvider: 'GITLAB',
    });
    await expect(client.runtime(DEMO_API_KEY, 'no-such-runtime')).resolves.toBeNull();
    // A runtime of another account is unknown to this account's key.
    await expect(client.runtime(DEMO_API_KEY, 'gitlab-eu')).resolves.toBeNull();
    expect(sim.log().map((l) => l.operationName)).toEqual(['GetRuntime', 'GetRuntime', 'GetRuntime']);
  });

  it('meAndRuntimes: the user and the runtimes from one document, as me and runtimes answer them apart', async () => {
    const both = await client.meAndRuntimes(DEMO_API_KEY);
    expect(sim.log().map((l) => l.operationName)).toEqual(['FirstScreen']);
    expect(both).toEqual({
      me: await client.me(DEMO_API_KEY),
      runtimes: await client.runtimes(DEMO_API_KEY),
    });
  });

  it('me: an account without a name (models_gen.go: Name *string) is still an account', async () => {
    await expect(client.me(BITBUCKET_DC_API_KEY)).resolves.toMatchObject({
      id: SIM_USER.id,
      activeAccount: { id: BITBUCKET_DC_ACCOUNT.id, name: '', gitProvider: 'BITBUCKET_SERVER' },
    });
  });
});

describe('platform client: every error class', () => {
  it('codefresh-unauthorized for an unknown key (401 from the simulator), with the API key link', async () => {
    const failure = await failureOf(client.me('64f0c0ffee0000000000dead.SIMLEAKwrongkey'));
    expect(failure.appError).toMatchObject({
      code: 'codefresh-unauthorized',
      link: `${PLATFORM_URL}/user/settings`,
    });
    expect(failure.message).toContain(`${PLATFORM_URL}/user/settings`);
    expect(failure.message).not.toContain('SIMLEAK');
  });

  it('codefresh-unauthorized for a Bearer-prefixed key (the platform wants it raw)', async () => {
    const failure = await failureOf(client.me(`Bearer ${DEMO_API_KEY}`));
    expect(failure.appError.code).toBe('codefresh-unauthorized');
    expectClean(failure);
  });

  it('codefresh-unauthorized for UNAUTHENTICATED in errors[] with status 200', async () => {
    sim.inject({
      host: PLATFORM_HOST,
      status: 200,
      body: JSON.stringify({
        data: null,
        errors: [{ message: 'jwt expired', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    });
    expect((await failureOf(client.me(DEMO_API_KEY))).appError.code).toBe('codefresh-unauthorized');
  });

  it('codefresh-forbidden for 403: a refused action with the reason, not a bad API key', async () => {
    sim.inject({
      host: PLATFORM_HOST,
      status: 403,
      body: JSON.stringify({ errors: [{ message: `API key ${DEMO_API_KEY} lacks scope runtimes:read` }] }),
    });
    const failure = await failureOf(client.runtimes(DEMO_API_KEY));
    expect(failure.appError).toMatchObject({
      code: 'codefresh-forbidden',
      detail: 'API key … lacks scope runtimes:read',
    });
    expect(failure.message).toContain('Codefresh refused this action');
    expect(failure.message).toContain('"API key … lacks scope runtimes:read"');
    expectClean(failure);
  });

  it('codefresh-unauthorized for 401 carries what the server said', async () => {
    sim.inject({ host: PLATFORM_HOST, status: 401, body: '{"errors":[{"message":"jwt expired"}]}' });
    const failure = await failureOf(client.runtimes(DEMO_API_KEY));
    expect(failure.appError).toMatchObject({ code: 'codefresh-unauthorized', detail: 'jwt expired' });
    expect(failure.message).toContain('"jwt expired"');
  });

  it('codefresh-bad-request for 400, showing the reason', async () => {
    sim.inject({
      host: PLATFORM_HOST,
      status: 400,
      body: '{"errors":[{"message":"Cannot query field \\"x\\""}]}',
    });
    const failure = await failureOf(client.runtimes(DEMO_API_KEY));
    expect(failure.appError.code).toBe('codefresh-bad-request');
    expect(failure.message).toContain('(HTTP 400): "Cannot query field "x""');
  });

  it.each([500, 502, 404, 429])(
    "codefresh-http for HTTP %i, naming the status and the server's reason",
    async (status) => {
      sim.inject({ host: PLATFORM_HOST, status, body: '{"errors":[{"message":"internal detail xyz"}]}' });
      const failure = await failureOf(client.runtimes(DEMO_API_KEY));
      expect(failure.appError.code).toBe('codefresh-http');
      expect(failure.message).toContain(String(status));
      expect(failure.message).toContain('"internal detail xyz"');
      expect(failure.appError.detail).toBe('internal detail xyz');
    },
  );

  it('codefresh-graphql for errors[] next to non-null data, quoting the server', async () => {
    sim.inject({
      host: PLATFORM_HOST,
      operationName: 'Runtimes',
      kind: 'graphql-errors',
      body: 'field deprecated',
    });
    const failure = await failureOf(client.runtimes(DEMO_API_KEY));
    expect(failure.appError.code).toBe('codefresh-graphql');
    expect(failure.message).toContain('field deprecated');
  });

  it('codefresh-timeout when the platform is slower than the timeout', async () => {
    sim.inject({ host: PLATFORM_HOST, kind: 'delay', delayMs: 1000 });
    const started = Date.now();
    const failure = await failureOf(client.me(DEMO_API_KEY));
    expect(failure.appError.code).toBe('codefresh-timeout');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('codefresh-unreachable for a dropped connection', async () => {
    sim.inject({ host: PLATFORM_HOST, kind: 'drop' });
    const failure = await failureOf(client.me(DEMO_API_KEY));
    expect(failure.appError.code).toBe('codefresh-unreachable');
    expectClean(failure);
  });

  it('codefresh-bad-response for a body that is not JSON', async () => {
    sim.inject({ host: PLATFORM_HOST, kind: 'malformed' });
    expect((await failureOf(client.me(DEMO_API_KEY))).appError.code).toBe('codefresh-bad-response');
  });

  it.each([
    ['an array', '[1,2]'],
    ['no data', '{}'],
    ['the wrong shape', '{"data":{"runtimes":{"edges":[{"node":{"metadata":{}}}]}}}'],
    ['runtimes as null', '{"data":{"runtimes":null}}'],
  ])('codefresh-bad-response for %s', async (_what, body) => {
    sim.inject({ host: PLATFORM_HOST, status: 200, body });
    expect((await failureOf(client.runtimes(DEMO_API_KEY))).appError.code).toBe('codefresh-bad-response');
  });

  it('codefresh-bad-response when the first-screen document comes back without a user', async () => {
    sim.inject({ host: PLATFORM_HOST, status: 200, body: '{"data":{"me":null,"runtimes":{"edges":[]}}}' });
    const failure = await failureOf(client.meAndRuntimes(DEMO_API_KEY));
    expect(failure.appError.code).toBe('codefresh-bad-response');
    expectClean(failure);
  });

  it('codefresh-bad-response when me is null', async () => {
    sim.inject({ host: PLATFORM_HOST, status: 200, body: '{"data":{"me":null}}' });
    const failure = await failureOf(client.me(DEMO_API_KEY));
    expect(failure.appError.code).toBe('codefresh-bad-response');
    expect(failure.message).toContain('sent no user for the API key in an unexpected shape');
  });

  it.each([
    ['the user', () => client.me(DEMO_API_KEY), '{"data":{"me":{"id":""}}}'],
    ['the runtime list', () => client.runtimes(DEMO_API_KEY), '{"data":{"runtimes":null}}'],
    ['the runtime', () => client.runtime(DEMO_API_KEY, 'production'), '{"data":{"runtime":{}}}'],
  ])('says it was %s that came in an unexpected shape', async (what, call, body) => {
    sim.inject({ host: PLATFORM_HOST, status: 200, body });
    expect((await failureOf(call())).message).toBe(
      `Codefresh (${PLATFORM_HOST}) sent ${what} in an unexpected shape. The extension may need an update; try again later.`,
    );
  });

  it('tolerates an enum value it does not know (null instead of a failed list)', async () => {
    sim.inject({
      host: PLATFORM_HOST,
      status: 200,
      body: JSON.stringify({
        data: {
          runtimes: {
            edges: [
              {
                node: {
                  metadata: { name: 'future', namespace: null },
                  installationStatus: 'PAUSED',
                  accessMode: 'MESH',
                  gitProvider: 'AZURE_DEVOPS',
                  managed: true,
                },
              },
            ],
          },
        },
      }),
    });
    await expect(client.runtimes(DEMO_API_KEY)).resolves.toEqual([
      expect.objectContaining({
        name: 'future',
        installationStatus: null,
        accessMode: null,
        gitProvider: null,
        managed: true,
        ingressHost: null,
      }),
    ]);
  });
});
