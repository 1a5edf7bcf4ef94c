import { bitbucket } from './bitbucket/index';
import { bitbucketDc } from './bitbucket-dc/index';
import { github } from './github/index';
import { githubEnterprise } from './github-enterprise/index';
import { gitlab } from './gitlab/index';
import type { ProviderDescriptor, ProviderId } from './types';

/**
 * Every Git provider the extension supports, in the order URL rules are tried (GitHub.com before
 * GitHub Enterprise). Adding a provider is one folder and one line here; everything that lists
 * providers reads this array.
 */
export const PROVIDERS = [
  github,
  githubEnterprise,
  gitlab,
  bitbucket,
  bitbucketDc,
] as const satisfies readonly ProviderDescriptor[];

/** Codefresh's enum values we support (platform `gitProvider`, app-proxy `GitIntegration.provider`). */
export type GitProvider = (typeof PROVIDERS)[number]['codefresh'];

export const GIT_PROVIDERS: readonly GitProvider[] = [...new Set(PROVIDERS.map((p) => p.codefresh))];

export const PROVIDER_IDS: readonly ProviderId[] = PROVIDERS.map((p) => p.id);

export const isGitProvider = (value: unknown): value is GitProvider =>
  typeof value === 'string' && (GIT_PROVIDERS as readonly string[]).includes(value);

/** Codefresh's value, or null for anything else (unknown to us, or a provider we do not support). */
export const parseGitProvider = (value: unknown): GitProvider | null => (isGitProvider(value) ? value : null);

/**
 * Providers in Codefresh's enum we do not support, with their name. Codefresh has no validator for
 * Gerrit either (`GitProviders` lists GERRIT; cli-v2 has no provider for it, docs/platform-contract.md §4).
 */
const UNSUPPORTED: Readonly<Record<string, string>> = { GERRIT: 'Gerrit' };

/** The name of a provider Codefresh knows but we do not support, or null. */
export const unsupportedProviderName = (value: unknown): string | null =>
  typeof value === 'string' && Object.hasOwn(UNSUPPORTED, value) ? UNSUPPORTED[value]! : null;

const byCodefresh = (provider: GitProvider): readonly ProviderDescriptor[] =>
  PROVIDERS.filter((p) => p.codefresh === provider);

/** Provider → descriptor: the one that serves `url` among those with this Codefresh value. */
export const descriptorFor = (provider: GitProvider, url: URL | null): ProviderDescriptor => {
  const candidates = byCodefresh(provider);
  if (url) {
    for (const d of candidates) if (d.resolveApi(url)) return d;
  }
  // Every Codefresh value has at least one descriptor, and the last one of each takes any URL.
  return candidates[candidates.length - 1]!;
};

const parseUrl = (apiUrl: string | null | undefined): URL | null => {
  if (!apiUrl) return null;
  try {
    return new URL(apiUrl.trim());
  } catch {
    return null;
  }
};

/** URL → provider: the Codefresh provider a Git API URL belongs to, or null when nothing claims it. */
export const providerOfApiUrl = (apiUrl: string): GitProvider | null => {
  const url = parseUrl(apiUrl);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  const path = url.pathname.replace(/\/+$/, '');
  return (
    ((PROVIDERS as readonly ProviderDescriptor[]).find((p) => p.ownsApiUrl(host, path))?.codefresh as
      | GitProvider
      | undefined) ?? null
  );
};

/** The one name the UI uses for a runtime's provider ("GitHub Enterprise" when its API URL says so). */
export const providerLabel = (provider: GitProvider, apiUrl?: string | null): string =>
  (apiUrl ? descriptorFor(provider, parseUrl(apiUrl)) : byCodefresh(provider)[0]!).label;

/** Whether a token for this provider is checked and registered together with the account email. */
export const needsAccountEmail = (provider: GitProvider | null | undefined): boolean =>
  provider ? byCodefresh(provider).some((d) => d.needsAccountEmail) : false;

/** The cloud API of a provider named without a URL (GitHub.com, GitLab.com, Bitbucket Cloud), else null. */
export const cloudApiUrlOf = (provider: GitProvider): string | null =>
  byCodefresh(provider).find((d) => d.cloudApiUrl)?.cloudApiUrl ?? null;

/** The git-auth path segment of a runtime's OAuth flow, or null where Codefresh documents none. */
export const oauthPathOf = (provider: GitProvider | null | undefined): 'github' | null =>
  provider ? (byCodefresh(provider).find((d) => d.oauthPath)?.oauthPath ?? null) : null;
