import type { GitApiBase } from './types';

/**
 * A self-hosted provider serves its API at `<origin>[/<path>]<suffix>` and its web UI at
 * `<origin>[/<path>]` (cli-v2 provider_*.go, docs/git-provider-contracts.md §4). The integration may
 * have been saved with or without the suffix, and with a trailing slash.
 */
export const selfHostedApiBase = (url: URL, suffix: string, isCloud: boolean): GitApiBase => {
  const path = url.pathname.replace(/\/+$/, '');
  const root = path.endsWith(suffix) ? path.slice(0, -suffix.length) : path;
  return {
    apiBase: `${url.origin}${root}${suffix}`,
    displayHost: url.host.toLowerCase(),
    webOrigin: `${url.origin}${root}`,
    isCloud,
  };
};
