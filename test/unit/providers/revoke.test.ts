import { describe, expect, it } from 'vitest';
import { revokeAtProvider } from '../../../src/background/providers/revoke-token';
import { validateToken } from '../../../src/background/providers/validate-token';
import { PROVIDERS } from '../../../src/providers/registry';
import { revocationPlan } from '../../../src/providers/revocation';
import { FAKE_GIT_API_URLS, SEED_ANCHOR_MS, SEED_TOKENS } from '../../simulator/git-providers/index';
import { GITHUB_REVOKE_LIMIT } from '../../simulator/git-providers/revocation';
import { faults, recordingFetch, setup } from '../background/providers/recording-fetch';

const holding =
  (token: string) =>
  <T>(fn: (t: string) => Promise<T>) =>
    fn(token);

const github = { provider: 'GITHUB' as const, apiUrl: FAKE_GIT_API_URLS.github };
const ghe = { provider: 'GITHUB' as const, apiUrl: FAKE_GIT_API_URLS.ghe };
const gitlab = { provider: 'GITLAB' as const, apiUrl: FAKE_GIT_API_URLS.gitlab };

describe('every provider declares how a leaked token is revoked', () => {
  it.each(PROVIDERS.map((p) => [p.id, p]))('%s has a revoke capability with a page', (_, p) => {
    expect(p.revoke).toBeDefined();
    expect(p.revoke!.page('https://git.example').startsWith('https://')).toBe(true);
  });
});

describe('GitHub.com: POST /credentials/revoke, unauthenticated', () => {
  it('sends the token in the body only, and a later call with it is refused', async () => {
    const { deps, requests } = setup();
    const token = SEED_TOKENS.githubClassicOk.token;
    const answer = await revokeAtProvider(github, holding(token), deps);
    expect(answer).toEqual({ outcome: 'revoked', place: 'GitHub (github.com)' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://api.github.com/credentials/revoke',
    ]);
    expect(requests[0]!.headers.has('authorization')).toBe(false);
    expect(requests[0]!.credentials).toBe('omit');
    await expect(validateToken({ token, ...github }, deps)).rejects.toMatchObject({
      appError: { code: 'token-bad-credentials' },
    });
  });

  it('names the rate limit past 60 requests an hour and links the token page', async () => {
    const { deps } = setup();
    for (let i = 0; i < GITHUB_REVOKE_LIMIT; i++) {
      expect((await revokeAtProvider(github, holding('ghp_unknown'), deps)).outcome).toBe('revoked');
    }
    const answer = await revokeAtProvider(github, holding(SEED_TOKENS.githubClassicOk.token), deps);
    expect(answer).toMatchObject({
      outcome: 'failed',
      link: 'https://github.com/settings/tokens',
      error: { code: 'revoke-failed' },
    });
    expect(answer.outcome === 'failed' && answer.error.message).toMatch(
      /^Not revoked at GitHub \(github.com\)\. github.com is rate-limiting/,
    );
  });

  it('reads a 403 with X-RateLimit-Remaining: 0 as the rate limit too (GitHub answers 403 or 429)', async () => {
    const limited = async () =>
      new Response('{"message":"API rate limit exceeded"}', {
        status: 403,
        headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(SEED_ANCHOR_MS / 1000 + 600) },
      });
    const answer = await revokeAtProvider(github, holding(SEED_TOKENS.githubClassicOk.token), {
      ...recordingFetch(limited),
      now: () => SEED_ANCHOR_MS,
    });
    expect(answer.outcome === 'failed' && answer.error.message).toContain('try again in about 10 minute(s)');
  });

  it('is refused with 403 when the request is authenticated (the simulator holds GitHub to it)', async () => {
    const { fakes } = setup();
    const response = await fakes.handle(
      new Request('https://api.github.com/credentials/revoke', {
        method: 'POST',
        headers: { Authorization: `token ${SEED_TOKENS.githubClassicOk.token}` },
        body: JSON.stringify({ credentials: [SEED_TOKENS.githubClassicOk.token] }),
      }),
    );
    expect(response.status).toBe(403);
  });

  it('sends nothing to a host the user did not allow', async () => {
    const { fetch, requests } = recordingFetch(faults.status(202));
    const answer = await revokeAtProvider(github, holding(SEED_TOKENS.githubClassicOk.token), {
      fetch,
      hasHostAccess: async () => false,
      now: () => SEED_ANCHOR_MS,
    });
    expect(requests).toEqual([]);
    expect(answer).toMatchObject({ outcome: 'failed', error: { code: 'revoke-failed' } });
  });
});

