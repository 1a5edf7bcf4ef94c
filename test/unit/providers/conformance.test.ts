import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../src/background/providers/validate-token';
import { descriptorFor, PROVIDER_IDS, PROVIDERS } from '../../../src/providers/registry';
import type { ProviderId } from '../../../src/providers/types';
import { isAppFailure } from '../../../src/shared/errors';
import {
  createFakeGitProviders,
  FAKE_GIT_API_URLS,
  SEED_TOKENS,
  type SeedToken,
} from '../../simulator/git-providers/index';
import { setup } from '../background/providers/recording-fetch';

/**
 * The meta-test of the provider registry: every provider in it has a validator test for each error
 * class, run against its simulator fake, and a simulator fake that serves its API. A provider added
 * to the registry without them fails to compile (the Records below) or fails here.
 */
type ErrorClass =
  | 'bad-credentials'
  | 'missing-scope'
  | 'expired'
  | 'sso-or-equivalent'
  | 'rate-limit'
  | 'server-error';
const ERROR_CLASSES: readonly ErrorClass[] = [
  'bad-credentials',
  'missing-scope',
  'expired',
  'sso-or-equivalent',
  'rate-limit',
  'server-error',
];

type Case =
  | {
      readonly seed: SeedToken;
      readonly code: string;
      readonly as: 'error' | 'blocker';
      readonly says?: RegExp;
    }
  | { readonly notApplicable: string };

/** The simulator fake that stands for each provider, as a runtime's Git API URL. */
const FAKE_API: Readonly<Record<ProviderId, string>> = {
  github: FAKE_GIT_API_URLS.github,
  'github-enterprise': FAKE_GIT_API_URLS.ghe,
  gitlab: FAKE_GIT_API_URLS.gitlab,
  bitbucket: FAKE_GIT_API_URLS.bitbucket,
  'bitbucket-dc': FAKE_GIT_API_URLS.bitbucketDc,
};

const T = SEED_TOKENS;
const error = (seed: SeedToken, code: string, says?: RegExp): Case => ({
  seed,
  code,
  as: 'error',
  ...(says ? { says } : {}),
});
const blocker = (seed: SeedToken, code: string): Case => ({ seed, code, as: 'blocker' });

const CASES: Readonly<Record<ProviderId, Readonly<Record<ErrorClass, Case>>>> = {
  github: {
    'bad-credentials': error(T.githubBad, 'token-bad-credentials'),
    'missing-scope': blocker(T.githubClassicMissingRepo, 'token-missing-scopes'),
    // GitHub answers an expired token 401 Bad credentials (GH4); the message names expiry.
    expired: error(T.githubClassicExpired, 'token-bad-credentials', /expired/),
    'sso-or-equivalent': blocker(T.githubSsoRequired, 'token-sso-required'),
    'rate-limit': error(T.githubRateLimited429, 'token-rate-limited'),
    'server-error': error(T.githubServerError, 'git-host-error'),
  },
  'github-enterprise': {
    'bad-credentials': error(T.gheBad, 'token-bad-credentials'),
    'missing-scope': blocker(T.gheClassicMissingRepo, 'token-missing-scopes'),
    expired: error(T.gheExpired, 'token-bad-credentials', /expired/),
    'sso-or-equivalent': blocker(T.gheSsoRequired, 'token-sso-required'),
    'rate-limit': error(T.gheRateLimited, 'token-rate-limited'),
    'server-error': error(T.gheServerError, 'git-host-error'),
  },
  gitlab: {
    'bad-credentials': error(T.gitlabBad, 'token-bad-credentials'),
    'missing-scope': blocker(T.gitlabReadUserOnly, 'token-missing-scopes'),
    expired: error(T.gitlabExpired, 'token-expired'),
    // No SSO for PATs; the equivalent refusal of a known token is a project or group (bot) token.
    'sso-or-equivalent': blocker(T.gitlabProjectBot, 'token-not-user-token'),
    'rate-limit': error(T.gitlabRateLimited, 'token-rate-limited'),
    'server-error': error(T.gitlabServerError, 'git-host-error'),
  },
  bitbucket: {
    'bad-credentials': error(T.bitbucketBad, 'token-bad-credentials'),
    'missing-scope': blocker(T.bitbucketApiTokenMissingScope, 'token-missing-scopes'),
    expired: error(T.bitbucketApiTokenExpired, 'token-bad-credentials', /expired/),
    // A workspace, project or repository access token: known, but not a user's token (BB2).
    'sso-or-equivalent': blocker(T.bitbucketAccessToken, 'token-not-user-token'),
    'rate-limit': error(T.bitbucketRateLimited, 'token-rate-limited'),
    'server-error': error(T.bitbucketServerError, 'git-host-error'),
  },
  'bitbucket-dc': {
    'bad-credentials': error(T.bitbucketDcBad, 'token-bad-credentials'),
    'missing-scope': {
      notApplicable:
        'Bitbucket Data Center returns no permissions for a token (docs/git-provider-contracts.md §7.3)',
    },
    expired: error(T.bitbucketDcExpired, 'token-bad-credentials'),
    'sso-or-equivalent': {
      notApplicable: 'Bitbucket Data Center has no per-token organization authorization to refuse (§7)',
    },
    'rate-limit': error(T.bitbucketDcRateLimited, 'token-rate-limited'),
    'server-error': error(T.bitbucketDcServerError, 'git-host-error'),
  },
};

describe('every provider in the registry', () => {
  it('has a case for each error class, and nothing outside the registry does', () => {
    expect(Object.keys(CASES).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) expect(Object.keys(CASES[id]).sort()).toEqual([...ERROR_CLASSES].sort());
  });

  it('has a simulator fake that serves its API URL, and a folder with its own validator', () => {
    const fakes = createFakeGitProviders();
    const folders = readdirSync(resolve(import.meta.dirname, '../../../src/providers'));
    for (const d of PROVIDERS) {
      const url = new URL(FAKE_API[d.id]);
      expect(fakes.hosts).toContain(url.host);
      // The fake's URL resolves to this very provider, both ways.
      expect(descriptorFor(d.codefresh, url).id).toBe(d.id);
      expect(folders).toContain(d.id);
    }
  });

  describe.each(PROVIDER_IDS)('%s', (id) => {
    it.each(ERROR_CLASSES)('%s', async (errorClass) => {
      const c = CASES[id][errorClass];
      if ('notApplicable' in c) {
        expect(c.notApplicable).toMatch(/§\d/); // a reason with its source, not a silent gap
        return;
      }
      const { deps, requests } = setup();
      const provider = PROVIDERS.find((p) => p.id === id)!.codefresh;
      const input = {
        token: c.seed.token,
        provider,
        apiUrl: FAKE_API[id],
        ...(c.seed.email ? { username: c.seed.email } : {}),
      };
      let outcome: { code: string; message: string; where: 'error' | 'blocker' } | null = null;
      try {
        const v = await validateToken(input, deps);
        const b = v.blockers.find((x) => x.code === c.code);
        if (b) outcome = { code: b.code, message: b.message, where: 'blocker' };
      } catch (e) {
        if (!isAppFailure(e)) throw e;
        outcome = { code: e.appError.code, message: e.message, where: 'error' };
      }
      expect(outcome).toMatchObject({ code: c.code, where: c.as });
      if (c.says) expect(outcome?.message).toMatch(c.says);
      // It reached this provider's fake, and only it.
      expect(requests.length).toBeGreaterThan(0);
      for (const r of requests) expect(new URL(r.url).host).toBe(new URL(FAKE_API[id]).host);
    });
  });
});
