import { beforeEach, describe, expect, it } from 'vitest';
import { validateToken } from '../../../../src/background/providers/validate-token';
import {
  FAKE_GIT_API_URLS,
  GITHUB_HOST,
  GITLAB_HOST,
  SEED_TOKENS,
} from '../../../simulator/git-providers/index';
import { createSimulator } from '../../../simulator/index';
import { failureOf } from '../../failure';

/**
 * The validators against the whole simulator, counting requests from the simulator's own log (what
 * a Git host would have seen), and through its fault injection for what the seeds cannot express.
 */
describe('validation as the simulator sees it', () => {
  const sim = createSimulator();
  const deps = { fetch: sim.fetch, timeoutMs: 200 };
  const gitRequests = () => sim.log().filter((e) => e.host !== 'g.codefresh.io');

  beforeEach(() => sim.reset());

  const failure = async (run: () => Promise<unknown>) => (await failureOf(run())).appError;

  it.each([
    ['GitHub classic', SEED_TOKENS.githubClassicOk.token, 'GITHUB', FAKE_GIT_API_URLS.github, undefined, 1],
    ['GitHub Enterprise', SEED_TOKENS.gheClassicOk.token, 'GITHUB', FAKE_GIT_API_URLS.ghe, undefined, 1],
    [
      'Bitbucket Data Center',
      SEED_TOKENS.bitbucketDcOk.token,
      'BITBUCKET_SERVER',
      FAKE_GIT_API_URLS.bitbucketDc,
      undefined,
      1,
    ],
    [
      'Bitbucket Cloud API token',
      SEED_TOKENS.bitbucketApiTokenOk.token,
      'BITBUCKET',
      FAKE_GIT_API_URLS.bitbucket,
      SEED_TOKENS.bitbucketApiTokenOk.email,
      1,
    ],
  ] as const)(
    '%s: the host sees %#… exactly the budgeted requests',
    async (_name, token, provider, apiUrl, username, budget) => {
      const validation = await validateToken(
        { token, provider, apiUrl, ...(username ? { username } : {}) },
        deps,
      );
      expect(validation.blockers).toEqual([]);
      expect(gitRequests()).toHaveLength(budget);
    },
  );

  it('GitLab: at most two requests (token facts, then the username)', async () => {
    await validateToken(
      { token: SEED_TOKENS.gitlabOk.token, provider: 'GITLAB', apiUrl: FAKE_GIT_API_URLS.gitlab },
      deps,
    );
    expect(gitRequests().length).toBeGreaterThanOrEqual(1);
    expect(gitRequests().length).toBeLessThanOrEqual(2);
    expect(gitRequests().every((e) => e.host === GITLAB_HOST)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'ghp_one\nghp_two',
    'ghs_SIMLEAKFqaUvymiV7sf7HxS9tp4YufcCo4n3',
    'gldt-SIMLEAKnsNHhPl0A5wtb',
  ])('sends nothing for input that cannot be a personal token: %j', async (token) => {
    const provider = token.startsWith('gldt') ? 'GITLAB' : 'GITHUB';
    const apiUrl = provider === 'GITLAB' ? FAKE_GIT_API_URLS.gitlab : FAKE_GIT_API_URLS.github;
    await failure(() => validateToken({ token, provider, apiUrl }, deps));
    expect(gitRequests()).toEqual([]);
  });

  it.each([
    ['a 500', { kind: 'status', status: 500 }, 'git-host-error'],
    ['a body that is not JSON', { kind: 'malformed' }, 'git-host-bad-response'],
    ['an answer slower than the timeout', { kind: 'delay', delayMs: 1_000 }, 'git-host-timeout'],
    ['a dropped connection', { kind: 'drop' }, 'git-host-unreachable'],
  ] as const)(
    'turns %s from GitHub into one typed error, with no secret and no retry',
    async (_n, fault, code) => {
      sim.inject({ host: GITHUB_HOST, ...fault });
      const token = SEED_TOKENS.githubClassicOk.token;
      const error = await failure(() =>
        validateToken({ token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.github }, deps),
      );
      expect(error.code).toBe(code);
      expect(JSON.stringify(error)).not.toContain(token);
      expect(gitRequests()).toHaveLength(1);
    },
  );

  it('logs the check with the token redacted to its last four characters', async () => {
    const token = SEED_TOKENS.githubClassicOk.token;
    await validateToken({ token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.github }, deps);
    const logged = JSON.stringify(sim.log());
    expect(logged).not.toContain(token);
    expect(logged).toContain(token.slice(-4));
  });
});
