import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../src/background/providers/validate-token';
import { SSO_URL } from '../../simulator/git-providers/github';
import { FAKE_GIT_API_URLS, SEED_ANCHOR_MS, SEED_TOKENS } from '../../simulator/git-providers/index';
import { failureOf, faults, recordingFetch, setup } from '../background/providers/recording-fetch';

const github = (token: string) => ({ token, provider: 'GITHUB' as const, apiUrl: FAKE_GIT_API_URLS.github });
const ghe = (token: string) => ({ token, provider: 'GITHUB' as const, apiUrl: FAKE_GIT_API_URLS.ghe });

describe('GitHub classic (GH1)', () => {
  it('reads login, scopes, expiry and rate limit from exactly one GET /user', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.githubClassicOk;
    const v = await validateToken(github(seed.token), deps);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://api.github.com/user']);
    expect(requests[0]!.headers.get('authorization')).toBe(`token ${seed.token}`);
    expect(v).toMatchObject({
      provider: 'GITHUB',
      apiUrl: FAKE_GIT_API_URLS.github,
      login: seed.login,
      tokenType: 'github-classic',
      scopes: seed.scopes,
      requiredScopes: ['repo'],
      missingScopes: [],
      recommendedScopes: ['admin:repo_hook'],
      expiresAt: seed.expiresAt,
      expiryKnown: true,
      lastFour: seed.token.slice(-4),
      blockers: [],
    });
    expect(v.rateLimit).toEqual({
      remaining: 4999,
      resetAt: (Math.floor(SEED_ANCHOR_MS / 1000) + 3600) * 1000,
    });
    expect(v.createTokenUrl).toBe(
      'https://github.com/settings/tokens/new?scopes=repo&description=Codefresh%20GitOps',
    );
    const codes = v.warnings.map((w) => w.code);
    expect(codes).toContain('scopes-wider-than-needed'); // read:org, workflow
    expect(codes).toContain('recommended-scopes-missing'); // admin:repo_hook, never blocking
    expect(JSON.stringify(v)).not.toContain(seed.token);
  });

  it('blocks a token without repo and names it', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubClassicMissingRepo.token), deps);
    expect(v.login).toBe('octocat');
    expect(v.missingScopes).toEqual(['repo']);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-missing-scopes']);
    expect(v.blockers[0]!.message).toMatch(/repo/);
    expect(v.blockers[0]!.link).toBe(v.createTokenUrl);
  });

  it('reports "no expiry" only when the header is absent on a trusted response (GH2)', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubClassicNoExpiry.token), deps);
    expect(v.expiresAt).toBeNull();
    expect(v.expiryKnown).toBe(true);
    expect(v.warnings.map((w) => w.code)).toContain('token-no-expiry');
    expect(v.warnings.map((w) => w.code)).not.toContain('recommended-scopes-missing');
  });

  it('parses the +0900 expiry format to the same instant (GH2 variant)', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubClassicOffsetExpiry.token), deps);
    expect(v.expiresAt).toBe(SEED_TOKENS.githubClassicOffsetExpiry.expiresAt);
  });

  it('warns when the token expires within a week', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubClassicNearExpiry.token), deps);
    expect(v.blockers).toEqual([]);
    expect(v.warnings.find((w) => w.code === 'token-expires-soon')?.message).toMatch(/3 day/);
  });

  it('blocks a token whose expiry has passed even if the host still answered', async () => {
    const { deps } = setup();
    const seed = SEED_TOKENS.githubClassicNearExpiry;
    const later = Date.parse(seed.expiresAt) + 1000;
    const v = await validateToken(github(seed.token), { ...deps, now: () => later });
    expect(v.blockers.map((b) => b.code)).toEqual(['token-expired']);
  });

  it('accepts an OAuth token (gho_) as classic-like with scopes', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubOAuth.token), deps);
    expect(v.tokenType).toBe('github-oauth');
    expect(v.scopes).toEqual(['repo', 'read:org']);
    expect(v.blockers).toEqual([]);
  });

  it('treats a CORS-filtered response as "expiry unknown", not "no expiry" (§13.1 idea 1)', async () => {
    const fakes = setup().fakes;
    const corsFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const real = await fakes.handle(new Request(input, init));
      const visible = new Headers();
      const exposed = (real.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/,\s*/);
      for (const [k, v] of real.headers) if (exposed.includes(k) || k === 'content-type') visible.set(k, v);
      const filtered = new Response(await real.text(), { status: real.status, headers: visible });
      Object.defineProperty(filtered, 'type', { value: 'cors' });
      return filtered;
    }) as typeof fetch;
    const v = await validateToken(github(SEED_TOKENS.githubClassicOk.token), {
      fetch: corsFetch,
      now: () => SEED_ANCHOR_MS,
    });
    expect(v.expiresAt).toBeNull();
    expect(v.expiryKnown).toBe(false);
    expect(v.warnings.map((w) => w.code)).toContain('host-permission-missing');
    expect(v.warnings.map((w) => w.code)).not.toContain('token-no-expiry');
    expect(v.scopes).toEqual(SEED_TOKENS.githubClassicOk.scopes); // X-OAuth-Scopes is exposed
  });
});