describe('GitHub Enterprise Server 3.19+: the same path under /api/v3, authenticated', () => {
  it('authenticates with the token itself', async () => {
    const { deps, requests } = setup();
    const token = SEED_TOKENS.gheClassicOk.token;
    expect(await revokeAtProvider(ghe, holding(token), deps)).toEqual({
      outcome: 'revoked',
      place: 'GitHub Enterprise (ghe.acme-corp.example)',
    });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /api/v3/credentials/revoke',
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`token ${token}`);
  });

  it('says an older server offers no revocation (404)', async () => {
    const { fetch } = recordingFetch(faults.status(404));
    const answer = await revokeAtProvider(ghe, holding(SEED_TOKENS.gheClassicOk.token), {
      fetch,
      now: () => SEED_ANCHOR_MS,
    });
    expect(answer).toMatchObject({
      outcome: 'failed',
      link: 'https://ghe.acme-corp.example/settings/tokens',
    });
  });
});

describe('GitLab: DELETE /personal_access_tokens/self', () => {
  it('revokes the token that authenticates the request (204), and it is refused afterwards', async () => {
    const { deps, requests } = setup();
    const token = SEED_TOKENS.gitlabOk.token;
    expect(await revokeAtProvider(gitlab, holding(token), deps)).toEqual({
      outcome: 'revoked',
      place: 'GitLab (gitlab.com)',
    });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'DELETE /api/v4/personal_access_tokens/self',
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${token}`);
    // Asked again: GitLab answers 401 now, which means the token is already of no use.
    expect((await revokeAtProvider(gitlab, holding(token), deps)).outcome).toBe('already-invalid');
  });

  it('names a server error with the token page', async () => {
    const { fetch } = recordingFetch(faults.status(500));
    const answer = await revokeAtProvider(gitlab, holding(SEED_TOKENS.gitlabOk.token), {
      fetch,
      now: () => SEED_ANCHOR_MS,
    });
    expect(answer).toMatchObject({
      outcome: 'failed',
      link: 'https://gitlab.com/-/user_settings/personal_access_tokens',
    });
  });
});

describe('Bitbucket: no API', () => {
  it('sends nothing and points to the token page', async () => {
    const { deps, requests } = setup();
    const cloud = await revokeAtProvider(
      { provider: 'BITBUCKET', apiUrl: FAKE_GIT_API_URLS.bitbucket },
      holding(SEED_TOKENS.bitbucketApiTokenOk.token),
      deps,
    );
    const dc = await revokeAtProvider(
      { provider: 'BITBUCKET_SERVER', apiUrl: FAKE_GIT_API_URLS.bitbucketDc },
      holding(SEED_TOKENS.bitbucketDcOk.token),
      deps,
    );
    expect(requests).toEqual([]);
    expect(cloud).toEqual({
      outcome: 'manual',
      place: 'Bitbucket Cloud (bitbucket.org)',
      link: 'https://id.atlassian.com/manage-profile/security/api-tokens',
    });
    expect(dc).toMatchObject({
      outcome: 'manual',
      link: 'https://bitbucket.acme-corp.example/plugins/servlet/access-tokens/manage',
    });
  });

  it('plans the same without a request (what the confirmation lists)', () => {
    expect(revocationPlan('BITBUCKET', FAKE_GIT_API_URLS.bitbucket)).toMatchObject({ how: 'page' });
    expect(revocationPlan('GITHUB', FAKE_GIT_API_URLS.github)).toMatchObject({
      how: 'api',
      place: 'GitHub (github.com)',
    });
    expect(revocationPlan('GITLAB', 'not a url')).toBeNull();
  });
});
