import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../src/background/providers/validate-token';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../../simulator/git-providers/index';
import { failureOf, faults, recordingFetch, setup } from '../background/providers/recording-fetch';

const dc = (token: string) => ({
  token,
  provider: 'BITBUCKET_SERVER' as const,
  apiUrl: FAKE_GIT_API_URLS.bitbucketDc,
});

describe('Bitbucket Data Center', () => {
  it('BDC1: one HEAD /application-properties with Bearer, login from X-AUSERNAME, permissions not checkable', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.bitbucketDcOk;
    const v = await validateToken(dc(seed.token), deps);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'HEAD https://bitbucket.acme-corp.example/rest/api/1.0/application-properties',
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${seed.token}`);
    expect(v).toMatchObject({
      login: 'alice',
      tokenType: 'bitbucket-dc-http-token',
      scopes: null,
      requiredScopes: [],
      missingScopes: [],
      expiryKnown: false,
      blockers: [],
    });
    expect(v.warnings.map((w) => w.code)).toEqual(['scopes-not-checkable']);
    expect(v.createTokenUrl).toBe('https://bitbucket.acme-corp.example/plugins/servlet/access-tokens/manage');
  });

  it('BDC2: 401 → token-bad-credentials naming the host', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() => validateToken(dc(SEED_TOKENS.bitbucketDcBad.token), deps));
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/bitbucket\.acme-corp\.example/);
    expect(requests).toHaveLength(1);
  });

  it('a 200 without X-AUSERNAME (anonymous access) is not a valid token', async () => {
    const { fetch } = recordingFetch(async () => new Response(null, { status: 200 }));
    const error = await failureOf(() => validateToken(dc(SEED_TOKENS.bitbucketDcOk.token), { fetch }));
    expect(error.code).toBe('token-bad-credentials');
  });

  it('500 → git-host-error; timeout → git-host-timeout', async () => {
    const e500 = await failureOf(() =>
      validateToken(dc(SEED_TOKENS.bitbucketDcOk.token), { fetch: recordingFetch(faults.status(500)).fetch }),
    );
    expect(e500.code).toBe('git-host-error');
    const eTimeout = await failureOf(() =>
      validateToken(dc(SEED_TOKENS.bitbucketDcOk.token), {
        fetch: recordingFetch(faults.hang()).fetch,
        timeoutMs: 30,
      }),
    );
    expect(eTimeout.code).toBe('git-host-timeout');
  });
});
