import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from './git-providers/index';
import {
  createSimulator,
  DEMO_API_KEY,
  DroppedConnection,
  OTHER_API_KEY,
  SIM_SESSION_TOKEN,
  SIM_USER,
} from './index';
import { gql, PLATFORM, PRODUCTION, STAGING } from './test-helpers';

const ME = 'query Me { me { id } }';
const REGISTER = `mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) {
  registerToGitIntegration(args: $args) { name registeredUsers } }`;

describe('fault injection (Simulator contract)', () => {
  const sim = createSimulator();
  beforeEach(() => sim.reset());

  it('status: the given status and body, then back to normal after `times`', async () => {
    sim.inject({ host: 'g.codefresh.io', kind: 'status', status: 503, body: 'upstream busy', times: 1 });
    const first = await sim.fetch(PLATFORM, {
      method: 'POST',
      headers: { Authorization: DEMO_API_KEY },
      body: JSON.stringify({ query: ME }),
    });
    expect([first.status, await first.text()]).toEqual([503, 'upstream busy']);
    expect((await gql(sim, PLATFORM, ME)).status).toBe(200);
  });

  it('matches by path prefix and by operation name (parsed from the document, §2)', async () => {
    sim.inject({ host: 'argo.acme-corp.example', operationName: 'RegisterToGitIntegration', status: 500 });
    sim.inject({ host: 'g.codefresh.io', path: '/2.0/user-settings', status: 404 });
    expect((await gql(sim, PRODUCTION, 'query GitIntegration { gitIntegration { name } }')).status).toBe(200);
    expect((await gql(sim, PRODUCTION, REGISTER, { args: { token: 'x' } })).status).toBe(500);
    expect((await sim.fetch('https://g.codefresh.io/2.0/user-settings')).status).toBe(404);
    expect((await gql(sim, PLATFORM, ME)).status).toBe(200);
    sim.clearFaults();
    expect(
      (await gql(sim, PRODUCTION, REGISTER, { args: { token: SEED_TOKENS.githubClassicOk.token } })).status,
    ).toBe(200);
  });

  it('delay: the real answer, later', async () => {
    sim.inject({ host: 'g.codefresh.io', kind: 'delay', delayMs: 120, times: 1 });
    const started = Date.now();
    const { status } = await gql(sim, PLATFORM, ME);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    sim.inject({ host: 'g.codefresh.io', kind: 'malformed', times: 1 });
    const response = await sim.fetch(PLATFORM, {
      method: 'POST',
      headers: { Authorization: DEMO_API_KEY },
      body: JSON.stringify({ query: ME }),
    });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('graphql-errors: the real data plus errors[] (§6), and the real side effect happens', async () => {
    sim.inject({
      host: '64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
      kind: 'graphql-errors',
      body: 'field deprecated',
    });
    const { status, body } = await gql(sim, STAGING, REGISTER, {
      args: { token: SEED_TOKENS.githubClassicOk.token },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({
      registerToGitIntegration: { name: 'default', registeredUsers: [SIM_USER.id] },
    });
    expect(body.errors).toEqual([
      { message: 'field deprecated', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(sim.registrations('staging')).toHaveLength(1);
  });

  it('drop: in-process fetch rejects like a browser, TypeError "Failed to fetch"', async () => {
    sim.inject({ host: 'argo.acme-corp.example', kind: 'drop', times: 1 });
    const attempt = sim.fetch('https://argo.acme-corp.example/app-proxy/api/readyz');
    await expect(attempt).rejects.toThrow(TypeError);
    await expect(attempt).rejects.toThrow('Failed to fetch');
    await expect(attempt).rejects.toBeInstanceOf(DroppedConnection);
    expect(sim.log().at(-1)?.status).toBe(0);
    expect((await sim.fetch('https://argo.acme-corp.example/app-proxy/api/readyz')).status).toBe(200);
  });

  it('an aborted signal rejects the in-process fetch while a delay holds the answer', async () => {
    sim.inject({ host: 'g.codefresh.io', kind: 'delay', delayMs: 1_500, times: 1 });
    const started = Date.now();
    const attempt = sim.fetch('https://g.codefresh.io/2.0/user-settings', {
      signal: AbortSignal.timeout(50),
    });
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1_000);
    const controller = new AbortController();
    controller.abort();
    await expect(sim.fetch(PLATFORM, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('rttMs delays every answer', async () => {
    const slow = createSimulator({ rttMs: 80 });
    const started = Date.now();
    await slow.fetch('https://argo.acme-corp.example/readyz');
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });
});

describe('request log', () => {
  const sim = createSimulator({ now: () => 1_700_000_000_000 });
  beforeEach(() => sim.reset());

  it('records host, path, operation, redacted variables and headers, status', async () => {
    await gql(sim, STAGING, REGISTER, {
      args: { token: SEED_TOKENS.githubClassicOk.token, username: 'octocat' },
    });
    expect(sim.log()).toEqual([
      {
        at: 1_700_000_000_000,
        method: 'POST',
        host: '64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
        path: '/app-proxy/api/graphql',
        operationName: 'RegisterToGitIntegration',
        variables: {
          args: { token: `…${SEED_TOKENS.githubClassicOk.token.slice(-4)}`, username: 'octocat' },
        },
        headers: { authorization: `…${DEMO_API_KEY.slice(-4)}`, 'content-type': 'application/json' },
        status: 200,
      },
    ]);
    sim.clearLog();
    expect(sim.log()).toEqual([]);
  });

  it('never holds a secret: no SIMLEAK and no session token in the serialized log', async () => {
    await gql(sim, PLATFORM, ME, undefined, { Authorization: `Bearer ${DEMO_API_KEY}` });
    await gql(sim, PLATFORM, ME, undefined, { Authorization: OTHER_API_KEY });
    await gql(sim, STAGING, REGISTER, {
      args: { token: SEED_TOKENS.githubFineGrained.token, refreshToken: SEED_TOKENS.gitlabOAuth.token },
    });
    await gql(
      sim,
      STAGING,
      REGISTER,
      { args: { token: SEED_TOKENS.githubClassicOk.token } },
      { 'x-access-token': SIM_SESSION_TOKEN, Cookie: 'session=SIMLEAKcookie1234' },
    );
    // A careless client could put a token in the query string or inline it in the document.
    await sim.fetch(
      `https://argo.acme-corp.example/app-proxy/api/readyz?token=${SEED_TOKENS.githubBad.token}`,
    );
    await gql(
      sim,
      STAGING,
      `mutation RegisterToGitIntegration { registerToGitIntegration(args: { token: "${SEED_TOKENS.githubBad.token}" }) { name } }`,
    );
    const text = JSON.stringify(sim.log());
    expect(sim.log()).toHaveLength(6);
    expect(text).not.toContain('SIMLEAK');
    expect(text).not.toContain(SIM_SESSION_TOKEN);
    expect(text).toContain('"authorization":"Bearer …0000"');
    expect(text).toContain(`"x-access-token":"…${SIM_SESSION_TOKEN.slice(-4)}"`);
  });

  it('a variable-coercion error quoting the token does not echo it back', async () => {
    const { status, body } = await gql(sim, STAGING, REGISTER, {
      args: { token: SEED_TOKENS.githubClassicOk.token, bogus: 1 },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).not.toContain('SIMLEAK');
  });

  it('reset(): seed registrations, validation switches, faults and log', async () => {
    await gql(sim, PRODUCTION, 'mutation D { deregisterFromGitIntegration { name } }');
    sim.setSkipValidation('staging', true);
    sim.inject({ host: 'g.codefresh.io', status: 500 });
    sim.reset();
    expect(sim.log()).toEqual([]);
    expect(sim.registrations('production').map((r) => r.userId)).toContain(SIM_USER.id);
    expect((await gql(sim, PLATFORM, ME)).status).toBe(200);
    const refused = await gql(sim, STAGING, REGISTER, {
      args: { token: SEED_TOKENS.githubClassicMissingRepo.token },
    });
    expect(refused.body.errors).toHaveLength(1);
  });
});
