import { describe, expect, it } from 'vitest';
import { APP_PASSWORD_RETIREMENT } from '../../../../src/background/providers/bitbucket-validator';
import { validateToken } from '../../../../src/background/providers/validate-token';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../../../simulator/git-providers/index';
import { failureOf, faults, recordingFetch, setup } from './recording-fetch';

const bitbucket = (token: string, username?: string) => ({
  token,
  provider: 'BITBUCKET' as const,
  apiUrl: 'https://bitbucket.org',
  ...(username === undefined ? {} : { username }),
});
const EMAIL = SEED_TOKENS.bitbucketApiTokenOk.email;
const BEFORE_RETIREMENT = Date.parse(APP_PASSWORD_RETIREMENT) - 30 * 86_400_000;

describe('Bitbucket Cloud API token (BB1)', () => {
  it('uses Basic email:token on GET /2.0/user, one request', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.bitbucketApiTokenOk;
    const v = await validateToken(bitbucket(seed.token, EMAIL), deps);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://api.bitbucket.org/2.0/user']);
    const auth = requests[0]!.headers.get('authorization')!;
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).toBe(`${EMAIL}:${seed.token}`);
    expect(v).toMatchObject({
      login: 'alice',
      tokenType: 'bitbucket-api-token',
      scopes: seed.scopes,
      requiredScopes: ['read:repository:bitbucket', 'write:repository:bitbucket', 'read:user:bitbucket'],
      missingScopes: [],
      expiresAt: null,
      expiryKnown: false,
      blockers: [],
    });
    expect(v.createTokenUrl).toBe('https://id.atlassian.com/manage-profile/security/api-tokens');
  });

  it('refuses without an email before any request', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token), deps),
    );
    expect(error.code).toBe('token-username-required');
    expect(error.message).toMatch(/email/);
    expect(requests).toHaveLength(0);
  });

  it('a username instead of the email → 401 with a hint about the email', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, 'alice'), deps),
    );
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/email/);
    expect(requests).toHaveLength(1);
  });

  it('missing scope (BB3): reads detail.granted from the 403 and blocks', async () => {
    const { deps } = setup();
    const v = await validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenMissingScope.token, EMAIL), deps);
    expect(v.scopes).toEqual(['read:repository:bitbucket']);
    expect(v.missingScopes).toEqual(['write:repository:bitbucket', 'read:user:bitbucket']);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-missing-scopes']);
    expect(v.login).toBeNull();
  });

  it('bad token (BB4) → token-bad-credentials, no retry', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketBad.token, EMAIL), deps),
    );
    expect(error.code).toBe('token-bad-credentials');
    expect(requests).toHaveLength(1);
  });

  it('rate limit (BB5) → token-rate-limited', async () => {
    const { deps } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketRateLimited.token, EMAIL), deps),
    );
    expect(error.code).toBe('token-rate-limited');
  });
});

describe('Bitbucket access token (BB2)', () => {
  it('uses Bearer and turns the 403 into a blocker that still shows the scopes', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.bitbucketAccessToken;
    const v = await validateToken(bitbucket(seed.token), deps);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${seed.token}`);
    expect(v.tokenType).toBe('bitbucket-access-token');
    expect(v.scopes).toEqual(['repository', 'repository:write']);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-not-user-token']);
  });
});

describe('Bitbucket app password (legacy)', () => {
  it('passes with legacy scopes before 2026-06-09 and warns about the retirement', async () => {
    const { deps } = setup();
    const v = await validateToken(bitbucket(SEED_TOKENS.bitbucketAppPassword.token, 'alice'), {
      ...deps,
      now: () => BEFORE_RETIREMENT,
    });
    expect(v.tokenType).toBe('bitbucket-app-password');
    expect(v.missingScopes).toEqual([]);
    expect(v.requiredScopes).toEqual(['repository:write', 'account']);
    expect(v.blockers).toEqual([]);
    expect(v.warnings.map((w) => w.code)).toContain('app-password-retiring');
  });

  it('is blocked from 2026-06-09', async () => {
    const { deps } = setup();
    const v = await validateToken(bitbucket(SEED_TOKENS.bitbucketAppPassword.token, 'alice'), {
      ...deps,
      now: () => Date.parse(APP_PASSWORD_RETIREMENT),
    });
    expect(v.blockers.map((b) => b.code)).toEqual(['token-app-password-retired']);
  });

  it('needs the username', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketAppPassword.token), deps),
    );
    expect(error.code).toBe('token-username-required');
    expect(error.message).toMatch(/username/);
    expect(requests).toHaveLength(0);
  });
});

describe('Bitbucket refusals and odd answers', () => {
  const granted = ['read:repository:bitbucket', 'write:repository:bitbucket', 'read:user:bitbucket'];

  it('a refused app password → token-bad-credentials with the username and retirement hint', async () => {
    const { fetch } = recordingFetch(async () => new Response('', { status: 401 }));
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketAppPassword.token, 'alice'), { fetch }),
    );
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/App passwords also need your Bitbucket username/);
  });

  it('a user without any name → git-host-bad-response', async () => {
    const { fetch } = recordingFetch(async () => Response.json({ uuid: '{1}' }));
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch }),
    );
    expect(error.code).toBe('git-host-bad-response');
    expect(error.message).toMatch(/sent a user without a name/);
  });

  it('a 403 that names no scopes → token-forbidden', async () => {
    const { fetch } = recordingFetch(async () => Response.json({}, { status: 403 }));
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch }),
    );
    expect(error.code).toBe('token-forbidden');
    expect(error.message).toBe(
      'bitbucket.org refused the token (HTTP 403). Check its permissions and try again.',
    );
  });

  it('a 403 although every required scope is granted → token-forbidden, not a pass', async () => {
    const { fetch } = recordingFetch(async () =>
      Response.json({ error: { detail: { granted } } }, { status: 403 }),
    );
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch }),
    );
    expect(error.code).toBe('token-forbidden');
    expect(error.message).toMatch(/although its scopes look right/);
  });
});

describe('Bitbucket host faults', () => {
  it('500 → git-host-error', async () => {
    const { fetch } = recordingFetch(faults.status(500));
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch }),
    );
    expect(error.code).toBe('git-host-error');
  });

  it('malformed body → git-host-bad-response', async () => {
    const { fakes } = setup();
    const { fetch } = recordingFetch(faults.malformed(fakes.handle));
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch }),
    );
    expect(error.code).toBe('git-host-bad-response');
  });

  it('timeout → git-host-timeout', async () => {
    const { fetch } = recordingFetch(faults.hang());
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch, timeoutMs: 30 }),
    );
    expect(error.code).toBe('git-host-timeout');
  });
});

describe('Bitbucket Cloud API URL', () => {
  it('always calls api.bitbucket.org whatever form the integration URL has', async () => {
    const { deps, requests } = setup();
    await validateToken(
      { ...bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), apiUrl: FAKE_GIT_API_URLS.bitbucket },
      deps,
    );
    expect(new URL(requests[0]!.url).host).toBe('api.bitbucket.org');
  });
});
