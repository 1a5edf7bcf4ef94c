import { minimalScopes } from '../../shared/scopes';

export const TOKEN_NAME = 'Codefresh GitOps';

const query = (params: Record<string, string>): string =>
  Object.entries(params)
    // Scope lists keep their commas and colons readable: both providers split the raw value on ",".
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replaceAll('%2C', ',').replaceAll('%3A', ':')}`)
    .join('&');

export const prefillQuery = query;

/**
 * GitHub classic: `/settings/tokens/new?scopes=…&description=…` pre-selects scopes and the note
 * (the form GitLab copied, gitlab-org/gitlab#334664; used by many tools) [O]. Fine-grained prefill
 * URLs were removed from GitHub's docs as broken (github/docs PR #44419), so the link creates a
 * classic token. GHE serves the same form on its own host (`<host>/settings/tokens/new`) [I].
 */
export const githubCreateTokenUrl = (webOrigin: string): string =>
  `${webOrigin}/settings/tokens/new?${query({ scopes: minimalScopes('github').join(','), description: TOKEN_NAME })}`;
