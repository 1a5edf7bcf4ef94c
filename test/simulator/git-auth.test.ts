import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from './git-providers/index';
import {
  BITBUCKET_DC_ACCOUNT,
  createSimulator,
  GITLAB_ACCOUNT,
  SIM_ACCOUNT,
  SIM_HOSTS,
  SIM_OTHER_USER,
  SIM_USER,
} from './index';

const sim = createSimulator();
const PRODUCTION = 'https://argo.acme-corp.example';
const gitAuth = (
  origin: string,
  provider: string,
  userId = SIM_USER.id,
  accountId: string = SIM_ACCOUNT.id,
) => `${origin}/app-proxy/api/git-auth/${provider}?userId=${userId}&accountId=${accountId}`;

const location = (response: Response) => response.headers.get('location') ?? '';

/** Follows the start's redirect to the consent page and answers it; returns the callback URL. */
const consent = async (startUrl: string, decision: 'allow' | 'deny') => {
  const start = await sim.fetch(startUrl);
  expect(start.status).toBe(302);
  const authorize = new URL(location(start));
  const page = await sim.fetch(authorize);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Allow');
  expect(html).toContain('Deny');
  const answer = await sim.fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: authorize.searchParams.get('state')!, decision }).toString(),
  });
  expect(answer.status).toBe(302);
  return { authorize, callback: new URL(location(answer)) };
};

describe('git-auth: the runtime OAuth flow (§1c, git-auth.ts)', () => {
  beforeEach(() => sim.reset());

  it('starts with a 302 to the provider authorize page, carrying the runtime callback and a state', async () => {
    const start = await sim.fetch(gitAuth(PRODUCTION, 'github'));
    expect(start.status).toBe(302);
    const authorize = new URL(location(start));
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://github.com/login/oauth/authorize');
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `${PRODUCTION}/app-proxy/api/git-auth/github/callback`,
    );
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
    expect(SIM_HOSTS).toContain('github.com');
  });

  it('Allow: the callback registers the user with an OAuth token and lands back on the platform', async () => {
    sim.setTokenValid('production', SIM_USER.id, false);
    const { callback } = await consent(gitAuth(PRODUCTION, 'github'), 'allow');
    expect(callback.origin + callback.pathname).toBe(`${PRODUCTION}/app-proxy/api/git-auth/github/callback`);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const done = await sim.fetch(callback);
    expect(done.status).toBe(302);
    expect(location(done)).toBe('https://g.codefresh.io/2.0/user-settings?gitAuth=success');
    expect(sim.registrations('production').find((r) => r.userId === SIM_USER.id)).toEqual({
      userId: SIM_USER.id,
      tokenLastFour: SEED_TOKENS.githubOAuth.token.slice(-4),
      isValid: true,
    });
    // A code works once.
    expect((await sim.fetch(callback)).status).toBe(400);
  });

  it('registers the user named in the start URL, on that runtime only', async () => {
    const staging = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';
    const { callback } = await consent(gitAuth(staging, 'github', SIM_OTHER_USER.id), 'allow');
    await sim.fetch(callback);
    expect(sim.registrations('staging').map((r) => r.userId)).toEqual([SIM_OTHER_USER.id]);
    expect(sim.registrations('sandbox')).toEqual([]);
  });

  it('has no flow for GitLab or Bitbucket Data Center runtimes (oauth-setup.md: GitHub only)', async () => {
    // Each runtime belongs to its provider's own account, whose id the start URL carries.
    const gl = gitAuth('https://gitlab-eu.acme-corp.example', 'gitlab', SIM_USER.id, GITLAB_ACCOUNT.id);
    const dc = gitAuth(
      'https://bb-dc.acme-corp.example',
      'bitbucket-server',
      SIM_USER.id,
      BITBUCKET_DC_ACCOUNT.id,
    );
    expect((await sim.fetch(gl)).status).toBe(404);
    expect((await sim.fetch(dc)).status).toBe(404);
    expect(sim.registrations('gitlab-eu')).toEqual([]);
    expect(sim.registrations('bitbucket-dc')).toEqual([]);
  });

  it('Deny: the callback gets error=access_denied and sends the browser back with the reason', async () => {
    const { callback } = await consent(gitAuth(PRODUCTION, 'github'), 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const done = await sim.fetch(callback);
    expect(location(done)).toBe(
      'https://g.codefresh.io/2.0/user-settings?gitAuth=error&reason=access_denied',
    );
    expect(sim.registrations('production').find((r) => r.userId === SIM_USER.id)?.tokenLastFour).toBe(
      SEED_TOKENS.githubClassicOk.token.slice(-4),
    );
  });

  it('a runtime without OAuth configured answers an HTML error page, 400', async () => {
    const response = await sim.fetch(gitAuth('https://gitops.ghe-runtime.acme-corp.example', 'github'));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Git OAuth is not configured for runtime ghe-runtime');
  });

  it.each([
    ['an unknown user', gitAuth(PRODUCTION, 'github', '64f0c0ffee0000000000ffff'), 400],
    ['another account', gitAuth(PRODUCTION, 'github', SIM_USER.id, 'other'), 400],
    ['a provider path no runtime has', gitAuth(PRODUCTION, 'gitlab'), 404],
    ['an unknown provider path', gitAuth(PRODUCTION, 'gerrit'), 404],
    [
      'a callback with a made-up code',
      `${PRODUCTION}/app-proxy/api/git-auth/github/callback?code=x&state=y`,
      400,
    ],
    ['a consent page with a made-up state', 'https://github.com/login/oauth/authorize?state=nope', 400],
  ])('refuses %s', async (_name, url, status) => {
    const response = await sim.fetch(url);
    expect(response.status).toBe(status);
    expect(sim.registrations('production')).toHaveLength(2);
  });

  it('a runtime whose app-proxy is down answers the nginx 502 here too', async () => {
    expect((await sim.fetch(gitAuth('https://qa.acme-corp.example', 'github'))).status).toBe(502);
  });

  it('logs each request without its query string or form body', async () => {
    const { callback } = await consent(gitAuth(PRODUCTION, 'github'), 'allow');
    await sim.fetch(callback);
    const entries = sim.log();
    expect(entries.map((e) => `${e.method} ${e.host}${e.path} ${e.status}`)).toEqual([
      'GET argo.acme-corp.example/app-proxy/api/git-auth/github 302',
      'GET github.com/login/oauth/authorize 200',
      'POST github.com/login/oauth/authorize 302',
      'GET argo.acme-corp.example/app-proxy/api/git-auth/github/callback 302',
    ]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('SIMLEAK');
    expect(text).not.toContain(callback.searchParams.get('code'));
  });
});
