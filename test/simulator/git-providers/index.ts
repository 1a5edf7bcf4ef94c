import type { FakeGitProviders, FetchHandler } from '../types';
import { createBitbucketHost } from './bitbucket';
import { createBitbucketDcHost } from './bitbucket-dc';
import { createGitHubHost } from './github';
import { createGitLabHost } from './gitlab';
import { createGitLabRotations } from './gitlab-rotation';
import { json } from './http';
import { createRevocations, resetRevocations } from './revocation';
import { BITBUCKET_DC_HOST, BITBUCKET_HOST, GHE_HOST, GITHUB_HOST, GITLAB_HOST } from './seed-tokens';

export {
  BITBUCKET_DC_HOST,
  BITBUCKET_HOST,
  findSeed,
  GHE_HOST,
  GITHUB_HOST,
  GITLAB_HOST,
  SEED_ANCHOR_MS,
  SEED_TOKENS,
  type SeedToken,
  type SeedTokenName,
} from './seed-tokens';

/** API base URLs of the fake hosts, as a runtime's Git integration would carry them. */
export const FAKE_GIT_API_URLS = {
  github: `https://${GITHUB_HOST}`,
  ghe: `https://${GHE_HOST}/api/v3`,
  gitlab: `https://${GITLAB_HOST}/api/v4`,
  bitbucket: `https://${BITBUCKET_HOST}/2.0`,
  bitbucketDc: `https://${BITBUCKET_DC_HOST}/rest/api/1.0`,
} as const;

export interface FakeGitProvidersOptions {
  /** Clock for rate-limit reset headers; defaults to Date.now. */
  readonly now?: () => number;
}

/**
 * GitHub, GitHub Enterprise, GitLab, Bitbucket Cloud and Bitbucket DC as Fetch handlers that
 * answer the seeded tokens (seed-tokens.ts) with docs/git-provider-contracts.md §13's headers and bodies.
 * Faults (500, timeouts, malformed bodies) belong to the simulator core, not to the seeds.
 */
export const createFakeGitProviders = (options: FakeGitProvidersOptions = {}): FakeGitProviders => {
  const now = options.now ?? Date.now;
  const usage = new Map<string, number>();
  const rotations = createGitLabRotations();
  const revocations = createRevocations();
  const byHost = new Map<string, FetchHandler>([
    [
      GITHUB_HOST,
      createGitHubHost({ host: GITHUB_HOST, apiPrefix: '', enterprise: false, now, usage, revocations }),
    ],
    [
      GHE_HOST,
      createGitHubHost({ host: GHE_HOST, apiPrefix: '/api/v3', enterprise: true, now, usage, revocations }),
    ],
    [GITLAB_HOST, createGitLabHost({ host: GITLAB_HOST, now, usage, rotations, revocations })],
    [BITBUCKET_HOST, createBitbucketHost({ host: BITBUCKET_HOST })],
    [BITBUCKET_DC_HOST, createBitbucketDcHost({ host: BITBUCKET_DC_HOST })],
  ]);
  return {
    hosts: [...byHost.keys()],
    handle: async (request) => {
      const handler = byHost.get(new URL(request.url).host);
      if (!handler) return json(502, { message: `No fake Git provider serves ${new URL(request.url).host}` });
      return handler(request);
    },
    gitlabIssuedTokens: () => rotations.issuedTokens(),
    reset: () => {
      usage.clear();
      rotations.reset();
      resetRevocations(revocations);
    },
  };
};
