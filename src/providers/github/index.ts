import type { ProviderDescriptor } from '../types';
import { githubCreateTokenUrl } from './create-token-link';
import { githubRevoke } from './revoke';
import { GITHUB_TOKEN_PREFIXES } from './token-prefixes';

const ownsApiUrl = (host: string): boolean => host === 'api.github.com' || host === 'github.com';

/** GitHub.com: its API lives on `api.github.com` whatever the integration was saved with (§2.2). */
export const github = {
  id: 'github',
  codefresh: 'GITHUB',
  label: 'GitHub',
  ownsApiUrl,
  resolveApi: (url) =>
    ownsApiUrl(url.host.toLowerCase())
      ? {
          apiBase: 'https://api.github.com',
          displayHost: 'github.com',
          webOrigin: 'https://github.com',
          isCloud: true,
        }
      : null,
  tokenPrefixes: GITHUB_TOKEN_PREFIXES,
  scopeFamilies: ['github', 'not-checkable'],
  createTokenUrl: githubCreateTokenUrl,
  fallbackCreateTokenUrl: githubCreateTokenUrl('https://github.com'),
  // docs oauth-setup.md: OAuth for GitOps is documented for GitHub only (docs/platform-contract.md §1c).
  oauthPath: 'github',
  needsAccountEmail: false,
  cloudApiUrl: 'https://api.github.com',
  revoke: githubRevoke,
} as const satisfies ProviderDescriptor<'GITHUB'>;
