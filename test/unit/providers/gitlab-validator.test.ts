import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../src/background/providers/validate-token';
import { FAKE_GIT_API_URLS, SEED_ANCHOR_MS, SEED_TOKENS } from '../../simulator/git-providers/index';
import { failureOf, faults, recordingFetch, setup } from '../background/providers/recording-fetch';

const gitlab = (token: string, apiUrl: string = FAKE_GIT_API_URLS.gitlab) => ({
  token,
  provider: 'GITLAB' as const,
  apiUrl,
});

describe('GitLab (GL1)', () => {
  it('reads scopes and expiry from /personal_access_tokens/self and the username from /user', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.gitlabOk;
    const v = await validateToken(gitlab(seed.token), deps);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/v4/personal_access_tokens/self',
      'GET /api/v4/user',
    ]);
    expect(requests.every((r) => r.headers.get('authorization') === `Bearer ${seed.token}`)).toBe(true);
    expect(v).toMatchObject({
      login: seed.login,
      tokenType: 'gitlab-personal',
      scopes: seed.scopes,
      requiredScopes: ['read_api', 'write_repository'],
      missingScopes: [],
      expiresAt: seed.expiresAt,
      expiryKnown: true,
      blockers: [],
      warnings: [],
    });
    expect(v.createTokenUrl).toBe(
      'https://gitlab.com/-/user_settings/personal_access_tokens?name=Codefresh%20GitOps&scopes=read_api,write_repository',
    );
  });

  it('accepts api alone but warns that it is wider than needed', async () => {
    const { deps } = setup();
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabApiScope.token), deps);
    expect(v.missingScopes).toEqual([]);
    expect(v.blockers).toEqual([]);
    expect(v.warnings.map((w) => w.code)).toEqual(['scopes-wider-than-needed']);
  });

  it('blocks a read_user-only token, still naming its owner', async () => {
    const { deps } = setup();
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabReadUserOnly.token), deps);
    expect(v.login).toBe('alice');
    expect(v.missingScopes).toEqual(['read_api', 'write_repository']);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-missing-scopes']);
  });

  it('skips /user when no scope allows it (one request)', async () => {
    const handle = async (request: Request) => {
      if (new URL(request.url).pathname.endsWith('/self')) {
        return Response.json({
          scopes: ['write_repository'],
          expires_at: '2026-12-31',
          active: true,
          revoked: false,
        });
      }
      return new Response('unexpected', { status: 500 });
    };
    const { fetch, requests } = recordingFetch(handle);
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch });
    expect(requests).toHaveLength(1);
    expect(v.login).toBeNull();
    expect(v.missingScopes).toEqual(['read_api']);
    expect(v.expiresAt).toBe('2026-12-31T00:00:00.000Z');
  });

  it.each([
    ['expired (GL3)', SEED_TOKENS.gitlabExpired.token, 'token-expired'],
    ['revoked (GL4)', SEED_TOKENS.gitlabRevoked.token, 'token-revoked'],
    ['invalid (GL2)', SEED_TOKENS.gitlabBad.token, 'token-bad-credentials'],
    ['unknown', 'glpat-SIMLEAKnotknownatall', 'token-bad-credentials'],
  ])('401 %s → %s, one request', async (_name, token, code) => {
    const { deps, requests } = setup();
    const error = await failureOf(() => validateToken(gitlab(token), deps));
    expect(error.code).toBe(code);
    expect(error.link).toMatch(/personal_access_tokens/);
    expect(error.message).not.toContain(token);
    expect(requests).toHaveLength(1);
  });

  it('an OAuth token (GL6) → token-not-personal', async () => {
    const { deps } = setup();
    const error = await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOAuth.token), deps));
    expect(error.code).toBe('token-not-personal');
    expect(error.message).toMatch(/OAuth/);
  });

  it('429 → token-rate-limited with Retry-After', async () => {
    const { deps } = setup();
    const error = await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabRateLimited.token), deps));
    expect(error.code).toBe('token-rate-limited');
    expect(error.retryAt).toBe(SEED_ANCHOR_MS + 60_000);
  });

  it('blocks a token whose expires_at date has come (dies at 00:00 UTC)', async () => {
    const { deps } = setup();
    const seed = SEED_TOKENS.gitlabOk;
    const v = await validateToken(gitlab(seed.token), { ...deps, now: () => Date.parse(seed.expiresAt) });
    expect(v.blockers.map((b) => b.code)).toEqual(['token-expired']);
  });
});