describe('GitHub fine-grained (GH3)', () => {
  const RUNTIME_REPO = 'https://github.com/acme/codefresh-isc-production';

  it('is accepted: owner and expiry from GET /user, scopes unknown (not "none"), and says who checks write', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.githubFineGrained;
    const v = await validateToken(github(seed.token), deps);
    // Without a runtime's repository, nothing more can be asked.
    expect(requests).toHaveLength(1);
    expect(v.tokenType).toBe('github-fine-grained');
    expect(v.scopes).toBeNull();
    expect(v.missingScopes).toEqual([]);
    expect(v.login).toBe('octocat');
    expect(v.expiresAt).toBe(seed.expiresAt);
    expect(v.blockers).toEqual([]);
    expect(v.warnings.map((w) => w.code)).toEqual(['fine-grained-write-checked-by-codefresh']);
    expect(v.warnings[0]!.message).toBe(
      "GitHub does not show what a fine-grained token may do. Codefresh checks that it has Contents: read and write (and Metadata: read) on the runtime's repositories when it receives the token. You can add it; if Codefresh refuses it, its reason is shown here.",
    );
  });

  it('reads the runtime’s installation repository once: 200 means it can at least read it', async () => {
    const { deps, requests } = setup();
    const v = await validateToken(
      { ...github(SEED_TOKENS.githubFineGrained.token), repo: RUNTIME_REPO },
      deps,
    );
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /user',
      'GET /repos/acme/codefresh-isc-production',
    ]);
    expect(v.repoAccess).toEqual({ repo: 'acme/codefresh-isc-production', canRead: true });
    expect(v.blockers).toEqual([]);
  });

  it.each([
    ['not given the repository', SEED_TOKENS.githubFineGrainedNoRepo.token],
    ['awaiting the organization’s approval', SEED_TOKENS.githubFineGrainedPending.token],
  ])('404 (%s): says both causes, links the token settings, still lets it be added', async (_n, token) => {
    const { deps } = setup();
    const v = await validateToken({ ...github(token), repo: `${RUNTIME_REPO}.git` }, deps);
    expect(v.repoAccess).toEqual({ repo: 'acme/codefresh-isc-production', canRead: false });
    expect(v.blockers).toEqual([]);
    const warning = v.warnings.find((w) => w.code === 'fine-grained-repo-not-visible')!;
    expect(warning.message).toBe(
      "The token cannot see acme/codefresh-isc-production, the runtime's installation repository. Either it was not given access to that repository, or the organization acme has not approved it yet (until then it reads public repositories only). Check both on the token's settings page.",
    );
    expect(warning.link).toBe('https://github.com/settings/personal-access-tokens');
  });

  it('does not ask about a repository on another host', async () => {
    const { deps, requests } = setup();
    await validateToken(
      {
        ...github(SEED_TOKENS.githubFineGrained.token),
        repo: 'https://gitlab.com/acme/codefresh-isc-production',
      },
      deps,
    );
    expect(requests).toHaveLength(1);
  });

  it('a failed repository check is said, not taken for an answer', async () => {
    let n = 0;
    const { fetch } = recordingFetch(async (request) => {
      n += 1;
      if (n === 2) return new Response('{}', { status: 502 });
      return setup().fakes.handle(request);
    });
    const v = await validateToken(
      { ...github(SEED_TOKENS.githubFineGrained.token), repo: RUNTIME_REPO },
      { fetch },
    );
    expect(v.repoAccess).toBeUndefined();
    expect(v.warnings.map((w) => w.code)).toContain('fine-grained-repo-not-checked');
  });
});

