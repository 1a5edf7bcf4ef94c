import { type MessageKey, text } from './i18n';
import type { GitProvider } from './runtime-types';

/**
 * Client-side token classification by prefix, before any request (docs/git-provider-contracts.md §11).
 * A prefix never proves validity; it only picks the validation path and lets us refuse tokens
 * that can never be a user's personal token (GitHub App tokens, GitLab deploy/runner/CI tokens).
 */
export type TokenKind =
  | 'github-classic' // ghp_
  | 'github-oauth' // gho_
  | 'github-fine-grained' // github_pat_
  | 'github-app-user' // ghu_
  | 'github-app-installation' // ghs_ (installation tokens and Actions GITHUB_TOKEN)
  | 'github-refresh' // ghr_
  | 'legacy-hex-40' // pre-2021 GitHub classic, or Gitea/Forgejo: the host decides
  | 'gitlab-personal' // glpat-: personal, project and group access tokens share it
  | 'gitlab-non-personal' // gldt-, glrt-, glcbt-, …
  | 'bitbucket-app-password' // ATBB
  | 'bitbucket-api-token' // ATAT
  | 'bitbucket-access-token' // ATCT
  | 'atlassian-legacy' // 24 lowercase alphanumerics, unscoped Atlassian token [O]
  | 'bitbucket-dc-unverified' // BBDC-: only seen as a UI placeholder (§7.1)
  | 'unknown';

export interface TokenClassification {
  readonly kind: TokenKind;
  /** The provider the prefix points at, or null when the prefix does not tell. */
  readonly provider: GitProvider | null;
  /** For `gitlab-non-personal` and GitHub kinds: the message naming the kind, such as "deploy token". */
  readonly label?: MessageKey;
}

/** GitHub App and refresh tokens are never a user's PAT (§2.1). */
const GITHUB_PREFIXES: readonly (readonly [string, TokenKind, MessageKey])[] = [
  ['ghp_', 'github-classic', 'gitTokenKindGitHubClassic'],
  ['gho_', 'github-oauth', 'gitTokenKindGitHubOAuth'],
  ['github_pat_', 'github-fine-grained', 'gitTokenKindGitHubFineGrained'],
  ['ghu_', 'github-app-user', 'gitTokenKindGitHubAppUser'],
  ['ghs_', 'github-app-installation', 'gitTokenKindGitHubAppInstallation'],
  ['ghr_', 'github-refresh', 'gitTokenKindGitHubRefresh'],
];

/**
 * GitLab prefixes other than `glpat-` cannot be configured, so these are reliable
 * (gitlabhq doc/security/tokens/_index.md @017a6c1, §5.1). `glrtr-` precedes `glrt-`.
 */
const GITLAB_NON_PERSONAL: readonly (readonly [string, MessageKey])[] = [
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
];

export const classifyToken = (token: string): TokenClassification => {
  for (const [prefix, kind, label] of GITHUB_PREFIXES) {
    if (token.startsWith(prefix)) return { kind, provider: 'GITHUB', label };
  }
  if (token.startsWith('glpat-')) return { kind: 'gitlab-personal', provider: 'GITLAB' };
  for (const [prefix, label] of GITLAB_NON_PERSONAL) {
    if (token.startsWith(prefix)) return { kind: 'gitlab-non-personal', provider: 'GITLAB', label };
  }
  // Atlassian staff answer, 2025-08-25: "API Token: ATAT, App Password: ATBB, Access Tokens: ATCT" (§6.1).
  if (token.startsWith('ATBB')) return { kind: 'bitbucket-app-password', provider: 'BITBUCKET' };
  if (token.startsWith('ATAT')) return { kind: 'bitbucket-api-token', provider: 'BITBUCKET' };
  if (token.startsWith('ATCT')) return { kind: 'bitbucket-access-token', provider: 'BITBUCKET' };
  // `BBDC-` is unverified (§7.1): it hints at Data Center but is never enforced.
  if (token.startsWith('BBDC-')) return { kind: 'bitbucket-dc-unverified', provider: 'BITBUCKET_SERVER' };
  if (/^[0-9a-f]{40}$/i.test(token)) return { kind: 'legacy-hex-40', provider: null };
  if (/^[a-z0-9]{24}$/.test(token)) return { kind: 'atlassian-legacy', provider: 'BITBUCKET' };
  return { kind: 'unknown', provider: null };
};

const NOT_PERSONAL: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'github-app-user',
  'github-app-installation',
  'github-refresh',
  'gitlab-non-personal',
]);

/** False for tokens that can never act as a user's personal token; everything else is worth a check. */
export const isPersonalToken = (c: TokenClassification): boolean => !NOT_PERSONAL.has(c.kind);

/**
 * Why a token is refused before any request, or null when it may be checked. The message never
 * quotes the token; it names the kind and says what to create instead.
 */
export const refusalReason = (c: TokenClassification): string | null => {
  if (isPersonalToken(c)) return null;
  // Every refused kind has a label (the prefix tables above).
  const kind = c.label ? text(c.label) : '';
  return text(c.provider === 'GITHUB' ? 'gitGitHubTokenNotPersonal' : 'gitGitLabTokenNotPersonal', [kind]);
};

const PROVIDER_NAMES: Readonly<Record<GitProvider, string>> = {
  GITHUB: 'GitHub',
  GITLAB: 'GitLab',
  BITBUCKET: 'Bitbucket Cloud',
  BITBUCKET_SERVER: 'Bitbucket Data Center',
  GERRIT: 'Gerrit',
};

export const providerName = (p: GitProvider): string => PROVIDER_NAMES[p];

/**
 * A message when the prefix clearly belongs to another provider than the runtime's, else null.
 * Only strong prefixes count: a self-managed GitLab may use a custom PAT prefix and Bitbucket DC
 * tokens have none, so an unknown shape is always allowed through to the real check.
 */
export const providerMismatch = (c: TokenClassification, runtimeProvider: GitProvider): string | null => {
  if (c.provider === null || runtimeProvider === 'GERRIT') return null;
  if (c.kind === 'bitbucket-dc-unverified' || c.kind === 'atlassian-legacy') return null;
  if (c.provider === runtimeProvider) return null;
  return text('gitTokenWrongProvider', [PROVIDER_NAMES[c.provider], PROVIDER_NAMES[runtimeProvider]]);
};
