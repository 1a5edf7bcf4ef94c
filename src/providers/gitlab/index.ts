import { minimalScopes } from '../../shared/scopes';
import { prefillQuery, TOKEN_NAME } from '../github/create-token-link';
import { selfHostedApiBase } from '../self-hosted-api';
import type { ProviderDescriptor, TokenPrefix } from '../types';

const SUFFIX = '/api/v4';

/**
 * GitLab prefixes (gitlabhq doc/security/tokens/_index.md @017a6c1, docs/git-provider-contracts.md §5.1).
 * `glpat-` may be changed by an admin, so it is weak; the others cannot be configured. `glrtr-`
 * precedes `glrt-`.
 */
const PREFIXES: readonly TokenPrefix[] = [
  { prefix: 'glpat-', kind: 'gitlab-personal' },
  ...(
    [
      ['gloas-', 'gitTokenKindGitLabOAuthSecret'],
      ['gldt-', 'gitTokenKindGitLabDeploy'],
      ['glrtr-', 'gitTokenKindGitLabRunner'],
      ['glrt-', 'gitTokenKindGitLabRunner'],
      ['glcbt-', 'gitTokenKindGitLabCiJob'],
      ['glptt-', 'gitTokenKindGitLabPipelineTrigger'],
      ['glft-', 'gitTokenKindGitLabFeed'],
      ['glimt-', 'gitTokenKindGitLabIncomingMail'],
      ['glagent-', 'gitTokenKindGitLabKubernetesAgent'],
      ['glwt-', 'gitTokenKindGitLabWorkspace'],
      ['glsoat-', 'gitTokenKindGitLabScim'],
      ['glffct-', 'gitTokenKindGitLabFeatureFlagsClient'],
    ] as const
  ).map(
    ([prefix, label]): TokenPrefix => ({ prefix, kind: 'gitlab-non-personal', label, notPersonal: true }),
  ),
];

/**
 * GitLab: "Prefill personal access token name and scopes" with `name` and `scopes`
 * (gitlab-org/gitlab!64897; docs user/profile/personal_access_tokens) [C]. The page moved to
 * `/-/user_settings/personal_access_tokens` in GitLab 16 [I]; GitLab ≥ 16.0 requires an expiry (§5.3).
 */
const createTokenUrl = (webOrigin: string): string =>
  `${webOrigin}/-/user_settings/personal_access_tokens?${prefillQuery({ name: TOKEN_NAME, scopes: minimalScopes('gitlab').join(',') })}`;

/**
 * The same page asking for `self_rotate` too, so the next token can rotate itself (§5.7). GitLab
 * before 17.9 does not know the scope; its form then pre-selects the others [I].
 */
export const selfRotatingCreateTokenUrl = (webOrigin: string): string =>
  `${webOrigin}/-/user_settings/personal_access_tokens?${prefillQuery({ name: TOKEN_NAME, scopes: [...minimalScopes('gitlab'), 'self_rotate'].join(',') })}`;

/** GitLab.com and self-managed, at `<host>[/<path>]/api/v4` (cli-v2 provider_gitlab.go, §4). */
export const gitlab = {
  id: 'gitlab',
  codefresh: 'GITLAB',
  label: 'GitLab',
  ownsApiUrl: (host, path) => host === 'gitlab.com' || path.endsWith(SUFFIX),
  resolveApi: (url) => selfHostedApiBase(url, SUFFIX, url.host.toLowerCase() === 'gitlab.com'),
  tokenPrefixes: PREFIXES,
  scopeFamilies: ['gitlab'],
  createTokenUrl,
  fallbackCreateTokenUrl: createTokenUrl('https://gitlab.com'),
  // oauth-setup.md no longer documents GitLab OAuth for GitOps (docs/platform-contract.md §1c).
  oauthPath: null,
  needsAccountEmail: false,
  cloudApiUrl: 'https://gitlab.com/api/v4',
  // `DELETE /personal_access_tokens/self` revokes the token that authenticates it, 204 (GitLab 15.0,
  // docs.gitlab.com/api/personal_access_tokens; docs/git-provider-contracts.md §15). A token GitLab no
  // longer takes answers 401 (§5.6): already revoked or expired.
  revoke: {
    kind: 'api',
    request: (_api, token) => ({
      path: '/personal_access_tokens/self',
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    }),
    accepted: [204],
    alreadyInvalid: [401],
    page: (webOrigin) => `${webOrigin}/-/user_settings/personal_access_tokens`,
  },
} as const satisfies ProviderDescriptor<'GITLAB'>;
