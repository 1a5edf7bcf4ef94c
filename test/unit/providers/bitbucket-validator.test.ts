import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../src/background/providers/validate-token';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../../simulator/git-providers/index';
import { failureOf, faults, recordingFetch, setup } from '../background/providers/recording-fetch';

const bitbucket = (token: string, username?: string) => ({
  token,
  provider: 'BITBUCKET' as const,
  apiUrl: 'https://bitbucket.org',
  ...(username === undefined ? {} : { username }),
});
const EMAIL = SEED_TOKENS.bitbucketApiTokenOk.email;

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
      requiredScopes: [
        'one of admin:repository:bitbucket, write:repository:bitbucket',
        'one of read:user:bitbucket, write:user:bitbucket',
        'one of read:workspace:bitbucket, admin:workspace:bitbucket',
      ],
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

  it('a username instead of the email → refused before any request, saying why', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, 'alice'), deps),
    );
    expect(error.code).toBe('token-username-required');
    expect(error.message).toBe(
      'Atlassian API tokens sign in with the email of your Atlassian account, not your Bitbucket username. Enter that email, then check again.',
    );
    expect(requests).toHaveLength(0);
  });

  it('a wrong email → 401 with a hint about the email', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, 'bob@acme-corp.example'), deps),
    );
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/email of your Atlassian account/);
    expect(requests).toHaveLength(1);
  });

  it('passes repository:admin alone in the repository group (as cli-v2 did)', async () => {
    const { fetch } = recordingFetch(async () =>
      Response.json(
        { nickname: 'alice' },
        {
          headers: {
            'X-OAuth-Scopes': 'admin:repository:bitbucket, read:user:bitbucket, read:workspace:bitbucket',
            'X-Credential-Type': 'api_token',
          },
        },
      ),
    );
    const v = await validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenOk.token, EMAIL), { fetch });
    expect(v.missingScopes).toEqual([]);
    expect(v.blockers).toEqual([]);
  });

  it('missing scope (BB3): reads detail.granted from the 403 and blocks', async () => {
    const { deps } = setup();
    const v = await validateToken(bitbucket(SEED_TOKENS.bitbucketApiTokenMissingScope.token, EMAIL), deps);
    expect(v.scopes).toEqual(['read:repository:bitbucket']);
    // Each missing group is named.
    expect(v.missingScopes).toEqual([
      'one of admin:repository:bitbucket, write:repository:bitbucket',
      'one of read:user:bitbucket, write:user:bitbucket',
      'one of read:workspace:bitbucket, admin:workspace:bitbucket',
    ]);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-missing-scopes']);
    expect(v.blockers[0]!.message).toContain(
      'one of admin:repository:bitbucket, write:repository:bitbucket; one of read:user:bitbucket',
    );
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

describe('Bitbucket app password (removed 28 July 2026)', () => {
  const REMOVED =
    'Bitbucket removed app passwords on 28 July 2026, so Codefresh can no longer use this one. Create an Atlassian API token with these scopes: one of admin:repository:bitbucket, write:repository:bitbucket; one of read:user:bitbucket, write:user:bitbucket; one of read:workspace:bitbucket, admin:workspace:bitbucket. Then paste it here with your Atlassian account email.';

  it('is refused before any request with the removal, the scopes to pick and the link', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(bitbucket(SEED_TOKENS.bitbucketAppPassword.token, 'alice'), deps),
    );
    expect(error).toMatchObject({
      code: 'token-app-password-removed',
      message: REMOVED,
      link: 'https://id.atlassian.com/manage-profile/security/api-tokens',
    });
    expect(requests).toHaveLength(0);
  });

  it('a credential Bitbucket reports as an app password gets the same answer', async () => {
    const { fetch } = recordingFetch(async () =>
      Response.json(
        { nickname: 'alice' },
        {
          headers: {
            'X-OAuth-Scopes': 'repository:write, account, team',
            'X-Credential-Type': 'app_password',
          },
        },
      ),
    );
    const error = await failureOf(() =>
      validateToken(bitbucket('legacytoken0123456789abcdef', 'alice'), { fetch }),
    );
    expect(error.code).toBe('token-app-password-removed');
    expect(error.message).toBe(REMOVED);
  });
});

describe('Bitbucket refusals and odd answers', () => {
  const granted = [
    'read:repository:bitbucket',
    'write:repository:bitbucket',
    'read:user:bitbucket',
    'read:workspace:bitbucket',
  ];

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
