import { descriptorFor, type GitProvider } from '../providers/registry';
import type { GitApiBase } from '../providers/types';
import { fail, ok, type Result } from './errors';
import { text } from './i18n';

export type { GitApiBase } from '../providers/types';

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw.trim());
  } catch {
    return null;
  }
};

/**
 * The runtime's Git API URL, as the platform or app-proxy reports it, turned into the base the
 * validators call (docs/platform-contract.md §4); people also paste bare hosts.
 */
export const resolveGitApiUrl = (provider: GitProvider, apiUrl: string): Result<GitApiBase> => {
  const url = parse(apiUrl);
  // https only: the token travels in a header, and a plain-http host would show it to the network.
  if (url?.protocol === 'http:') {
    return fail('git-api-url-not-https', text('gitApiUrlNotHttps', [url.origin]));
  }
  if (url?.protocol !== 'https:' || url.username || url.password) {
    return fail('git-api-url-invalid', text('gitApiUrlInvalid'));
  }
  // Provider → API URL: each provider's own rule (src/providers/<name>/index.ts).
  return ok(descriptorFor(provider, url).resolveApi(url)!);
};
