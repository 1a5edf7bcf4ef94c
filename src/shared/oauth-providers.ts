import type { GitProvider } from './runtime-types';

/**
 * The provider segment of a runtime's git-auth URL (docs/platform-contract.md §1c: the docs list
 * `github`, `gitlab` and `bitbucket-server`). Other providers have no OAuth flow there.
 * Kept apart from the message specs so the popup can use it without bundling valibot.
 */
export const OAUTH_PROVIDER_PATHS = {
  GITHUB: 'github',
  GITLAB: 'gitlab',
  BITBUCKET_SERVER: 'bitbucket-server',
} as const satisfies Partial<Record<GitProvider, string>>;

export type OAuthProviderPath = (typeof OAUTH_PROVIDER_PATHS)[keyof typeof OAUTH_PROVIDER_PATHS];

/** The path segment for `provider`, or null when the runtime's provider has no OAuth flow. */
export const oauthProviderPath = (provider: GitProvider | null | undefined): OAuthProviderPath | null =>
  provider && Object.hasOwn(OAUTH_PROVIDER_PATHS, provider)
    ? OAUTH_PROVIDER_PATHS[provider as keyof typeof OAUTH_PROVIDER_PATHS]
    : null;

/** How the UI names each provider that has an OAuth flow ("Authorize with GitHub"). */
export const OAUTH_PROVIDER_LABELS: Readonly<Record<OAuthProviderPath, string>> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  'bitbucket-server': 'Bitbucket Server',
};
