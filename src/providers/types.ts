import type { MessageKey } from '../shared/i18n';
import type { ScopeFamily } from '../shared/scopes';
import type { TokenKind } from '../shared/token-kind';

/** Our own name for each provider folder under `src/providers/`. */
export type ProviderId = 'github' | 'github-enterprise' | 'gitlab' | 'bitbucket' | 'bitbucket-dc';

/**
 * The runtime's Git API URL, as the platform or app-proxy reports it, turned into the base the
 * validators call (docs/platform-contract.md §4).
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

/** A token shape known before any request (docs/git-provider-contracts.md §11). */
export interface TokenPrefix {
  /** A literal prefix, or a pattern the whole token must match. */
  readonly prefix: string | RegExp;
  readonly kind: TokenKind;
  /** Names the kind in messages ("deploy token"); every refused kind has one. */
  readonly label?: MessageKey;
  /** Never a user's personal token (GitHub App tokens, GitLab deploy tokens): refused at once. */
  readonly notPersonal?: true;
  /** Too weak to call a token another provider's (a custom prefix or a generic shape). */
  readonly weak?: true;
}

/** One request that revokes a token at the provider, built without sending anything. */
export interface RevokeRequest {
  /** Appended to the API base (`GitApiBase.apiBase`). */
  readonly path: string;
  readonly method: 'POST' | 'DELETE';
  /** May carry the token (Authorization); the worker checks the destination before sending. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body, which may carry the token too (GitHub.com's revocation takes it in the body). */
  readonly body?: unknown;
}

/**
 * How a leaked token is revoked at its provider (issue 24 point 2, docs/git-provider-contracts.md §15):
 * by one API request, or, where the provider has no such API, on the page where the user does it.
 */
export type RevokeCapability =
  | {
      readonly kind: 'api';
      /** The request for this API base. */
      readonly request: (api: GitApiBase, token: string) => RevokeRequest;
      /** Statuses that mean "revoked". */
      readonly accepted: readonly number[];
      /** Statuses that mean the provider no longer takes the token (already revoked or expired). */
      readonly alreadyInvalid: readonly number[];
      /** Where the user revokes it by hand when the request fails. */
      readonly page: (webOrigin: string) => string;
    }
  | { readonly kind: 'page'; readonly page: (webOrigin: string) => string };

/**
 * Everything the extension knows about one Git provider, in one place. Several descriptors may
 * share one Codefresh enum value (GitHub.com and GitHub Enterprise are both `GITHUB`); the API URL
 * tells them apart.
 */
export interface ProviderDescriptor<Codefresh extends string = string> {
  readonly id: ProviderId;
  /** Codefresh's enum value (platform `gitProvider`, app-proxy `GitIntegration.provider`). */
  readonly codefresh: Codefresh;
  /** The one name the UI uses for it. */
  readonly label: string;
  /** URL → provider: whether an API URL (lower-case host, path without trailing slash) is this provider's. */
  readonly ownsApiUrl: (host: string, path: string) => boolean;
  /**
   * Provider → API URL: the base its validator calls, or null when this descriptor does not serve
   * that URL (the next descriptor with the same Codefresh value then does).
   */
  readonly resolveApi: (url: URL) => GitApiBase | null;
  readonly tokenPrefixes: readonly TokenPrefix[];
  /** Scope vocabularies its tokens may use (rules in `src/shared/scopes.ts` and each folder's scopes). */
  readonly scopeFamilies: readonly ScopeFamily[];
  /** The page that creates a token with the minimal scopes, on the provider's web origin. */
  readonly createTokenUrl: (webOrigin: string) => string;
  /** The same page when the API URL cannot be read. */
  readonly fallbackCreateTokenUrl: string;
  /** The segment of app-proxy's git-auth path, where Codefresh documents OAuth for it; else null. */
  readonly oauthPath: 'github' | null;
  /** Its tokens authenticate together with the Atlassian account email (Bitbucket Cloud API tokens). */
  readonly needsAccountEmail: boolean;
  /**
   * The API of the provider's one cloud service, for an account that names the provider without a
   * Git API URL (docs/platform-contract.md §3c); null for a provider that is only self-hosted.
   */
  readonly cloudApiUrl: string | null;
  /** How a leaked token is revoked there; absent when we know no way at all. */
  readonly revoke?: RevokeCapability;
}
