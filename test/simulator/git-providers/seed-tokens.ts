/**
 * Every token the fake Git providers know, in one table. Token strings are fixed and contain
 * `SIMLEAK` right after a realistic prefix, so a leak scan (logs, storage dumps, screenshots, DOM)
 * can grep for `SIMLEAK` and find any of them. Expiry instants are relative to when this module
 * loads (rounded to the second) so "near expiry" and "expired" stay true whenever tests run.
 *
 * Shapes follow docs/git-provider-contracts.md §2.1 (GitHub prefixes, 36 characters after `ghp_`), §3.1
 * (`github_pat_` 22 + `_` + 59), §5.1 (`glpat-`), §6.1 (`ATATT3xFfGF0…`, `ATCTT3xFfGN0…`, `ATBB`)
 * and §7.1 (Bitbucket DC: base64-like, no verified prefix).
 */

export type SeedBehaviour =
  | 'ok'
  | 'expired' // GitHub: 401 Bad credentials (GH4); GitLab: 401 "Token is expired" (GL3)
  | 'revoked' // GitHub: 401 (GH4); GitLab: 401 "Token was revoked" (GL4)
  | 'bad-credentials' // 401 as for an unknown token (GH4, GL2, BB4, BDC2)
  | 'sso-required' // GH5
  | 'rate-limited-403' // GH7 with 403
  | 'rate-limited-429' // GH7 with 429; BB5 on Bitbucket; 429 + Retry-After on GitLab
  | 'secondary-rate-limit' // GH8
  | 'org-bans-classic' // GH11
  | 'server-error' // 500 on every request
  | 'app-token'; // a GitHub App token on /user: 403 "Resource not accessible by integration"

export type SeedKind =
  | 'github-classic'
  | 'github-oauth'
  | 'github-fine-grained'
  | 'github-app-installation'
  | 'gitlab-personal'
  | 'gitlab-oauth'
  | 'gitlab-deploy'
  | 'bitbucket-api-token'
  | 'bitbucket-app-password'
  | 'bitbucket-access-token'
  | 'bitbucket-dc-personal';

export interface SeedToken {
  readonly token: string;
  /** The API host that knows this token; every other host answers 401. */
  readonly host: string;
  readonly login: string;
  readonly userId: number;
  readonly kind: SeedKind;
  /** Granted scopes; null where the provider never reveals them (fine-grained, Bitbucket DC). */
  readonly scopes: readonly string[] | null;
  /** ISO instant, or null for "no expiry". */
  readonly expiresAt: string | null;
  /** GitHub sends the expiry as `… UTC` or with a numeric offset (GH2). */
  readonly expiryFormat?: 'utc' | '+0900';
  readonly sso: 'none' | 'required';
  readonly behaviour: SeedBehaviour;
  /** Bitbucket: API tokens authenticate with the Atlassian email, app passwords with the username. */
  readonly email?: string;
  /**
   * GitHub fine-grained tokens: what the token may do on the organization `acme`'s repositories.
   * `pending-approval`: the organization requires approval and has not given it, so the token reads
   * public resources only (GitHub docs, docs/git-provider-contracts.md §3). Classic tokens: unset.
   */
  readonly repoAccess?: 'write' | 'read' | 'none' | 'pending-approval';
  /** GitLab project and group access tokens act as a bot user (`bot: true` on `/user`). */
  readonly bot?: true;
  readonly note: string;
}

export const GITHUB_HOST = 'api.github.com';
export const GHE_HOST = 'ghe.acme-corp.example';
export const GITLAB_HOST = 'gitlab.com';
export const BITBUCKET_HOST = 'api.bitbucket.org';
export const BITBUCKET_DC_HOST = 'bitbucket.acme-corp.example';

const DAY_MS = 86_400_000;
/** Module load time rounded to the second: GitHub's expiry header has second precision. */
export const SEED_ANCHOR_MS = Math.floor(Date.now() / 1000) * 1000;
const inDays = (days: number): string => new Date(SEED_ANCHOR_MS + days * DAY_MS).toISOString();
/** GitLab expiry is a date; the token dies at 00:00 UTC on it (docs/git-provider-contracts.md §5.3). */
const onDay = (days: number): string => `${inDays(days).slice(0, 10)}T00:00:00.000Z`;

const GH = { host: GITHUB_HOST, login: 'octocat', userId: 1, sso: 'none' } as const;
const GL = { host: GITLAB_HOST, login: 'alice', userId: 7, sso: 'none' } as const;
const BB = { host: BITBUCKET_HOST, login: 'alice', userId: 7001, sso: 'none', expiresAt: null } as const;
const DC = { host: BITBUCKET_DC_HOST, login: 'alice', userId: 101, sso: 'none', expiresAt: null } as const;

