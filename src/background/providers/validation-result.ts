import { createTokenUrl } from '../../shared/create-token-links';
import type { AppError } from '../../shared/errors';
import type { GitApiBase } from '../../shared/git-api-url';
import { text } from '../../shared/i18n';
import type { GitProvider } from '../../shared/runtime-types';
import {
  extraScopes,
  missingRecommendedScopes,
  missingScopes,
  recommendedScopes,
  requiredScopes,
  type ScopeFamily,
} from '../../shared/scopes';
import type { TokenClassification } from '../../shared/token-kind';
import type { TokenValidation, ValidationWarning } from '../../shared/validation-types';
import type { GitHttp } from './git-request';

/** Tokens expiring within this many days get a warning at validation time. */
export const EXPIRY_WARNING_DAYS = 7;

const DAY_MS = 86_400_000;

/** Everything a provider validator needs; the token lives here and nowhere in the result. */
export interface ValidatorContext {
  readonly token: string;
  readonly classification: TokenClassification;
  readonly provider: GitProvider;
  /** The runtime's Git API URL as given (echoed in the result). */
  readonly apiUrl: string;
  readonly api: GitApiBase;
  readonly username: string | undefined;
  /** The runtime's installation repository URL (platform `repo`), when a runtime is known. */
  readonly repo?: string;
  readonly http: GitHttp;
  readonly now: () => number;
}

/** What a validator learned; `finishValidation` adds the scope arithmetic and common advice. */
export interface ValidationDraft {
  readonly login: string | null;
  readonly tokenType: string;
  readonly family: ScopeFamily;
  readonly scopes: readonly string[] | null;
  readonly expiresAt: string | null;
  readonly expiryKnown: boolean;
  readonly ssoUrl?: string;
  readonly repoAccess?: { readonly repo: string; readonly canRead: boolean };
  readonly rateLimit?: { readonly remaining: number; readonly resetAt: number };
  readonly warnings?: readonly ValidationWarning[];
  readonly blockers?: readonly AppError[];
}

const list = (scopes: readonly string[]): string => scopes.join(', ');

const dayText = (iso: string): string => iso.slice(0, 10);

export const finishValidation = (ctx: ValidatorContext, d: ValidationDraft): TokenValidation => {
  const createUrl = createTokenUrl(ctx.provider, ctx.apiUrl);
  const warnings: ValidationWarning[] = [...(d.warnings ?? [])];
  const blockers: AppError[] = [...(d.blockers ?? [])];
  const required = requiredScopes(d.family);
  const missing = d.scopes === null ? [] : missingScopes(d.family, d.scopes);

  if (missing.length > 0) {
    blockers.push({
      code: 'token-missing-scopes',
      message: text('gitTokenMissingScopes', [missing.join('; '), required.join('; ')]),
      link: createUrl,
    });
  }

  if (d.scopes !== null) {
    const extra = extraScopes(d.family, d.scopes);
    if (extra.length > 0) {
      warnings.push({
        code: 'scopes-wider-than-needed',
        message: text('gitTokenScopesWiderThanNeeded', [list(extra), list(required)]),
      });
    }
    const recommended = missingRecommendedScopes(d.family, d.scopes);
    if (recommended.length > 0) {
      warnings.push({
        code: 'recommended-scopes-missing',
        message: text('gitTokenRecommendedScopesMissing', [list(recommended)]),
      });
    }
  }

  const now = ctx.now();
  if (d.expiresAt !== null) {
    const at = Date.parse(d.expiresAt);
    if (at <= now) {
      blockers.push({
        code: 'token-expired',
        message: text('gitTokenExpiredOn', [dayText(d.expiresAt)]),
        link: createUrl,
      });
    } else if (at - now <= EXPIRY_WARNING_DAYS * DAY_MS) {
      const days = Math.max(1, Math.ceil((at - now) / DAY_MS));
      warnings.push({
        code: 'token-expires-soon',
        message: text('gitTokenExpiresSoon', [days, dayText(d.expiresAt)]),
      });
    }
  } else if (d.expiryKnown) {
    warnings.push({
      code: 'token-no-expiry',
      message: text('gitTokenNoExpiry'),
    });
  }

  return {
    provider: ctx.provider,
    apiUrl: ctx.apiUrl,
    login: d.login,
    tokenType: d.tokenType,
    scopes: d.scopes,
    requiredScopes: required,
    missingScopes: missing,
    recommendedScopes: recommendedScopes(d.family),
    expiresAt: d.expiresAt,
    expiryKnown: d.expiryKnown,
    ...(d.ssoUrl ? { ssoUrl: d.ssoUrl } : {}),
    ...(d.repoAccess ? { repoAccess: d.repoAccess } : {}),
    ...(d.rateLimit ? { rateLimit: d.rateLimit } : {}),
    lastFour: ctx.token.slice(-4),
    warnings,
    blockers,
    createTokenUrl: createUrl,
  };
};

/** §1.3: without host permission the response is CORS-filtered and unexposed headers vanish. */
export const hostPermissionWarning = (): ValidationWarning => ({
  code: 'host-permission-missing',
  message: text('gitHostPermissionMissing'),
});
