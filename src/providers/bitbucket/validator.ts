import {
  badResponse,
  type GitResponse,
  parseJson,
  rateLimited,
  retryAtFrom,
  unexpectedStatus,
} from '../../background/providers/git-request';
import { finishValidation, type ValidatorContext } from '../../background/providers/validation-result';
import { createTokenUrl } from '../../shared/create-token-links';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { parseScopeHeader, requiredScopes, type ScopeFamily } from '../../shared/scopes';
import type { TokenValidation } from '../../shared/validation-types';

/**
 * Bitbucket Cloud: one request, `GET https://api.bitbucket.org/2.0/user` (§6.2). Atlassian API
 * tokens use Basic `email:token` (support.atlassian.com/bitbucket-cloud/docs/using-api-tokens);
 * access tokens use Bearer and get a 403 whose headers still carry the scopes. App passwords
 * stopped working on 28 July 2026 (§6.1): one is never passed, and a refused one says so.
 */
export const validateBitbucket = async (ctx: ValidatorContext): Promise<TokenValidation> => {
  const kind = ctx.classification.kind;
  const authorization = authorizationFor(ctx);
  const response = await ctx.http.request('/user', {
    method: 'GET',
    headers: { Authorization: authorization, Accept: 'application/json' },
  });
  const host = ctx.api.displayHost;
  if (response.status === 200) return fromUser(ctx, response);
  if (response.status === 403) return fromForbidden(ctx, response);
  if (response.status === 401) {
    if (kind === 'bitbucket-app-password') throw appPasswordRemoved(ctx);
    const message =
      kind === 'bitbucket-api-token' ? 'gitBitbucketBadCredentialsApiToken' : 'gitTokenBadCredentials';
    throw new AppFailure('token-bad-credentials', text(message, [host]), {
      link: createTokenUrl(ctx.provider, ctx.apiUrl),
    });
  }
  if (response.status === 429) throw rateLimited(host, retryAtFrom(response.headers, ctx.now()), ctx.now());
  throw unexpectedStatus(response, host);
};

