import { descriptorFor, type GitProvider } from '../providers/registry';
import { resolveGitApiUrl } from './git-api-url';

export { TOKEN_NAME } from '../providers/github/create-token-link';

/**
 * Where the user creates a token with the minimal scopes for Codefresh, pre-filled where the
 * provider allows it: each provider's own link (`src/providers/<name>/`), on the runtime's host.
 */
export const createTokenUrl = (provider: GitProvider, apiUrl: string): string => {
  const resolved = resolveGitApiUrl(provider, apiUrl);
  if (!resolved.ok) return descriptorFor(provider, null).fallbackCreateTokenUrl;
  return descriptorFor(provider, new URL(apiUrl.trim())).createTokenUrl(resolved.value.webOrigin);
};
