import { GITHUB_FAMILY } from '../github/family';
import { githubEnterpriseRevoke } from '../github/revoke';
import { selfHostedApiBase } from '../self-hosted-api';
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
  return selfHostedApiBase(url, SUFFIX, false);
};

export const githubEnterprise = {
  id: 'github-enterprise',
  codefresh: 'GITHUB',
  label: 'GitHub Enterprise',
  ownsApiUrl: (host, path) => GHE_COM.test(host) || path.endsWith(SUFFIX),
  resolveApi,
  ...GITHUB_FAMILY,
  cloudApiUrl: null,
  revoke: githubEnterpriseRevoke,
} as const satisfies ProviderDescriptor<'GITHUB'>;