describe('GitHub refusals', () => {
  it.each([
    ['revoked (GH4)', SEED_TOKENS.githubBad.token],
    ['expired (GH4)', SEED_TOKENS.githubClassicExpired.token],
    ['unknown to the host', `ghp_SIMLEAK${'0'.repeat(29)}`],
  ])('401 %s → token-bad-credentials, one request, no retry', async (_name, token) => {
    const { deps, requests } = setup();
    const error = await failureOf(() => validateToken(github(token), deps));
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/copied whole/);
    expect(error.message).toMatch(/expired or been revoked/);
    expect(error.link).toMatch(/^https:\/\/github\.com\/settings\/tokens\/new/);
    expect(error.message).not.toContain(token);
    expect(requests).toHaveLength(1);
  });

  it('SSO required (GH5): a blocker with the authorization URL', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubSsoRequired.token), deps);
    expect(v.ssoUrl).toBe(SSO_URL);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-sso-required']);
    expect(v.blockers[0]!.link).toBe(SSO_URL);
    expect(v.scopes).toEqual(['repo']);
  });

  it.each([
    ['403', SEED_TOKENS.githubRateLimited403.token],
    ['429', SEED_TOKENS.githubRateLimited429.token],
  ])(
    'primary rate limit with %s (GH7) → token-rate-limited with retryAt from x-ratelimit-reset',
    async (_s, token) => {
      const { deps, requests } = setup();
      const error = await failureOf(() => validateToken(github(token), deps));
      expect(error.code).toBe('token-rate-limited');
      expect(error.retryAt).toBe((Math.floor(SEED_ANCHOR_MS / 1000) + 15 * 60) * 1000);
      expect(error.message).toMatch(/15 minute/);
      expect(requests).toHaveLength(1);
    },
  );

  it('secondary rate limit (GH8) → retryAt from Retry-After', async () => {
    const { deps } = setup();
    const error = await failureOf(() =>
      validateToken(github(SEED_TOKENS.githubSecondaryRateLimit.token), deps),
    );
    expect(error.code).toBe('token-rate-limited');
    expect(error.retryAt).toBe(SEED_ANCHOR_MS + 60_000);
  });

  it('an organisation banning classic tokens (GH11) is a blocker that names the org', async () => {
    const { deps } = setup();
    const v = await validateToken(github(SEED_TOKENS.githubOrgBansClassic.token), deps);
    expect(v.blockers.map((b) => b.code)).toEqual(['token-classic-forbidden-by-org']);
    expect(v.blockers[0]!.message).toMatch(/acme/);
  });

  it('a bare 403 (failed-login lockout) → token-forbidden, not bad credentials', async () => {
    const handle = async () =>
      new Response(
        JSON.stringify({ message: 'Maximum number of login attempts exceeded. Please try again later.' }),
        {
          status: 403,
        },
      );
    const { fetch, requests } = recordingFetch(handle);
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('token-forbidden');
    expect(requests).toHaveLength(1);
  });

  it('an organisation ban that names no org still blocks, speaking of "an organization"', async () => {
    const { fetch } = recordingFetch(async () =>
      Response.json(
        { message: 'An organization forbids access via a personal access token (classic).' },
        { status: 403 },
      ),
    );
    const v = await validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch });
    expect(v.blockers.map((b) => b.code)).toEqual(['token-classic-forbidden-by-org']);
    expect(v.blockers[0]!.message).toMatch(/^An organization does not allow classic/);
  });
});

