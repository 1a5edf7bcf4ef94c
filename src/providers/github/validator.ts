import {
  badResponse,
  type GitResponse,
  parseJson,
  rateLimited,
  retryAtFrom,
  unexpectedStatus,
} from '../../background/providers/git-request';
import {
  finishValidation,
  hostPermissionWarning,
  type ValidatorContext,
} from '../../background/providers/validation-result';
import { createTokenUrl } from '../../shared/create-token-links';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { ScopeFamily } from '../../shared/scopes';
import { parseScopeHeader } from '../../shared/scopes';
import type { TokenValidation, ValidationWarning } from '../../shared/validation-types';
import { parseGitHubExpiry } from './expiry';
import { repoNotChecked, repoNotVisible, repoOnHost, writeCheckedByCodefresh } from './fine-grained';

/**
 * GitHub.com (`https://api.github.com`), GHE.com and GitHub Enterprise Server (`<host>/api/v3`).
 * One request, `GET {api}/user`: the body gives the login, the headers the scopes, the expiry and
 * the rate limit (docs/git-provider-contracts.md §0.1, §2.2). A fine-grained token adds one
 * `GET /repos/{owner}/{repo}` when the runtime's installation repository is known.
 */
export const validateGitHub = async (ctx: ValidatorContext): Promise<TokenValidation> => {
  const response = await ctx.http.request('/user', { method: 'GET', headers: githubHeaders(ctx) });
  const host = ctx.api.displayHost;
  if (response.status === 200) return await fromSuccess(ctx, response);
  if (response.status === 401) throw badCredentials(ctx);
  if (response.status === 403 || response.status === 429) return fromRefusal(ctx, response);
  throw unexpectedStatus(response, host);
};

const githubHeaders = (ctx: ValidatorContext): Record<string, string> => ({
  // `token` is what Codefresh's own check sends (docs/platform-contract.md §4); Bearer works too.
  Authorization: `token ${ctx.token}`,
  Accept: 'application/vnd.github+json',
  'X-GitHub-Api-Version': '2022-11-28',
});

const tokenFacts = (ctx: ValidatorContext, response: GitResponse) => {
  const scopeHeader = response.headers.get('x-oauth-scopes');
  // A missing header means "unknown", never "no scopes" (§0.2 rule 2); fine-grained tokens have none.
  const scopes = scopeHeader === null ? null : parseScopeHeader(scopeHeader);
  const kind = ctx.classification.kind;
  const fineGrained =
    kind === 'github-fine-grained' ||
    (scopes === null && kind !== 'github-classic' && kind !== 'github-oauth');
  const tokenType = fineGrained
    ? 'github-fine-grained'
    : kind === 'github-oauth'
      ? 'github-oauth'
      : 'github-classic';
  const family: ScopeFamily = fineGrained ? 'not-checkable' : 'github';
  // The expiry header is not CORS-exposed: only a `basic` response proves its absence means "never" (§1.2).
  const headersTrusted = response.type !== 'cors';
  const expiryHeader = response.headers.get('github-authentication-token-expiration');
  const expiresAt = expiryHeader === null ? null : parseGitHubExpiry(expiryHeader);
  const warnings: ValidationWarning[] = [];
  if (!headersTrusted) warnings.push(hostPermissionWarning());
  if (expiryHeader !== null && expiresAt === null) {
    warnings.push({ code: 'expiry-unreadable', message: text('gitGitHubExpiryUnreadable') });
  }
  if (!fineGrained && scopes === null) {
    warnings.push({
      code: 'scopes-unknown',
      message: text('gitGitHubScopesUnknown', [ctx.api.displayHost]),
    });
  }
  const remaining = Number(response.headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = Number(response.headers.get('x-ratelimit-reset') ?? Number.NaN);
  // GHES disables rate limits by default and sends no headers (§4): then there is nothing to report.
  const rateLimit =
    Number.isFinite(remaining) && Number.isFinite(reset) ? { remaining, resetAt: reset * 1000 } : undefined;
  return {
    scopes: fineGrained ? null : scopes,
    tokenType,
    family,
    expiresAt,
    expiryKnown: headersTrusted && (expiryHeader === null || expiresAt !== null),
    warnings,
    fineGrained,
    ...(rateLimit ? { rateLimit } : {}),
  };
};

/**
 * Fine-grained tokens (GA 18 March 2025): accepted, since runtimes newer than 0.18.0 take them
 * (Codefresh docs PR #1250). What GitHub lets us see is checked, what it does not is said (§3).
 */
const fineGrainedFacts = async (ctx: ValidatorContext) => {
  const warnings: ValidationWarning[] = [writeCheckedByCodefresh()];
  const repo = repoOnHost(ctx.repo, ctx.api);
  if (!repo) return { warnings };
  const response = await ctx.http.request(`/repos/${repo}`, { method: 'GET', headers: githubHeaders(ctx) });
  if (response.status === 200) return { warnings, repoAccess: { repo, canRead: true } };
  if (response.status === 404) {
    return { warnings: [...warnings, repoNotVisible(repo, ctx.api)], repoAccess: { repo, canRead: false } };
  }
  return { warnings: [...warnings, repoNotChecked(repo, response.status)] };
};

const fromSuccess = async (ctx: ValidatorContext, response: GitResponse): Promise<TokenValidation> => {
  const body = parseJson(response, ctx.api.displayHost);
  const login = typeof body === 'object' && body !== null ? (body as { login?: unknown }).login : undefined;
  if (typeof login !== 'string' || login === '')
    throw badResponse(ctx.api.displayHost, text('gitHostSentUserWithoutLogin'));
  const { fineGrained, ...facts } = tokenFacts(ctx, response);
  if (!fineGrained) return finishValidation(ctx, { login, ...facts });
  const more = await fineGrainedFacts(ctx);
  return finishValidation(ctx, {
    login,
    ...facts,
    ...(more.repoAccess ? { repoAccess: more.repoAccess } : {}),
    warnings: [...facts.warnings, ...more.warnings],
  });
};

const badCredentials = (ctx: ValidatorContext): AppFailure => {
  const host = ctx.api.displayHost;
  const message = host === 'github.com' ? 'gitTokenBadCredentials' : 'gitGitHubBadCredentialsOtherHost';
  return new AppFailure('token-bad-credentials', text(message, [host]), {
    link: createTokenUrl(ctx.provider, ctx.apiUrl),
  });
};

const SSO = /required;\s*url=(\S+)/i;

/**
 * The SSO authorization link becomes an `href` in the popup, so it is taken only when it is an
 * https page on the web host the token belongs to (`https://github.com/…`, or the GHE host it came
 * from); anything else (another host, `javascript:`, `user@` tricks) is dropped and the blocker
 * stays, without a link.
 */
export const trustedSsoUrl = (raw: string, webOrigin: string): string | null => {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && !url.username && !url.password && url.origin === webOrigin
      ? url.href
      : null;
  } catch {
    return null;
  }
};
const ORG_BAN = /forbids access via a personal access token \(classic\)/i;

