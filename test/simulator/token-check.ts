/**
 * How the fake app-proxy checks a user's Git token before storing it (§4: the Helm default is
 * `skipGitPermissionValidation: "false"`, so app-proxy validates; its own texts were never seen,
 * so the messages are the CLI's user-token checks quoted in §4). The requests go in-process to the
 * fake Git providers: they model calls from the cluster, not from the browser, so they are neither
 * logged nor subject to injected faults.
 */
import type { GitProvider } from './seed';
import type { FetchHandler } from './types';

export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

const OK: CheckResult = { ok: true };
const fail = (message: string): CheckResult => ({ ok: false, message });

/** §4: the old CLI wrapped user-token failures in this prefix. */
const invalid = (detail: string): CheckResult => fail(`personal-git-token invalid: ${detail}`);

export interface TokenCheckInput {
  readonly provider: GitProvider;
  readonly apiUrl: string;
  readonly token: string;
  readonly username?: string;
  /** The runtime's version and installation repository: fine-grained GitHub tokens depend on both. */
  readonly runtimeVersion?: string;
  readonly repo?: string;
}

/**
 * A Codefresh maintainer (docs.codefresh.io PR #1250): runtimes newer than 0.18.0 support
 * fine-grained GitHub tokens; older ones refuse them with the CLI's text (docs/platform-contract.md §4).
 */
export const FINE_GRAINED_SINCE = '0.18.0';
export const FINE_GRAINED_REFUSAL =
  'validation for github fine-grained PAT is not supported yet, please use a classic token';

const newerThan = (version: string, than: string): boolean => {
  const a = version.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
};

/**
 * Newer runtimes check that a fine-grained token may write the installation repository
 * (git-tokens.md: Contents read and write). How app-proxy probes it is not public: [inferred] a
 * content-less PUT, which GitHub answers 422 with write access and 403 without (GH9/GH10).
 */
const checkFineGrained = async (git: FetchHandler, o: TokenCheckInput): Promise<CheckResult> => {
  if (!newerThan(o.runtimeVersion ?? '0.0.0', FINE_GRAINED_SINCE)) return fail(FINE_GRAINED_REFUSAL);
  const auth = `token ${o.token}`;
  const user = await call(git, 'GET', `${o.apiUrl}/user`, auth);
  if (user.status !== 200) return invalid(`failed to get user from github: ${user.status}`);
  const repo = o.repo ? /^https:\/\/[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(o.repo) : null;
  if (!repo) return OK;
  const probe = await call(
    git,
    'PUT',
    `${o.apiUrl}/repos/${repo[1]}/${repo[2]}/contents/.codefresh-probe`,
    auth,
  );
  return probe.status === 422
    ? OK
    : invalid(`the token has no write access to ${repo[1]}/${repo[2]} (needs Contents: read and write)`);
};

const call = (git: FetchHandler, method: string, url: string, authorization: string) =>
  git(new Request(url, { method, headers: { Authorization: authorization } }));

/** §4 GitHub/GHE: user token needs `repo`; fine-grained tokens as the runtime's version allows. */
const checkGitHub = async (git: FetchHandler, o: TokenCheckInput): Promise<CheckResult> => {
  if (o.token.startsWith('github_pat')) return checkFineGrained(git, o);
  const response = await call(git, 'GET', `${o.apiUrl}/user`, `token ${o.token}`);
  if (response.status !== 200) return invalid(`failed to get user from github: ${response.status}`);
  const header = response.headers.get('x-oauth-scopes');
  if (!header) return fail('missing scopes header on response');
  const scopes = header.split(/,\s*/);
  const missing = ['repo'].filter((s) => !scopes.includes(s));
  return missing.length
    ? fail(`the provided token is missing one or more of the required scopes: ${missing.join(', ')}`)
    : OK;
};

/** §4 GitLab: `HEAD /projects` with Bearer; anything but 200 is the one CLI message. */
const checkGitLab = async (git: FetchHandler, o: TokenCheckInput): Promise<CheckResult> => {
  const response = await call(git, 'HEAD', `${o.apiUrl}/projects`, `Bearer ${o.token}`);
  return response.status === 200
    ? OK
    : fail('personal-git-token is invalid or missing required "read_api" or "read_repository" scope');
};

/**
 * §4 Bitbucket Cloud: `HEAD /user` with Basic username:token, scopes from `x-oauth-scopes`, each
 * group any-of (cli-v2 before April 2025, `pkg/git/provider_bitbucket.go` `patScopes`). The CLI's
 * groups predate Atlassian API tokens (docs/git-provider-contracts.md §6.1), so each group also
 * accepts the API-token scopes of the same meaning (support.atlassian.com api-token-permissions);
 * `account` is Atlassian's name for Account: Read. [inferred] that app-proxy maps them so.
 */
const BITBUCKET_SCOPE_GROUPS: readonly (readonly string[])[] = [
  ['repository:admin', 'repository:write', 'admin:repository:bitbucket', 'write:repository:bitbucket'],
  ['account', 'account:read', 'account:write', 'read:user:bitbucket', 'write:user:bitbucket'],
  ['team', 'team:write', 'read:workspace:bitbucket', 'admin:workspace:bitbucket'],
];

const checkBitbucket = async (git: FetchHandler, o: TokenCheckInput): Promise<CheckResult> => {
  if (!o.username) return fail('username is required for bitbucket when not using OAuth');
  const basic = Buffer.from(`${o.username}:${o.token}`).toString('base64');
  const response = await call(git, 'HEAD', `${o.apiUrl}/user`, `Basic ${basic}`);
  const header = response.headers.get('x-oauth-scopes');
  if (header === null) return invalid(`failed to get user from bitbucket: ${response.status}`);
  const scopes = header.split(/,\s*/).filter(Boolean);
  const ok = BITBUCKET_SCOPE_GROUPS.every((group) => group.some((s) => scopes.includes(s)));
  if (ok && response.status === 200) return OK;
  const required = BITBUCKET_SCOPE_GROUPS.map((g) => g.join(' | ')).join(', ');
  return fail(
    `the provided token is missing required token scopes, got: ${scopes.join(', ')} \nrequired: ${required}`,
  );
};

/** §4 Bitbucket DC: `HEAD /application-properties`; a valid token comes back as `X-AUSERNAME`. */
const checkBitbucketDc = async (git: FetchHandler, o: TokenCheckInput): Promise<CheckResult> => {
  const response = await call(git, 'HEAD', `${o.apiUrl}/application-properties`, `Bearer ${o.token}`);
  return response.headers.get('x-ausername') ? OK : fail('invalid token');
};

export const checkUserToken = (git: FetchHandler, input: TokenCheckInput): Promise<CheckResult> => {
  switch (input.provider) {
    case 'GITHUB':
      return checkGitHub(git, input);
    case 'GITLAB':
      return checkGitLab(git, input);
    case 'BITBUCKET':
      return checkBitbucket(git, input);
    case 'BITBUCKET_SERVER':
      return checkBitbucketDc(git, input);
    // §4: GERRIT is in the enum but no validator exists for it.
    case 'GERRIT':
      return Promise.resolve(OK);
  }
};