describe('GitHub headers that say too little', () => {
  const answer = (headers: Record<string, string>) =>
    recordingFetch(async () => Response.json({ login: 'octocat' }, { headers }));

  it('an expiry in an unknown format is a warning, and the expiry stays unknown', async () => {
    const { fetch } = answer({ 'X-OAuth-Scopes': 'repo', 'GitHub-Authentication-Token-Expiration': 'soon' });
    const v = await validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch });
    expect(v.expiryKnown).toBe(false);
    expect(v.warnings.find((w) => w.code === 'expiry-unreadable')?.message).toMatch(/unknown format/);
  });

  it('a classic token without a scopes header is warned about, naming the host', async () => {
    const { fetch } = answer({});
    const v = await validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch });
    expect(v.scopes).toBeNull();
    expect(v.warnings.find((w) => w.code === 'scopes-unknown')?.message).toBe(
      'github.com did not say which scopes the token has. Make sure it has repo.',
    );
  });
});

describe('GitHub Enterprise Server (GHES1)', () => {
  it('validates against <host>/api/v3 and tolerates missing rate-limit headers', async () => {
    const { deps, requests } = setup();
    const seed = SEED_TOKENS.gheClassicOk;
    const v = await validateToken(ghe(seed.token), deps);
    expect(requests.map((r) => r.url)).toEqual(['https://ghe.acme-corp.example/api/v3/user']);
    expect(v.login).toBe(seed.login);
    expect(v.scopes).toEqual(seed.scopes);
    expect(v.rateLimit).toBeUndefined();
    expect(v.blockers).toEqual([]);
    expect(v.createTokenUrl).toBe(
      'https://ghe.acme-corp.example/settings/tokens/new?scopes=repo&description=Codefresh%20GitOps',
    );
  });

  it('catches a github.com token offered to a GHE runtime: the message names the host', async () => {
    const { deps, requests } = setup();
    const error = await failureOf(() => validateToken(ghe(SEED_TOKENS.githubClassicOk.token), deps));
    expect(error.code).toBe('token-bad-credentials');
    expect(error.message).toMatch(/must come from ghe\.acme-corp\.example/);
    expect(requests.map((r) => new URL(r.url).host)).toEqual(['ghe.acme-corp.example']);
  });
});

describe('GitHub host faults', () => {
  it.each([500, 502, 503])('HTTP %s → git-host-error', async (status) => {
    const { fetch } = recordingFetch(faults.status(status));
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('git-host-error');
    expect(error.message).toMatch(new RegExp(String(status)));
  });

  it('seeded server error → git-host-error', async () => {
    const { deps } = setup();
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubServerError.token), deps));
    expect(error.code).toBe('git-host-error');
  });

  it('malformed body → git-host-bad-response', async () => {
    const { fakes } = setup();
    const { fetch } = recordingFetch(faults.malformed(fakes.handle));
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
  });

  it('a body without login → git-host-bad-response', async () => {
    const { fetch } = recordingFetch(async () => new Response('{"id":1}', { status: 200 }));
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
    expect(error.message).toMatch(
      /^github\.com sent a user without a login, so the token could not be checked/,
    );
  });

  it('an unexpected status such as 404 → git-host-bad-response naming the status', async () => {
    const { fetch } = recordingFetch(faults.status(404));
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
    expect(error.message).toMatch(/sent an unexpected answer \(HTTP 404\)/);
  });

  it('no answer → git-host-timeout after the timeout, exactly one request', async () => {
    const { fetch, requests } = recordingFetch(faults.hang());
    const error = await failureOf(() =>
      validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch, timeoutMs: 30 }),
    );
    expect(error.code).toBe('git-host-timeout');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.hasSignal).toBe(true);
  });

  it('network failure → git-host-unreachable without the underlying error text', async () => {
    const { fetch } = recordingFetch(faults.network());
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('git-host-unreachable');
    expect(error.message).not.toMatch(/ENOTFOUND/);
    expect(error.message).toMatch(/github\.com/);
  });

  it('a redirect is not followed with the token → git-host-bad-response', async () => {
    const { fetch, requests } = recordingFetch(
      async () => new Response(null, { status: 302, headers: { Location: 'https://evil.example/' } }),
    );
    const error = await failureOf(() => validateToken(github(SEED_TOKENS.githubClassicOk.token), { fetch }));
    expect(error.code).toBe('git-host-bad-response');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.redirect).toBe('manual');
  });
});
