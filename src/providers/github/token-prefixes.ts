import type { TokenPrefix } from '../types';

/**
 * GitHub token prefixes (github.blog changelog 2021-03-31; docs/git-provider-contracts.md §2.1, §11).
 * App and refresh tokens are never a user's PAT. Shared by GitHub.com and GitHub Enterprise.
 */
export const GITHUB_TOKEN_PREFIXES: readonly TokenPrefix[] = [
  { prefix: 'ghp_', kind: 'github-classic', label: 'gitTokenKindGitHubClassic' },
  { prefix: 'gho_', kind: 'github-oauth', label: 'gitTokenKindGitHubOAuth' },
  { prefix: 'github_pat_', kind: 'github-fine-grained', label: 'gitTokenKindGitHubFineGrained' },
  { prefix: 'ghu_', kind: 'github-app-user', label: 'gitTokenKindGitHubAppUser', notPersonal: true },
  {
    prefix: 'ghs_',
    kind: 'github-app-installation',
    label: 'gitTokenKindGitHubAppInstallation',
    notPersonal: true,
  },
  { prefix: 'ghr_', kind: 'github-refresh', label: 'gitTokenKindGitHubRefresh', notPersonal: true },
];
