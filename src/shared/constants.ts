import { PROVIDERS } from '../providers/registry';

/** The Codefresh SaaS platform; self-hosted platforms are added by the user (optional host access). */
export const DEFAULT_PLATFORM_ORIGIN = 'https://g.codefresh.io';

/**
 * Git API origins the manifest grants outright (`host_permissions`). Any other Git host (GitHub
 * Enterprise, GitLab self-managed, Bitbucket Data Center) is asked for from the click that needs it.
 */
export const BUILT_IN_GIT_ORIGINS: readonly string[] = PROVIDERS.flatMap((p) =>
  p.cloudApiUrl ? [new URL(p.cloudApiUrl).origin] : [],
);

/** The Git host a runtime's API URL lives on, when the user must grant access to it first. */
export const selfHostedGitOrigin = (apiUrl: string | null): string | null => {
  if (!apiUrl) return null;
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:') return null;
    return BUILT_IN_GIT_ORIGINS.includes(url.origin) ? null : url.origin;
  } catch {
    return null;
  }
};

/**
 * `storage.local` key of the summary of the account in use (written by the worker at sign-in and
 * switch, removed at the last sign-out, see background/account/account-service.ts). Pages only watch it to
 * know when to ask the worker again.
 */
export const ACCOUNT_SUMMARY_KEY = 'account.v1';

/**
 * `storage.local` key of every signed-in account's display summary (background/account/account-service.ts).
 * The popup watches it too: an account signed out of on the options page leaves its switcher.
 */
export const ACCOUNT_SUMMARIES_KEY = 'accounts.v1';

/**
 * `storage.local` key of the last runtime list read (names, hosts, token states, when read; no
 * secret), written by the worker (background/runtimes/runtime-cache.ts) and read by the popup itself for its
 * first paint (popup/last-known.ts), display only. Declared in background/storage/storage-keys.ts.
 */
export const RUNTIME_SNAPSHOT_KEY = 'runtimeSnapshot.v2';
