import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlServer } from './control-server';
import { SEED_TOKENS } from './git-providers/index';
import { createSimulator, DEMO_API_KEY, GIT_CHECK_REFUSAL, PLATFORM_URL } from './index';
import { gql, PRODUCTION } from './test-helpers';

const REGISTER = `mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) {
  registerToGitIntegration(args: $args) { name registeredUsers } }`;
const GIT_INTEGRATION = 'query GitIntegration($name: String) { gitIntegration(name: $name) { name } }';
const GOOD = SEED_TOKENS.githubClassicOk.token;

describe('app-proxy refusals, switchable per runtime ([inferred] bodies)', () => {
  const sim = createSimulator();
  beforeEach(() => sim.reset());

  it("git-check: app-proxy's own Git check refuses the token, HTTP 200, a message, no integration", async () => {
    sim.setRefusal('production', 'git-check');
    const { status, body } = await gql(sim, PRODUCTION, REGISTER, { args: { token: GOOD } });
    expect(status).toBe(200);
    expect(body.data).toEqual({ registerToGitIntegration: null });
    expect(body.errors?.[0]).toMatchObject({
      message: GIT_CHECK_REFUSAL,
      extensions: { code: 'GIT_TOKEN_VALIDATION_FAILED' },
    });
    // Reads still work; only the token is refused.
    expect((await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: null })).status).toBe(200);
  });

  it('origin: 403 with a body for an Origin outside app-proxy.config.cors; the platform origin passes', async () => {
    sim.setRefusal('production', 'origin');
    const refused = await gql(
      sim,
      PRODUCTION,
      GIT_INTEGRATION,
      { name: null },
      {
        Authorization: DEMO_API_KEY,
        Origin: 'chrome-extension://abcdefghijklmnop',
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.message).toContain('chrome-extension://abcdefghijklmnop');
    const allowed = await gql(
      sim,
      PRODUCTION,
      GIT_INTEGRATION,
      { name: null },
      {
        Authorization: DEMO_API_KEY,
        Origin: PLATFORM_URL,
      },
    );
    expect(allowed.status).toBe(200);
  });

  it('internal-error: 500 with a body for every GraphQL request, until switched off', async () => {
    sim.setRefusal('production', 'internal-error');
    const failed = await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: null });
    expect(failed.status).toBe(500);
    expect(failed.body.errors?.[0]?.message).toMatch(/context deadline exceeded/);
    sim.setRefusal('production', null);
    expect((await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: null })).status).toBe(200);
  });

  it('reset() ends every refusal', async () => {
    sim.setRefusal('production', 'internal-error');
    sim.reset();
    expect((await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: null })).status).toBe(200);
  });

  describe('over the control port', () => {
    let close: () => Promise<void>;
    let url: string;
    beforeEach(async () => {
      const control = await startControlServer(sim);
      close = control.close;
      url = `http://127.0.0.1:${control.port}/refusal`;
    });
    afterEach(() => close());

    const post = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('POST /refusal switches one runtime, and refuses what it does not know', async () => {
      const before = sim.registrations('production');
      expect((await post({ runtime: 'production', refusal: 'git-check' })).status).toBe(204);
      const { body } = await gql(sim, PRODUCTION, REGISTER, {
        args: { token: SEED_TOKENS.githubClassicNoExpiry.token },
      });
      expect(body.errors?.[0]?.message).toBe(GIT_CHECK_REFUSAL);
      expect(sim.registrations('production')).toEqual(before);
      expect((await post({ runtime: 'production', refusal: null })).status).toBe(204);
      expect((await post({ runtime: 'production', refusal: 'nonsense' })).status).toBe(400);
      expect((await post({ runtime: 'no-such', refusal: null })).status).toBe(404);
    });
  });
});
