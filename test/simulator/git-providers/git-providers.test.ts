import { describe, expect, it } from 'vitest';
import { createFakeGitProviders, FAKE_GIT_API_URLS, SEED_TOKENS } from './index';

const fakes = createFakeGitProviders();
const call = (url: string, init: RequestInit = {}) => fakes.handle(new Request(url, init));
const basic = (user: string, token: string) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

describe('fake Git providers', () => {
  it('serves the five hosts', () => {
    expect([...fakes.hosts].sort()).toEqual(
      [
        'api.bitbucket.org',
        'api.github.com',
        'bitbucket.acme-corp.example',
        'ghe.acme-corp.example',
        'gitlab.com',
      ].sort(),
    );
  });

  it('answers an unknown host with 502', async () => {
    expect((await call('https://nowhere.example/')).status).toBe(502);
  });

  it('every seeded token string is distinctive for leak scans', () => {
    for (const seed of Object.values(SEED_TOKENS)) expect(seed.token).toContain('SIMLEAK');
    const tokens = Object.values(SEED_TOKENS).map((s) => s.token);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('GitHub accepts `token` and `Bearer`; HEAD has the headers but no body', async () => {
    const t = SEED_TOKENS.githubClassicOk.token;
    const get = await call(`${FAKE_GIT_API_URLS.github}/user`, { headers: { Authorization: `Bearer ${t}` } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { login: string }).login).toBe('octocat');
    const head = await call(`${FAKE_GIT_API_URLS.github}/`, {
      method: 'HEAD',
      headers: { Authorization: `token ${t}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-oauth-scopes')).toBe('repo, read:org, workflow');
    expect(await head.text()).toBe('');
  });

  it('GitHub exposes everything but the expiry header to CORS (§1.2)', async () => {
    const r = await call(`${FAKE_GIT_API_URLS.github}/user`, {
      headers: { Authorization: `token ${SEED_TOKENS.githubClassicOk.token}` },
    });
    expect(r.headers.get('github-authentication-token-expiration')).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/,
    );
    expect(r.headers.get('access-control-expose-headers')).not.toMatch(/Expiration/i);
  });

  it('counts rate-limit usage per token until reset()', async () => {
    const f = createFakeGitProviders();
    const init = { headers: { Authorization: `token ${SEED_TOKENS.githubOAuth.token}` } };
    await f.handle(new Request(`${FAKE_GIT_API_URLS.github}/user`, init));
    const second = await f.handle(new Request(`${FAKE_GIT_API_URLS.github}/user`, init));
    expect(second.headers.get('x-ratelimit-remaining')).toBe('4998');
    f.reset();
    const fresh = await f.handle(new Request(`${FAKE_GIT_API_URLS.github}/user`, init));
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('4999');
  });

  it('GH12: GET /repos/{o}/{r} reports the user role', async () => {
    const r = await call(`${FAKE_GIT_API_URLS.github}/repos/acme/app`, {
      headers: { Authorization: `token ${SEED_TOKENS.githubClassicOk.token}` },
    });
    expect(await r.json()).toMatchObject({ full_name: 'acme/app', permissions: { push: true } });
  });

  it('GHES1: enterprise version header, no rate-limit headers', async () => {
    const r = await call(`${FAKE_GIT_API_URLS.ghe}/user`, {
      headers: { Authorization: `token ${SEED_TOKENS.gheClassicOk.token}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-github-enterprise-version')).toBe('3.19.0');
    expect(r.headers.has('x-ratelimit-limit')).toBe(false);
  });

  it('GitLab: app-proxy style `HEAD /projects` is 200 only with read_api/read_repository/api', async () => {
    const head = (token: string) =>
      call(`${FAKE_GIT_API_URLS.gitlab}/projects`, {
        method: 'HEAD',
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await head(SEED_TOKENS.gitlabOk.token)).status).toBe(200);
    expect((await head(SEED_TOKENS.gitlabApiScope.token)).status).toBe(200);
    expect((await head(SEED_TOKENS.gitlabReadUserOnly.token)).status).toBe(403);
    expect((await head(SEED_TOKENS.gitlabDeployToken.token)).status).toBe(401);
  });

  it('GitLab accepts PRIVATE-TOKEN too', async () => {
    const r = await call(`${FAKE_GIT_API_URLS.gitlab}/user`, {
      headers: { 'PRIVATE-TOKEN': SEED_TOKENS.gitlabOk.token },
    });
    expect(await r.json()).toMatchObject({ username: 'alice' });
  });

  it('Bitbucket Cloud: app-proxy style `HEAD /2.0/user` with Basic user:token', async () => {
    // App passwords stopped working on 28 July 2026: refused like any bad credential.
    const appPassword = await call(`${FAKE_GIT_API_URLS.bitbucket}/user`, {
      method: 'HEAD',
      headers: { Authorization: basic('alice', SEED_TOKENS.bitbucketAppPassword.token) },
    });
    expect(appPassword.status).toBe(401);
    const apiToken = await call(`${FAKE_GIT_API_URLS.bitbucket}/user`, {
      method: 'HEAD',
      headers: { Authorization: basic('ALICE@acme-corp.example', SEED_TOKENS.bitbucketApiTokenOk.token) },
    });
    expect(apiToken.status).toBe(200);
    expect(apiToken.headers.get('x-oauth-scopes')).toBe(
      'read:repository:bitbucket, write:repository:bitbucket, read:user:bitbucket, read:workspace:bitbucket',
    );
    expect(apiToken.headers.get('x-credential-type')).toBe('api_token');
    const accessViaBasic = await call(`${FAKE_GIT_API_URLS.bitbucket}/user`, {
      headers: { Authorization: basic('alice', SEED_TOKENS.bitbucketAccessToken.token) },
    });
    expect(accessViaBasic.status).toBe(401);
  });

  it('Bitbucket DC: X-AUSERNAME for Bearer and for Basic with the right user only', async () => {
    const url = `${FAKE_GIT_API_URLS.bitbucketDc}/application-properties`;
    const t = SEED_TOKENS.bitbucketDcOk.token;
    const bearer = await call(url, { method: 'HEAD', headers: { Authorization: `Bearer ${t}` } });
    expect(bearer.headers.get('x-ausername')).toBe('alice');
    const basicOk = await call(url, { headers: { Authorization: basic('alice', t) } });
    expect(basicOk.headers.get('x-ausername')).toBe('alice');
    expect((await call(url, { headers: { Authorization: basic('bob', t) } })).status).toBe(401);
    const anonymous = await call(url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.has('x-ausername')).toBe(false);
  });

  it('answers CORS preflights', async () => {
    const r = await call(`${FAKE_GIT_API_URLS.github}/user`, { method: 'OPTIONS' });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});

describe('token revocation (docs/git-provider-contracts.md §15)', () => {
  const revoke = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    call(url, { method: 'POST', headers, body: JSON.stringify(body) });

  it('GitHub.com: 422 without a list of credentials, 202 with one, counted against 60 an hour', async () => {
    fakes.reset();
    const empty = await revoke('https://api.github.com/credentials/revoke', { credentials: [] });
    expect(empty.status).toBe(422);
    const accepted = await revoke('https://api.github.com/credentials/revoke', { credentials: ['x'] });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('x-ratelimit-limit')).toBe('60');
    expect(accepted.headers.get('x-ratelimit-remaining')).toBe('58');
  });

  it('GHES: refuses an unauthenticated revocation, and a revoked token is a bad credential after', async () => {
    fakes.reset();
    const token = SEED_TOKENS.gheClassicOk.token;
    const url = `${FAKE_GIT_API_URLS.ghe}/credentials/revoke`;
    expect((await revoke(url, { credentials: [token] })).status).toBe(401);
    expect((await revoke(url, { credentials: [token] }, { Authorization: `token ${token}` })).status).toBe(
      202,
    );
    const after = await call(`${FAKE_GIT_API_URLS.ghe}/user`, {
      headers: { Authorization: `token ${token}` },
    });
    expect(after.status).toBe(401);
    fakes.reset();
  });

  it('GitLab: DELETE self is 204, then the token is revoked (GL4)', async () => {
    fakes.reset();
    const auth = { Authorization: `Bearer ${SEED_TOKENS.gitlabOk.token}` };
    const self = `${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self`;
    expect((await call(self, { method: 'DELETE', headers: auth })).status).toBe(204);
    const after = await call(self, { headers: auth });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error_description: expect.stringContaining('revoked') });
    fakes.reset();
  });
});