describe('GitLab answers that block or cannot be read', () => {
  const withSelf = (self: unknown, user: unknown = { username: 'alice' }) =>
    recordingFetch(async (request) =>
      Response.json(new URL(request.url).pathname.endsWith('/self') ? self : user),
    );
  const scopes = ['read_api', 'write_repository'];

  it('a revoked or inactive token is a blocker', async () => {
    const { fetch } = withSelf({ scopes, expires_at: '2026-12-31', active: false, revoked: true });
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch });
    expect(v.blockers.map((b) => b.code)).toEqual(['token-inactive']);
    expect(v.blockers[0]!.message).toMatch(/revoked or inactive/);
  });

  it('no expires_at is a reading error, never "does not expire" (GitLab 16.0+ always sets one)', async () => {
    const { fetch } = withSelf({ scopes, expires_at: null });
    const error = await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
    expect(error.message).toBe(
      "gitlab.com sent a token without an expiry date (GitLab tokens always expire since GitLab 16.0, at most 365 days ahead), so the token could not be checked. Check the runtime's Git API URL, or try again later.",
    );
  });

  it.each([
    ['bot: true', { username: 'alice', bot: true }],
    ['a project bot name', { username: 'project_42_bot_3f1c' }],
    ['a group bot name', { username: 'group_7_bot_aa11' }],
  ])('refuses a project or group access token (%s) as a user token', async (_n, user) => {
    const { fetch } = withSelf({ scopes, expires_at: '2026-12-31' }, user);
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch });
    expect(v.tokenType).toBe('gitlab-bot');
    expect(v.blockers.map((b) => b.code)).toEqual(['token-not-user-token']);
    expect(v.blockers[0]!.message).toMatch(/project or group access token/);
  });

  it('an expires_at that is not a date → git-host-bad-response', async () => {
    const { fetch } = withSelf({ scopes, expires_at: 'next week' });
    const error = await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
    expect(error.message).toMatch(/sent an unreadable expiry date/);
  });

  it('a /user without a username → git-host-bad-response', async () => {
    const { fetch } = withSelf({ scopes, expires_at: '2026-12-31' }, { id: 7 });
    const error = await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
    expect(error.message).toMatch(/sent a user without a username/);
  });

  it('a 403 on /self → token-forbidden', async () => {
    const { fetch } = recordingFetch(async () =>
      Response.json({ message: '403 Forbidden' }, { status: 403 }),
    );
    const error = await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }));
    expect(error.code).toBe('token-forbidden');
    expect(error.message).toMatch(/Check the token's scopes/);
  });
});

describe('old GitLab (< 15.5, no /self)', () => {
  const oldGitLab = (userStatus: number) => async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/personal_access_tokens/self'))
      return Response.json({ message: '404 Not Found' }, { status: 404 });
    if (userStatus === 200) return Response.json({ id: 7, username: 'alice', bot: true });
    return Response.json(
      { error: 'insufficient_scope', scope: 'api read_api read_user' },
      { status: userStatus },
    );
  };

  it('falls back to /user: login known, scopes unknown, a bot refused', async () => {
    const { fetch, requests } = recordingFetch(oldGitLab(200));
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabOk.token, 'https://git.acme.example/api/v4'), {
      fetch,
    });
    expect(requests).toHaveLength(2);
    expect(v.login).toBe('alice');
    expect(v.scopes).toBeNull();
    expect(v.expiryKnown).toBe(false);
    expect(v.warnings.map((w) => w.code)).toEqual(['scopes-unknown']);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-not-user-token']);
  });

  it('a 403 on /user means read_api is missing', async () => {
    const { fetch } = recordingFetch(oldGitLab(403));
    const v = await validateToken(gitlab(SEED_TOKENS.gitlabOk.token, 'https://git.acme.example'), { fetch });
    expect(v.blockers.map((b) => b.code)).toEqual(['token-missing-scopes']);
  });

  it('a 401 from a self-managed host says the token must come from that host', async () => {
    const { fetch } = recordingFetch(async () =>
      Response.json({ message: '401 Unauthorized' }, { status: 401 }),
    );
    const error = await failureOf(() =>
      validateToken(gitlab(SEED_TOKENS.gitlabOk.token, 'https://git.acme.example/api/v4'), { fetch }),
    );
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/must come from git\.acme\.example/);
  });
});

describe('GitLab host faults', () => {
  it('500 → git-host-error', async () => {
    const { fetch } = recordingFetch(faults.status(500));
    expect((await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }))).code).toBe(
      'git-host-error',
    );
  });

  it('malformed body → git-host-bad-response', async () => {
    const { fakes } = setup();
    const { fetch } = recordingFetch(faults.malformed(fakes.handle));
    expect((await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }))).code).toBe(
      'git-host-bad-response',
    );
  });

  it('a /self body of the wrong shape → git-host-bad-response', async () => {
    const { fetch } = recordingFetch(async () => Response.json({ scopes: 'api' }));
    expect((await failureOf(() => validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch }))).code).toBe(
      'git-host-bad-response',
    );
  });

  it('timeout → git-host-timeout', async () => {
    const { fetch } = recordingFetch(faults.hang());
    const error = await failureOf(() =>
      validateToken(gitlab(SEED_TOKENS.gitlabOk.token), { fetch, timeoutMs: 30 }),
    );
    expect(error.code).toBe('git-host-timeout');
  });
});