// biome-ignore format: one row per token reads better than the formatter's wrapping
export const SEED_TOKENS = {
  // ── GitHub.com ────────────────────────────────────────────────────────────────────────────────
  githubClassicOk:           { ...GH, token: 'ghp_SIMLEAKCAT9AG498DYt5BL5gHCQRgI0QX020', kind: 'github-classic', scopes: ['repo', 'read:org', 'workflow'], expiresAt: inDays(90), expiryFormat: 'utc', behaviour: 'ok', note: 'GH1: repo, read:org, workflow; expires in 90 days' },
  githubClassicNearExpiry:   { ...GH, token: 'ghp_SIMLEAKVORWniVvAp3rJDMsLpuXyU3jVqVb7', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(3), expiryFormat: 'utc', behaviour: 'ok', note: 'repo only; expires in 3 days (expiry watch)' },
  githubClassicExpired:      { ...GH, token: 'ghp_SIMLEAKkuDdwDm8tvwZzrbB0wlAauVfmz44K', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(-2), expiryFormat: 'utc', behaviour: 'expired', note: 'expired 2 days ago: GitHub answers 401 (GH4)' },
  githubClassicMissingRepo:  { ...GH, token: 'ghp_SIMLEAK8CrVICMqIVFNsQY3vL6og0FlZiE36', kind: 'github-classic', scopes: ['read:org'], expiresAt: inDays(90), expiryFormat: 'utc', behaviour: 'ok', note: 'only read:org: repo missing' },
  githubClassicNoExpiry:     { ...GH, token: 'ghp_SIMLEAKYGVSgGeCKrgm13ubedvVMeGkfgT6G', kind: 'github-classic', scopes: ['repo', 'admin:repo_hook'], expiresAt: null, behaviour: 'ok', note: 'GH2: no expiration header' },
  githubClassicOffsetExpiry: { ...GH, token: 'ghp_SIMLEAK4T7DMwWkJ2V2bsbNMpyYgF1kUtE0e', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(120), expiryFormat: '+0900', behaviour: 'ok', note: 'GH2 variant: expiry written with a +0900 offset' },
  githubFineGrained:         { ...GH, token: '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', kind: 'github-fine-grained', scopes: null, expiresAt: inDays(30), expiryFormat: 'utc', behaviour: 'ok', repoAccess: 'write', note: 'GH3: no X-OAuth-Scopes header; Contents read and write on acme/*' },
  githubFineGrainedNoRepo:   { ...GH, token: 'github_pat_11SIMLEAKq7Rw2XbLmN0pT4sVyZ8aC_dEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv', kind: 'github-fine-grained', scopes: null, expiresAt: inDays(30), expiryFormat: 'utc', behaviour: 'ok', repoAccess: 'none', note: 'GH3; not given any acme repository: 404 on them' },
  githubFineGrainedPending:  { ...GH, token: 'github_pat_11SIMLEAKm3Nb5VcXz7LkJhGf_DsA9PoIuYtReWq1234567890ZyXwVuTsRqPoNmLkJiHgFeDcBa0987654321', kind: 'github-fine-grained', scopes: null, expiresAt: inDays(30), expiryFormat: 'utc', behaviour: 'ok', repoAccess: 'pending-approval', note: 'GH3; acme has not approved it yet: private repos 404' },
  githubFineGrainedReadOnly: { ...GH, token: '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4567', kind: 'github-fine-grained', scopes: null, expiresAt: inDays(30), expiryFormat: 'utc', behaviour: 'ok', repoAccess: 'read', note: 'GH3; Contents read only on acme/*: reads, cannot push' },
  githubSsoRequired:         { ...GH, token: 'ghp_SIMLEAKwOTNg3zOvSBzzxVaawZeQwbCa6Yt1', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', sso: 'required', behaviour: 'sso-required', note: 'GH5: org acme enforces SAML SSO' },
  githubRateLimited403:      { ...GH, token: 'ghp_SIMLEAKk3zA9SrCK4BmTWk5YdukI0DQROz8B', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'rate-limited-403', note: 'GH7: primary rate limit, 403' },
  githubRateLimited429:      { ...GH, token: 'ghp_SIMLEAKbEPiRW0TuvnA19kME7MuFqFz7CCpi', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'rate-limited-429', note: 'GH7: primary rate limit, 429' },
  githubSecondaryRateLimit:  { ...GH, token: 'ghp_SIMLEAKYCLhPVVSyl0M2FGbTNjvfAHsrfxei', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'secondary-rate-limit', note: 'GH8: secondary rate limit, Retry-After: 60' },
  githubOrgBansClassic:      { ...GH, token: 'ghp_SIMLEAKsW59m7M2GlQwYGfrOco43VAz1gaM3', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'org-bans-classic', note: 'GH11: org acme forbids classic PATs' },
  githubBad:                 { ...GH, token: 'ghp_SIMLEAKw0E2VFW3tfBe5IW5oz7nJFGmuSc1N', kind: 'github-classic', scopes: ['repo'], expiresAt: null, behaviour: 'revoked', note: 'GH4: revoked, 401 Bad credentials' },
  githubServerError:         { ...GH, token: 'ghp_SIMLEAKHVcidnB76XXp8mCQtXlzBQvcBeYob', kind: 'github-classic', scopes: ['repo'], expiresAt: null, behaviour: 'server-error', note: '500 on every request' },
  githubOAuth:               { ...GH, token: 'gho_SIMLEAK4Ye0tZCjLSG0fx6LHQ4NrrZDU55LE', kind: 'github-oauth', scopes: ['repo', 'read:org'], expiresAt: null, behaviour: 'ok', note: 'OAuth app token: scopes header, no expiry' },
  githubAppInstallation:     { ...GH, token: 'ghs_SIMLEAKFqaUvymiV7sf7HxS9tp4YufcCo4n3', kind: 'github-app-installation', scopes: null, expiresAt: inDays(1 / 24), expiryFormat: 'utc', behaviour: 'app-token', note: 'GitHub App installation token: refused before any request' },
  // ── GitHub Enterprise Server (ghe.acme-corp.example/api/v3). githubClassicOk is unknown here: 401.
  gheClassicOk:              { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKNl6t0WDfn8MYlmkufhPxCAvGXJKMT', kind: 'github-classic', scopes: ['repo', 'admin:repo_hook'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'ok', note: 'GHES1: enterprise version header, no rate-limit headers' },
  gheClassicMissingRepo:     { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKgHeMiSsInGrEpO0123456789abcdE', kind: 'github-classic', scopes: ['read:org'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'ok', note: 'GHE: read:org only, repo missing' },
  gheExpired:                { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKgHeExPiReD0123456789abcdefGhI', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(-1), expiryFormat: 'utc', behaviour: 'expired', note: 'GHE: expired, 401 Bad credentials' },
  gheBad:                    { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKgHeBaD0123456789abcdefGhIjKlM', kind: 'github-classic', scopes: ['repo'], expiresAt: null, behaviour: 'revoked', note: 'GHE: revoked, 401' },
  gheSsoRequired:            { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKgHeSsO0123456789abcdefGhIjKlM', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', sso: 'required', behaviour: 'sso-required', note: 'GHE (enterprise cloud SAML): SSO required' },
  gheRateLimited:            { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKgHeRaTe0123456789abcdefGhIjKl', kind: 'github-classic', scopes: ['repo'], expiresAt: inDays(60), expiryFormat: 'utc', behaviour: 'secondary-rate-limit', note: 'GHE with rate limits turned on: secondary limit' },
  gheServerError:            { ...GH, host: GHE_HOST, login: 'mona', userId: 42, token: 'ghp_SIMLEAKgHe5000123456789abcdefGhIjKlM', kind: 'github-classic', scopes: ['repo'], expiresAt: null, behaviour: 'server-error', note: 'GHE: 500 on every request' },
  // ── GitLab.com ────────────────────────────────────────────────────────────────────────────────
  gitlabOk:                  { ...GL, token: 'glpat-SIMLEAKSS4I-5xMpSpOB', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository'], expiresAt: onDay(180), behaviour: 'ok', note: 'GL1: read_api + write_repository' },
  gitlabApiScope:            { ...GL, token: 'glpat-SIMLEAKX06DZ81DO_B21', kind: 'gitlab-personal', scopes: ['api'], expiresAt: onDay(30), behaviour: 'ok', note: 'api only: satisfies everything, wider than needed' },
  gitlabSelfRotate:          { ...GL, token: 'glpat-SIMLEAKsRoT8vQ2mZk4w', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository', 'self_rotate'], expiresAt: onDay(20), behaviour: 'ok', note: 'GitLab 17.9+: self_rotate beside the needed scopes: may rotate itself' },
  gitlabReadUserOnly:        { ...GL, token: 'glpat-SIMLEAKEWGr3tm911IJ8', kind: 'gitlab-personal', scopes: ['read_user'], expiresAt: onDay(30), behaviour: 'ok', note: 'read_user only: read_api and write_repository missing' },
  gitlabExpired:             { ...GL, token: 'glpat-SIMLEAKCZdIe1b7VPuir', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository'], expiresAt: onDay(-3), behaviour: 'expired', note: 'GL3: 401 "Token is expired"' },
  gitlabRevoked:             { ...GL, token: 'glpat-SIMLEAKDZOQv3m7h77-s', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository'], expiresAt: onDay(30), behaviour: 'revoked', note: 'GL4: 401 "Token was revoked"' },
  gitlabBad:                 { ...GL, token: 'glpat-SIMLEAKIDVRbXAUsOppp', kind: 'gitlab-personal', scopes: ['read_api'], expiresAt: onDay(30), behaviour: 'bad-credentials', note: 'GL2: 401 Unauthorized' },
  gitlabRateLimited:         { ...GL, token: 'glpat-SIMLEAKq8RzT1vWk2mHb', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository'], expiresAt: onDay(30), behaviour: 'rate-limited-429', note: '429 with Retry-After: 60' },
  gitlabProjectBot:          { ...GL, login: 'project_42_bot_3f1c', userId: 4242, bot: true, token: 'glpat-SIMLEAKpRoJeCtBoT42x', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository'], expiresAt: onDay(90), behaviour: 'ok', note: 'project access token: a bot user on /user' },
  gitlabServerError:         { ...GL, token: 'glpat-SIMLEAKsErVeR500xyzw', kind: 'gitlab-personal', scopes: ['read_api', 'write_repository'], expiresAt: onDay(30), behaviour: 'server-error', note: '500 on every request' },
  gitlabOAuth:               { ...GL, token: 'SIMLEAK734b4ecf4f1836f384771b7efe706ce78eb1b09cb0e68ed72dfe0cef3', kind: 'gitlab-oauth', scopes: ['api'], expiresAt: null, behaviour: 'ok', note: 'GL6: OAuth token, 400 on /personal_access_tokens/self' },
  gitlabDeployToken:         { ...GL, token: 'gldt-SIMLEAKnsNHhPl0A5wtb', kind: 'gitlab-deploy', scopes: ['read_repository'], expiresAt: null, behaviour: 'ok', note: 'deploy token: no API access; refused before any request' },
  // ── Bitbucket Cloud (api.bitbucket.org/2.0) ────────────────────────────────────────────────────
  bitbucketApiTokenOk:       { ...BB, token: 'ATATT3xFfGF0SIMLEAKPbFNSiMpA0OvQ-2DNxPNFEZYhY5EwDKFBPgqsLfJh9gEzecKhkCMk9EFqwhzcpVZZqmoqM4V6i827Ve7COHXOSGt9Fy3qptmDj0yp8xAFXrn6KZ7FUqC7_izyNUKe9QPG-6udLSv-rBZBx2UMZLl0W=6246A6E1', email: 'alice@acme-corp.example', kind: 'bitbucket-api-token', scopes: ['read:repository:bitbucket', 'write:repository:bitbucket', 'read:user:bitbucket', 'read:workspace:bitbucket'], behaviour: 'ok', note: 'BB1: Basic email:token' },
  bitbucketApiTokenMissingScope: { ...BB, token: 'ATATT3xFfGF0SIMLEAKaA7qd2FpYkBW5zOFUTrO5yP_ng386xTPoXAZ8sQONT4LLkL43eVhSKWKJ4Q_CYqscl-72SBddCe9v_cqwl2XjoxjKBIQaTvxfrMOXUW8YEathZxtLK7UyMRUARnmW1rovzx7AKnChp1AnxdWihEiqk=74668C08', email: 'alice@acme-corp.example', kind: 'bitbucket-api-token', scopes: ['read:repository:bitbucket'], behaviour: 'ok', note: 'BB3: no read:user:bitbucket, 403 with detail.granted' },
  bitbucketBad:              { ...BB, token: 'ATATT3xFfGF0SIMLEAKvDWnp-5-Z1rU7K1ngLCktFECjKxB7iyDd3Gmpvk65MP4bPgEidJSyypYIeV8mWxkMxdKBZaCLxJH4Q1ZaMZUv6754jwoQSeZrZNKh5bZnVIDt7g1sW0ep4Ffj20pWQBnE5bA7AH09_d3nH1jTC5TGN=6EFFA716', email: 'alice@acme-corp.example', kind: 'bitbucket-api-token', scopes: ['read:user:bitbucket'], behaviour: 'bad-credentials', note: 'BB4: 401' },
  bitbucketRateLimited:      { ...BB, token: 'ATATT3xFfGF0SIMLEAKzvIHEZh6cNe7CVqvhfMtFFKOpmEeOW2UoMNw-bmz12iUxCze7OYPeLjwcu_AybvjnC_qCnqNsKY-I1kyEigsUmMER5SQp1H8WsVNjbr3AWiqmbDtzkMnNC4WZR3Tn-Vx1gfbIbxtvSaSVT2Ym1aWK3=474CD768', email: 'alice@acme-corp.example', kind: 'bitbucket-api-token', scopes: ['read:user:bitbucket'], behaviour: 'rate-limited-429', note: 'BB5: 429' },
  bitbucketApiTokenExpired:  { ...BB, token: 'ATATT3xFfGF0SIMLEAKeXpIrEd0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz=1A2B3C4D', email: 'alice@acme-corp.example', kind: 'bitbucket-api-token', scopes: ['write:repository:bitbucket', 'read:user:bitbucket', 'read:workspace:bitbucket'], behaviour: 'expired', note: 'API token past its expiry date: 401 (BB4)' },
  bitbucketServerError:      { ...BB, token: 'ATATT3xFfGF0SIMLEAKsErVeR0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz=5E6F7A8B', email: 'alice@acme-corp.example', kind: 'bitbucket-api-token', scopes: ['write:repository:bitbucket', 'read:user:bitbucket', 'read:workspace:bitbucket'], behaviour: 'server-error', note: '500 on every request' },
  bitbucketAccessToken:      { ...BB, login: 'acme-app-token', token: 'ATCTT3xFfGN0SIMLEAKBALKr7F1369yOa5-2gtn4JecltuelZkB_BfP2gkZPftAHiVrBwD4rwTNLnz1mAYI_9GxFtqU1RIvAju6okVzf3QRakmS5UL1_zZHcdtmaJLOraNpWdYgsDG2M4ymYNrHMh35lt5d-glK2ORekTmMc1=2B1391C6', kind: 'bitbucket-access-token', scopes: ['repository', 'repository:write'], behaviour: 'ok', note: 'BB2: repository access token, Bearer only, 403 on /2.0/user with headers' },
  bitbucketAppPassword:      { ...BB, token: 'ATBBSIMLEAK91xwtLU7lCfWORpM4hSKSQP8m', kind: 'bitbucket-app-password', scopes: ['repository:write', 'account', 'team'], behaviour: 'bad-credentials', note: 'app password: Bitbucket stopped accepting them on 2026-07-28, so 401 (BB4)' },
  // ── Bitbucket Data Center (bitbucket.acme-corp.example/rest/api/1.0) ───────────────────────────
  bitbucketDcOk:             { ...DC, token: 'MDM0SIMLEAKtzlmSYrkMZRbOcUTMxL/IZ9AvrsqQJ17V', kind: 'bitbucket-dc-personal', scopes: null, behaviour: 'ok', note: 'BDC1: X-AUSERNAME alice' },
  bitbucketDcExpired:        { ...DC, token: 'MDM0SIMLEAKeXpIrEdTokEnDc0123456789abcdefgh', kind: 'bitbucket-dc-personal', scopes: null, behaviour: 'expired', note: 'past its expiry date: 401 like BDC2' },
  bitbucketDcRateLimited:    { ...DC, token: 'MDM0SIMLEAKrAtElImItEdDc0123456789abcdefghi', kind: 'bitbucket-dc-personal', scopes: null, behaviour: 'rate-limited-429', note: '429 with Retry-After: 60' },
  bitbucketDcServerError:    { ...DC, token: 'MDM0SIMLEAKsErVeRdC50001234567890abcdefghij', kind: 'bitbucket-dc-personal', scopes: null, behaviour: 'server-error', note: '500 on every request' },
  bitbucketDcBad:            { ...DC, token: 'MDM0SIMLEAKua/CoaeOPRbCdd9L55JLwLjGEBgxJcUkb', kind: 'bitbucket-dc-personal', scopes: null, behaviour: 'bad-credentials', note: 'BDC2: 401' },
} as const satisfies Record<string, SeedToken>;

export type SeedTokenName = keyof typeof SEED_TOKENS;

const BY_TOKEN: ReadonlyMap<string, SeedToken> = new Map(Object.values(SEED_TOKENS).map((s) => [s.token, s]));

/** The seed a host knows under this token string; a token seeded for another host is unknown here. */
export const findSeed = (token: string, host: string): SeedToken | undefined => {
  const seed = BY_TOKEN.get(token);
  return seed && seed.host === host ? seed : undefined;
};
