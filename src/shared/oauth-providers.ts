import { oauthPathOf, providerLabel } from '../providers/registry';
import type { GitProvider } from './runtime-types';

/**
 * The provider segment of a runtime's git-auth URL. Codefresh documents OAuth for GitOps with
 * GitHub only (docs `oauth-setup.md`, docs/platform-contract.md §1c), so GitHub and GitHub
 * Enterprise runtimes have it and no other. Kept apart from the message specs so the popup can use
 * it without bundling valibot.
 */
export type OAuthProviderPath = 'github';

export const OAUTH_PROVIDER_PATHS: readonly OAuthProviderPath[] = ['github'];

/** The path segment for `provider`, or null when the runtime's provider has no OAuth flow. */
export const oauthProviderPath = (provider: GitProvider | null | undefined): OAuthProviderPath | null =>
  oauthPathOf(provider);

/** "Authorize with GitHub" / "Authorize with GitHub Enterprise": the runtime's provider as the UI names it. */
export const oauthProviderLabel = (runtime: {
  readonly gitProvider: GitProvider | null;
  readonly gitApiUrl: string | null;
}): string | null =>
  runtime.gitProvider && oauthPathOf(runtime.gitProvider)
    ? providerLabel(runtime.gitProvider, runtime.gitApiUrl)
    : null;

/**
 * The most runtimes one `oauth/authorize` message may name: each opens its own tab and waits for the
 * user's consent, so a longer batch would keep the worker busy for too long. The popup offers its
 * "authorize all" button only up to this many.
 */
export const OAUTH_BATCH_MAX = 50;
