import { fail, ok, type Result } from './errors';
import { text } from './i18n';
import type { GitProvider } from './runtime-types';

/**
 * The runtime's Git API URL, as the platform or app-proxy reports it, turned into the base the
 * validators call. Codefresh stores `https://api.github.com`, `<host>/api/v3` for GHE,
 * `<host>/api/v4` for GitLab, `https://bitbucket.org`-style URLs for Bitbucket Cloud and
 * `<host>/rest/api/1.0` for Bitbucket DC (docs/platform-contract.md §4); people also paste bare hosts.
 */
export interface GitApiBase {
  /** Base URL without a trailing slash, e.g. `https://ghe.example.com/api/v3`. */
  readonly apiBase: string;
  /** The host the token must come from, as the user knows it (`github.com`, `ghe.example.com`). */
  readonly displayHost: string;
  /** Origin of the provider's web UI (for token-creation links). */
  readonly webOrigin: string;
  /** GitHub.com, GHE.com, GitLab.com or Bitbucket Cloud rather than a self-hosted server. */
  readonly isCloud: boolean;
}

const API_SUFFIX: Readonly<Partial<Record<GitProvider, string>>> = {
  GITHUB: '/api/v3',
  GITLAB: '/api/v4',
  BITBUCKET_SERVER: '/rest/api/1.0',
};

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw.trim());
  } catch {
    return null;
  }
};

export const resolveGitApiUrl = (provider: GitProvider, apiUrl: string): Result<GitApiBase> => {
  const url = parse(apiUrl);
  // https only: the token travels in a header, and a plain-http host would show it to the network.
  if (url?.protocol === 'http:') {
    return fail('git-api-url-not-https', text('gitApiUrlNotHttps', [url.origin]));
  }
  if (url?.protocol !== 'https:' || url.username || url.password) {
    return fail('git-api-url-invalid', text('gitApiUrlInvalid'));
  }
  const host = url.host.toLowerCase();
  const path = url.pathname.replace(/\/+$/, '');
  if (provider === 'GITHUB' && (host === 'api.github.com' || host === 'github.com')) {
    return ok({
      apiBase: 'https://api.github.com',
      displayHost: 'github.com',
      webOrigin: 'https://github.com',
      isCloud: true,
    });
  }
  const gheCom = /^api\.([a-z0-9-]+)\.ghe\.com$/.exec(host);
  if (provider === 'GITHUB' && gheCom) {
    // GHE.com data residency: `https://api.SUBDOMAIN.ghe.com`, no /api/v3 (docs/git-provider-contracts.md §4).
    return ok({
      apiBase: `https://${host}`,
      displayHost: `${gheCom[1]}.ghe.com`,
      webOrigin: `https://${gheCom[1]}.ghe.com`,
      isCloud: true,
    });
  }
  if (provider === 'BITBUCKET') {
    // Bitbucket Cloud has a single API host whatever URL the integration was saved with (§6.2).
    return ok({
      apiBase: 'https://api.bitbucket.org/2.0',
      displayHost: 'bitbucket.org',
      webOrigin: 'https://bitbucket.org',
      isCloud: true,
    });
  }
  const suffix = API_SUFFIX[provider] ?? '';
  const root = suffix && path.endsWith(suffix) ? path.slice(0, -suffix.length) : path;
  return ok({
    apiBase: `${url.origin}${root}${suffix}`,
    displayHost: host,
    webOrigin: `${url.origin}${root}`,
    isCloud: provider === 'GITLAB' && host === 'gitlab.com',
  });
};
