import type { ProviderDescriptor } from '../types';
import { GITHUB_FAMILY } from './family';
import { githubRevoke } from './revoke';

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
  ...GITHUB_FAMILY,
  cloudApiUrl: 'https://api.github.com',
  revoke: githubRevoke,
} as const satisfies ProviderDescriptor<'GITHUB'>;
