import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../../src/background/providers/validate-token';
import { isAppFailure } from '../../../../src/shared/errors';
import type { GitProvider } from '../../../../src/shared/runtime-types';
import {
  BITBUCKET_DC_HOST,
  BITBUCKET_HOST,
  FAKE_GIT_API_URLS,
  GHE_HOST,
  GITHUB_HOST,
  GITLAB_HOST,
  SEED_TOKENS,
  type SeedToken,
} from '../../../simulator/git-providers/index';
import { failureOf, setup } from './recording-fetch';

const TARGET: Record<string, { provider: GitProvider; apiUrl: string }> = {
  [GITHUB_HOST]: { provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.github },
  [GHE_HOST]: { provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.ghe },
  [GITLAB_HOST]: { provider: 'GITLAB', apiUrl: FAKE_GIT_API_URLS.gitlab },
  [BITBUCKET_HOST]: { provider: 'BITBUCKET', apiUrl: FAKE_GIT_API_URLS.bitbucket },
  [BITBUCKET_DC_HOST]: { provider: 'BITBUCKET_SERVER', apiUrl: FAKE_GIT_API_URLS.bitbucketDc },
};

const inputFor = (seed: SeedToken) => ({
  token: seed.token,
  ...TARGET[seed.host]!,
  ...(seed.kind === 'bitbucket-api-token' ? { username: seed.email } : {}),
  ...(seed.kind === 'bitbucket-app-password' ? { username: seed.login } : {}),
});

/** Request budget per validation (docs/git-provider-contracts.md §0.1): GitLab may add /user for the username. */
const BUDGET: Record<GitProvider, number> = {
  GITHUB: 1,
  GITLAB: 2,
  BITBUCKET: 1,
  BITBUCKET_SERVER: 1,
};

const ALL_SEEDS = Object.entries(SEED_TOKENS) as [string, SeedToken][];

describe('no request before the input is sane', () => {
  const github = { provider: 'GITHUB' as const, apiUrl: FAKE_GIT_API_URLS.github };
  it.each([
    ['empty', '', 'token-input-empty'],
    ['blank', '  \n ', 'token-input-empty'],
    [
      'multi-line',
      `${SEED_TOKENS.githubClassicOk.token}\n${SEED_TOKENS.githubOAuth.token}`,
      'token-input-multiline',
    ],
    ['labelled', `Bearer ${SEED_TOKENS.githubClassicOk.token}`, 'token-input-whitespace'],
    ['non-printable', `${SEED_TOKENS.githubClassicOk.token}\u200B`, 'token-input-non-printable'],
    ['over 1 KB', `ghp_${'a'.repeat(1100)}`, 'token-input-too-long'],
    ['a GitHub App installation token', SEED_TOKENS.githubAppInstallation.token, 'token-not-personal'],
    ['a GitHub App user token', `ghu_SIMLEAK${'x'.repeat(29)}`, 'token-not-personal'],
    ['a GitHub refresh token', `ghr_SIMLEAK${'x'.repeat(29)}`, 'token-not-personal'],
    ['a GitLab token on a GitHub runtime', SEED_TOKENS.gitlabOk.token, 'token-wrong-provider'],
  ])('%s → %s', async (_name, token, code) => {
    const { deps, requests } = setup();
    const error = await failureOf(() => validateToken({ token, ...github }, deps));
    expect(error.code).toBe(code);
    expect(requests).toHaveLength(0);
    if (token.trim()) expect(error.message).not.toContain(token.trim().slice(4, 20));
  });

  it('a GitLab deploy token is refused on a GitLab runtime', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(
        { token: SEED_TOKENS.gitlabDeployToken.token, provider: 'GITLAB', apiUrl: FAKE_GIT_API_URLS.gitlab },
        deps,
      ),
    );
    expect(error.code).toBe('token-not-personal');
    expect(error.message).toMatch(/deploy token/);
    expect(requests).toHaveLength(0);
  });

  it('an unusable runtime API URL → git-api-url-invalid', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken(
        { token: SEED_TOKENS.githubClassicOk.token, provider: 'GITHUB', apiUrl: 'file:///etc' },
        deps,
      ),
    );
    expect(error.code).toBe('git-api-url-invalid');
    expect(requests).toHaveLength(0);
  });

  it('an invalid Bitbucket username → token-username-invalid', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() =>
      validateToken({ ...inputFor(SEED_TOKENS.bitbucketApiTokenOk), username: 'a:b' }, deps),
    );
    expect(error.code).toBe('token-username-invalid');
    expect(requests).toHaveLength(0);
  });

  it('trims a pasted token before sending it', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.githubClassicOk;
    const v = await validateToken({ ...inputFor(seed), token: `  ${seed.token}\n` }, deps);
    expect(v.login).toBe(seed.login);
    expect(requests[0]!.headers.get('authorization')).toBe(`token ${seed.token}`);
  });
});

describe('every seeded token against its own host', () => {
  // Kinds refused before any request: GitHub App tokens, GitLab deploy tokens, Bitbucket app passwords.
  const refusedAtOnce = new Set(['github-app-installation', 'gitlab-deploy', 'bitbucket-app-password']);
  it.each(ALL_SEEDS.filter(([, s]) => !refusedAtOnce.has(s.kind)))(
    '%s: within the request budget, credentials omitted, no cache, no cookie, token never in the outcome',
    async (_name, seed) => {
      const { deps, requests } = setup();
      const input = inputFor(seed);
      let outcome: string;
      try {
        outcome = JSON.stringify(await validateToken(input, deps));
      } catch (e) {
        if (!isAppFailure(e)) throw e;
        outcome = JSON.stringify({ ...e.appError, message: e.message });
      }
      expect(outcome).not.toContain(seed.token);
      expect(outcome).not.toContain('SIMLEAK');
      expect(requests.length).toBeGreaterThanOrEqual(1);
      expect(requests.length).toBeLessThanOrEqual(BUDGET[input.provider]);
      for (const r of requests) {
        expect(new URL(r.url).host).toBe(seed.host);
        expect(r.credentials).toBe('omit');
        expect(r.cache).toBe('no-store');
        expect(r.redirect).toBe('manual');
        expect(r.hasSignal).toBe(true);
        expect(r.headers.has('cookie')).toBe(false);
      }
    },
  );

  it('GitHub classic: exactly one request', async () => {
    for (const seed of [
      SEED_TOKENS.githubClassicOk,
      SEED_TOKENS.githubClassicMissingRepo,
      SEED_TOKENS.githubBad,
    ]) {
      const { deps, requests } = setup();
      await validateToken(inputFor(seed), deps).catch(() => undefined);
      expect(requests).toHaveLength(1);
    }
  });

  it('a 401 is never retried, even when the user checks again: one request per check', async () => {
    const { deps, requests } = setup();
    for (let i = 1; i <= 3; i++) {
      const error = await failureOf(() => validateToken(inputFor(SEED_TOKENS.githubBad), deps));
      expect(error.code).toBe('token-bad-credentials');
      expect(requests).toHaveLength(i);
    }
  });
});
