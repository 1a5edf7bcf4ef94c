import { githubCreateTokenUrl } from '../github/create-token-link';
import { githubEnterpriseRevoke } from '../github/revoke';
import { GITHUB_TOKEN_PREFIXES } from '../github/token-prefixes';
import type { GitApiBase, ProviderDescriptor } from '../types';

const GHE_COM = /^api\.([a-z0-9-]+)\.ghe\.com$/;
const SUFFIX = '/api/v3';

/**
 * GitHub Enterprise: Server at `<host>/api/v3` (cli-v2 `GITHUB_REST_ENDPOINT`, docs/platform-contract.md
 * §4) and GHE.com data residency at `https://api.SUBDOMAIN.ghe.com` without `/api/v3`
 * (docs/git-provider-contracts.md §4). Same API, headers and tokens as GitHub.com.
 */
const resolveApi = (url: URL): GitApiBase => {
  const host = url.host.toLowerCase();
  const gheCom = GHE_COM.exec(host);
  if (gheCom) {
    return {
      apiBase: `https://${host}`,
      displayHost: `${gheCom[1]}.ghe.com`,
      webOrigin: `https://${gheCom[1]}.ghe.com`,
      isCloud: true,
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const root = path.endsWith(SUFFIX) ? path.slice(0, -SUFFIX.length) : path;
  return {
    apiBase: `${url.origin}${root}${SUFFIX}`,
    displayHost: host,
    webOrigin: `${url.origin}${root}`,
    isCloud: false,
  };
};

export const githubEnterprise = {
  id: 'github-enterprise',
  codefresh: 'GITHUB',
  label: 'GitHub Enterprise',
  ownsApiUrl: (host, path) => GHE_COM.test(host) || path.endsWith(SUFFIX),
  resolveApi,
  tokenPrefixes: GITHUB_TOKEN_PREFIXES,
  scopeFamilies: ['github', 'not-checkable'],
  createTokenUrl: githubCreateTokenUrl,
  fallbackCreateTokenUrl: githubCreateTokenUrl('https://github.com'),
  // oauth-setup.md covers GitHub Enterprise as well: the same `github` git-auth path.
  oauthPath: 'github',
  needsAccountEmail: false,
  cloudApiUrl: null,
  revoke: githubEnterpriseRevoke,
} as const satisfies ProviderDescriptor<'GITHUB'>;
