import { resolveGitApiUrl } from './git-api-url';
import type { GitProvider } from './runtime-types';
import { requiredScopes } from './scopes';

/**
 * Where the user creates a token with the minimal scopes for Codefresh, pre-filled where the
 * provider allows it. The scopes come from the one table in scopes.ts, so the link never asks for
 * more than the validator requires.
 */
export const TOKEN_NAME = 'Codefresh GitOps';

const query = (params: Record<string, string>): string =>
  Object.entries(params)
    // Scope lists keep their commas and colons readable: both providers split the raw value on ",".
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replaceAll('%2C', ',').replaceAll('%3A', ':')}`)
    .join('&');

/**
 * GitHub classic: `/settings/tokens/new?scopes=…&description=…` pre-selects scopes and the note
 * (the form GitLab copied, gitlab-org/gitlab#334664; used by many tools) [O]. No expiry parameter
 * is known; the form's default expiry is finite (30 days) [I]. GHE serves the same form on its
 * own host (`<host>/settings/tokens/new`) [I].
 */
const github = (webOrigin: string): string =>
  `${webOrigin}/settings/tokens/new?${query({ scopes: requiredScopes('github').join(','), description: TOKEN_NAME })}`;

/**
 * GitLab: "Prefill personal access token name and scopes" with `name` and `scopes`
 * (gitlab-org/gitlab!64897; docs user/profile/personal_access_tokens) [C]. The page moved from
 * `/-/profile/personal_access_tokens` to `/-/user_settings/personal_access_tokens` in GitLab 16 [I];
 * there is no expiry parameter, but GitLab ≥ 16.0 requires an expiry anyway (§5.3) [C].
 */
const gitlab = (webOrigin: string): string =>
  `${webOrigin}/-/user_settings/personal_access_tokens?${query({ name: TOKEN_NAME, scopes: requiredScopes('gitlab').join(',') })}`;

/**
 * Bitbucket Cloud: API tokens are created on the Atlassian account page ("Create API token with
 * scopes"), which takes no pre-fill parameters (support.atlassian.com/bitbucket-cloud/docs/using-api-tokens) [C];
 * app passwords can no longer be created (§6.1).
 */
const BITBUCKET_API_TOKENS = 'https://id.atlassian.com/manage-profile/security/api-tokens';

/** Bitbucket DC: the user's HTTP access tokens page (Profile → Manage account → HTTP access tokens) [I]. */
const bitbucketDc = (webOrigin: string): string => `${webOrigin}/plugins/servlet/access-tokens/manage`;

/** Gerrit: HTTP credentials live under the user settings page [I]. */
const gerrit = (webOrigin: string): string => `${webOrigin}/settings/#HTTPCredentials`;

const CLOUD_FALLBACK: Readonly<Record<GitProvider, string>> = {
  GITHUB: github('https://github.com'),
  GITLAB: gitlab('https://gitlab.com'),
  BITBUCKET: BITBUCKET_API_TOKENS,
  BITBUCKET_SERVER: 'https://confluence.atlassian.com/bitbucketserver091/http-access-tokens-1443038354.html',
  GERRIT: 'https://gerrit-review.googlesource.com/Documentation/user-upload.html', // [I]
};

/** The token-creation page for a runtime's Git provider and API URL. */
export const createTokenUrl = (provider: GitProvider, apiUrl: string): string => {
  const resolved = resolveGitApiUrl(provider, apiUrl);
  if (!resolved.ok) return CLOUD_FALLBACK[provider];
  const { webOrigin } = resolved.value;
  switch (provider) {
    case 'GITHUB':
      return github(webOrigin);
    case 'GITLAB':
      return gitlab(webOrigin);
    case 'BITBUCKET':
      return BITBUCKET_API_TOKENS;
    case 'BITBUCKET_SERVER':
      return bitbucketDc(webOrigin);
    case 'GERRIT':
      return gerrit(webOrigin);
  }
};