/** 403 and 429: SSO, rate limits, an organisation policy, or the failed-login lockout (§2.4). */
const fromRefusal = (ctx: ValidatorContext, response: GitResponse): TokenValidation => {
  const host = ctx.api.displayHost;
  const now = ctx.now();
  let message = '';
  try {
    const body = JSON.parse(response.text) as { message?: unknown };
    if (typeof body?.message === 'string') message = body.message;
  } catch {
    // A 403 body that is not JSON still has meaningful headers.
  }
  const sso = SSO.exec(response.headers.get('x-github-sso') ?? '');
  if (sso?.[1]) {
    const { fineGrained: _, ...facts } = tokenFacts(ctx, response);
    const ssoUrl = trustedSsoUrl(sso[1], ctx.api.webOrigin);
    return finishValidation(ctx, {
      login: null,
      ...facts,
      ...(ssoUrl ? { ssoUrl } : {}),
      blockers: [
        {
          code: 'token-sso-required',
          message: text('gitGitHubSsoRequired'),
          ...(ssoUrl ? { link: ssoUrl } : {}),
        },
      ],
    });
  }
  const primaryLimit = response.headers.get('x-ratelimit-remaining') === '0';
  const secondaryLimit = /secondary rate limit/i.test(message) || response.headers.has('retry-after');
  if (response.status === 429 || primaryLimit || secondaryLimit) {
    // Secondary limits without Retry-After: wait at least a minute (§2.4).
    const retryAt = retryAtFrom(response.headers, now) ?? (secondaryLimit ? now + 60_000 : undefined);
    throw rateLimited(host, retryAt, now);
  }
  if (ORG_BAN.test(message)) {
    const org = /`([^`]+)`/.exec(message)?.[1];
    const { fineGrained: _, ...facts } = tokenFacts(ctx, response);
    return finishValidation(ctx, {
      login: null,
      ...facts,
      blockers: [
        {
          code: 'token-classic-forbidden-by-org',
          message: org ? text('gitGitHubNamedOrgForbidsClassic', [org]) : text('gitGitHubOrgForbidsClassic'),
        },
      ],
    });
  }
  throw new AppFailure('token-forbidden', text('gitGitHubForbiddenLockout', [host]));
};