const basic = (user: string, token: string): string => {
  const bytes = new TextEncoder().encode(`${user}:${token}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
};

const authorizationFor = (ctx: ValidatorContext): string => {
  const kind = ctx.classification.kind;
  // Access tokens are Bearer only (§6.1).
  if (kind === 'bitbucket-access-token') return `Bearer ${ctx.token}`;
  // An app password is refused whatever user comes with it: say so before sending it anywhere.
  if (kind === 'bitbucket-app-password') throw appPasswordRemoved(ctx);
  const user = ctx.username;
  // Refused before any request: a Basic request without the account email is a guaranteed 401
  // (and repeated failures count against the account, §0.2 rule 4).
  if (kind === 'bitbucket-api-token' && !user?.includes('@')) {
    throw new AppFailure(
      'token-username-required',
      text(user ? 'gitBitbucketApiTokenNeedsEmailNotUsername' : 'gitBitbucketApiTokenNeedsEmail'),
    );
  }
  if (user) return basic(user, ctx.token);
  if (kind === 'unknown') return `Bearer ${ctx.token}`;
  throw new AppFailure('token-username-required', text('gitBitbucketApiTokenNeedsEmail'));
};

/**
 * Bitbucket removed app passwords on 28 July 2026 (creation stopped 9 September 2025, §6.1). The
 * message names the API-token scopes to pick, as the Atlassian page takes no pre-filled ones.
 */
const appPasswordRemoved = (ctx: ValidatorContext): AppFailure =>
  new AppFailure(
    'token-app-password-removed',
    text('gitBitbucketAppPasswordRemoved', [requiredScopes('bitbucket-api-token').join('; ')]),
    { link: createTokenUrl(ctx.provider, ctx.apiUrl) },
  );

const CREDENTIAL_TYPES: Readonly<Record<string, string>> = {
  api_token: 'bitbucket-api-token',
  app_password: 'bitbucket-app-password',
  repo_access_token: 'bitbucket-access-token',
  project_access_token: 'bitbucket-access-token',
  workspace_access_token: 'bitbucket-access-token',
};

interface Facts {
  readonly tokenType: string;
  readonly family: ScopeFamily;
  readonly scopes: readonly string[] | null;
  readonly accessToken: boolean;
}

const facts = (ctx: ValidatorContext, response: GitResponse, granted: readonly string[] | null): Facts => {
  const header = response.headers.get('x-oauth-scopes');
  const scopes = granted ?? (header === null ? null : parseScopeHeader(header));
  const credentialType = response.headers.get('x-credential-type') ?? '';
  const kind = ctx.classification.kind;
  const tokenType =
    CREDENTIAL_TYPES[credentialType] ??
    (kind === 'bitbucket-api-token' || kind === 'bitbucket-app-password' || kind === 'bitbucket-access-token'
      ? kind
      : 'bitbucket-token');
  // API tokens use `…:bitbucket` scope names with no implication; everything else the legacy names (§6.4).
  const apiNames =
    tokenType === 'bitbucket-api-token' || (scopes ?? []).some((s) => s.endsWith(':bitbucket'));
  return {
    tokenType,
    family: apiNames ? 'bitbucket-api-token' : 'bitbucket-legacy',
    scopes,
    accessToken: tokenType === 'bitbucket-access-token',
  };
};

const fromUser = (ctx: ValidatorContext, response: GitResponse): TokenValidation => {
  const body = parseJson(response, ctx.api.displayHost) as Record<string, unknown> | null;
  const login = [body?.nickname, body?.username, body?.display_name].find(
    (v) => typeof v === 'string' && v !== '',
  );
  if (typeof login !== 'string') throw badResponse(ctx.api.displayHost, text('gitHostSentUserWithoutName'));
  const f = facts(ctx, response, null);
  if (f.tokenType === 'bitbucket-app-password') throw appPasswordRemoved(ctx);
  return finishValidation(ctx, {
    login,
    tokenType: f.tokenType,
    family: f.family,
    scopes: f.scopes,
    // Bitbucket returns no expiry for any credential (§6.1).
    expiresAt: null,
    expiryKnown: false,
  });
};

/** 403: an access token (not a user), or a missing scope with `detail.granted` (§6.2, §6.3, BB2/BB3). */
const fromForbidden = (ctx: ValidatorContext, response: GitResponse): TokenValidation => {
  let granted: readonly string[] | null = null;
  try {
    const body = JSON.parse(response.text) as { error?: { detail?: { granted?: unknown } } };
    const g = body?.error?.detail?.granted;
    if (Array.isArray(g) && g.every((s) => typeof s === 'string')) granted = g;
  } catch {
    // The headers may still tell enough.
  }
  const f = facts(ctx, response, granted);
  const link = createTokenUrl(ctx.provider, ctx.apiUrl);
  if (f.accessToken) {
    return finishValidation(ctx, {
      login: null,
      tokenType: f.tokenType,
      // The kind is the problem, not the scopes: one blocker, not a list of scopes it cannot have.
      family: 'not-checkable',
      scopes: f.scopes,
      expiresAt: null,
      expiryKnown: false,
      blockers: [
        {
          code: 'token-not-user-token',
          message: text('gitBitbucketAccessTokenNotUser'),
          link,
        },
      ],
    });
  }
  if (f.scopes === null) {
    throw new AppFailure('token-forbidden', text('gitBitbucketForbidden', [ctx.api.displayHost]), { link });
  }
  if (f.tokenType === 'bitbucket-app-password') throw appPasswordRemoved(ctx);
  const validation = finishValidation(ctx, {
    login: null,
    tokenType: f.tokenType,
    family: f.family,
    scopes: f.scopes,
    expiresAt: null,
    expiryKnown: false,
  });
  if (validation.blockers.length === 0) {
    // Every scope we require is there, yet Bitbucket refused: say so rather than pass it as fine.
    throw new AppFailure(
      'token-forbidden',
      text('gitBitbucketForbiddenDespiteScopes', [ctx.api.displayHost]),
      {
        link,
      },
    );
  }
  return validation;
};
