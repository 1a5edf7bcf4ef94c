import type { ProviderDescriptor, TokenPrefix } from '../types';

/**
 * Atlassian staff answer, 2025-08-25: "API Token: ATAT, App Password: ATBB, Access Tokens: ATCT"
 * (docs/git-provider-contracts.md §6.1). 24 lowercase alphanumerics were legacy unscoped Atlassian
 * tokens [O]: too generic to call a token Bitbucket's.
 */
const PREFIXES: readonly TokenPrefix[] = [
  { prefix: 'ATBB', kind: 'bitbucket-app-password' },
  { prefix: 'ATAT', kind: 'bitbucket-api-token' },
  { prefix: 'ATCT', kind: 'bitbucket-access-token' },
  { prefix: /^[a-z0-9]{24}$/, kind: 'atlassian-legacy', weak: true },
];

/**
 * API tokens are created on the Atlassian account page ("Create API token with scopes"), which takes
 * no pre-fill parameters (support.atlassian.com/bitbucket-cloud/docs/using-api-tokens) [C].
 */
export const BITBUCKET_API_TOKENS_PAGE = 'https://id.atlassian.com/manage-profile/security/api-tokens';

/** Bitbucket Cloud: one API host, `https://api.bitbucket.org/2.0`, whatever URL the integration holds (§6.2). */
export const bitbucket = {
  id: 'bitbucket',
  codefresh: 'BITBUCKET',
  label: 'Bitbucket Cloud',
  ownsApiUrl: (host) => host === 'bitbucket.org' || host === 'api.bitbucket.org',
  resolveApi: () => ({
    apiBase: 'https://api.bitbucket.org/2.0',
    displayHost: 'bitbucket.org',
    webOrigin: 'https://bitbucket.org',
    isCloud: true,
  }),
  tokenPrefixes: PREFIXES,
  scopeFamilies: ['bitbucket-api-token', 'bitbucket-legacy', 'not-checkable'],
  createTokenUrl: () => BITBUCKET_API_TOKENS_PAGE,
  fallbackCreateTokenUrl: BITBUCKET_API_TOKENS_PAGE,
  oauthPath: null,
  // REST calls are Basic `email:token` (support.atlassian.com/bitbucket-cloud/docs/using-api-tokens).
  needsAccountEmail: true,
  cloudApiUrl: 'https://api.bitbucket.org/2.0',
  // No API revokes an API token; the user does it on the same page (support.atlassian.com/bitbucket-cloud/docs/revoke-an-api-token).
  revoke: { kind: 'page', page: () => BITBUCKET_API_TOKENS_PAGE },
} as const satisfies ProviderDescriptor<'BITBUCKET'>;
