import { githubCreateTokenUrl } from './create-token-link';
import { GITHUB_TOKEN_PREFIXES } from './token-prefixes';

/**
 * What GitHub.com and GitHub Enterprise share: the same tokens, scopes and token page
 * (docs/git-provider-contracts.md §2, §4), and the same `github` git-auth path for OAuth, which
 * docs oauth-setup.md documents for GitHub only (docs/platform-contract.md §1c).
 */
export const GITHUB_FAMILY = {
  tokenPrefixes: GITHUB_TOKEN_PREFIXES,
  scopeFamilies: ['github', 'not-checkable'],
  createTokenUrl: githubCreateTokenUrl,
  fallbackCreateTokenUrl: githubCreateTokenUrl('https://github.com'),
  oauthPath: 'github',
  needsAccountEmail: false,
} as const;
