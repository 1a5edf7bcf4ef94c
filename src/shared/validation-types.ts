import type { AppError } from './errors';
import type { GitProvider } from './runtime-types';

export interface ValidationWarning {
  readonly code: string;
  readonly message: string;
  /** A page where the user can look into it (a fine-grained token's settings). */
  readonly link?: string;
}

/**
 * What the worker learned about a pasted token. Never contains the token itself; `lastFour` is
 * the only trace of it and is what the vault and UI show.
 *
 * A validation that reached the provider and learned who the token belongs to is returned even
 * when it must not be submitted: `blockers` then says why (missing scope, expired, SSO, wrong
 * host), so the UI can show the owner and highlight what is missing. Failures that teach nothing
 * about the token (bad credentials, rate limit, network) are errors instead.
 */
export interface TokenValidation {
  readonly provider: GitProvider;
  readonly apiUrl: string;
  readonly login: string | null;
  /** e.g. `github-classic`, `github-fine-grained`, `github-oauth`, `gitlab-personal`, `bitbucket-api-token`, … */
  readonly tokenType: string;
  /** Granted scopes, or null when the provider does not reveal them (fine-grained, Bitbucket DC). */
  readonly scopes: readonly string[] | null;
  readonly requiredScopes: readonly string[];
  readonly missingScopes: readonly string[];
  /** Scopes some Codefresh docs ask for but the product does not enforce (shown, never blocking). */
  readonly recommendedScopes: readonly string[];
  /** ISO-8601 instant; null when the token does not expire or the provider does not say. */
  readonly expiresAt: string | null;
  readonly expiryKnown: boolean;
  /** Fine-grained GitHub tokens: whether it can read the runtime's installation repository. */
  readonly repoAccess?: { readonly repo: string; readonly canRead: boolean };
  /** SSO authorization URL when an organisation requires it. */
  readonly ssoUrl?: string;
  readonly rateLimit?: { readonly remaining: number; readonly resetAt: number };
  readonly lastFour: string;
  readonly warnings: readonly ValidationWarning[];
  readonly blockers: readonly AppError[];
  /** Link to the provider page that creates a token with the minimal scopes. */
  readonly createTokenUrl: string;
}
