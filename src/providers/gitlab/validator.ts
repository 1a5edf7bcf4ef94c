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
import { type AppError, AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { effectiveScopes } from '../../shared/scopes';
import type { TokenValidation } from '../../shared/validation-types';

/**
 * GitLab.com and self-managed (`<host>/api/v4`). `GET /personal_access_tokens/self` answers for a
 * token of any scope with its scopes and expiry (GitLab ≥ 15.5, §5.3); `GET /user` then gives the
 * username when the scopes allow it. Old GitLab answers 404 on `/self`: fall back to `/user`.
 */
export const validateGitLab = async (ctx: ValidatorContext): Promise<TokenValidation> => {
  const self = await get(ctx, '/personal_access_tokens/self');
  if (self.status === 200) return fromSelf(ctx, self);
  if (self.status === 404) return fromUserOnly(ctx);
  if (self.status === 400) {
    // "This endpoint requires token type to be a personal access token": an OAuth token (GL6).
    throw new AppFailure('token-not-personal', text('gitGitLabOAuthToken'), {
      link: createTokenUrl(ctx.provider, ctx.apiUrl),
    });
  }
  throw failure(ctx, self);
};

// Codefresh sends Bearer (docs/platform-contract.md §4); PRIVATE-TOKEN would work as well (§5.2).
const get = (ctx: ValidatorContext, path: string) =>
  ctx.http.request(path, {
    method: 'GET',
    headers: { Authorization: `Bearer ${ctx.token}`, Accept: 'application/json' },
  });

interface SelfBody {
  readonly scopes: readonly string[];
  readonly expires_at: string | null;
  readonly active?: boolean;
  readonly revoked?: boolean;
}

const isSelf = (b: unknown): b is SelfBody => {
  if (typeof b !== 'object' || b === null) return false;
  const o = b as Record<string, unknown>;
  return (
    Array.isArray(o.scopes) &&
    o.scopes.every((s) => typeof s === 'string') &&
    (o.expires_at === null || o.expires_at === undefined || typeof o.expires_at === 'string')
  );
};

const fromSelf = async (ctx: ValidatorContext, response: GitResponse): Promise<TokenValidation> => {
  const body = parseJson(response, ctx.api.displayHost);
  if (!isSelf(body)) throw badResponse(ctx.api.displayHost, text('gitHostSentUnknownTokenShape'));
  const date = body.expires_at ?? null;
  // GitLab tokens always expire since 16.0, at most 365 days ahead (§5, GitLab 16.0 release notes):
  // an answer without a date is one we cannot read, never "does not expire".
  if (date === null) throw badResponse(ctx.api.displayHost, text('gitHostSentNoExpiry'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw badResponse(ctx.api.displayHost, text('gitHostSentUnreadableExpiry'));
  // The token dies at 00:00 UTC on `expires_at` (§5.3).
  const expiresAt = `${date}T00:00:00.000Z`;
  const blockers: AppError[] = [];
  if (body.revoked === true || body.active === false) {
    blockers.push({
      code: 'token-inactive',
      message: text('gitGitLabTokenInactive'),
      link: createTokenUrl(ctx.provider, ctx.apiUrl),
    });
  }
  // The username needs read_user, read_api or api (§5.3); with none of them, skip the second request.
  const user = effectiveScopes('gitlab', body.scopes).has('read_user') ? await readUser(ctx) : null;
  if (user?.bot) blockers.push(botBlocker(ctx));
  return finishValidation(ctx, {
    login: user?.login ?? null,
    tokenType: user?.bot ? 'gitlab-bot' : 'gitlab-personal',
    family: 'gitlab',
    scopes: body.scopes,
    expiresAt,
    expiryKnown: true,
    blockers,
  });
};

interface UserFacts {
  readonly login: string | null;
  /** A project or group access token: its user is a bot. */
  readonly bot: boolean;
}

/**
 * Project and group access tokens act as a bot user (`bot: true` on `/user`; usernames
 * `project_<id>_bot…` / `group_<id>_bot…`). Codefresh's CLI refused them as user tokens
 * (cli-v2 provider_gitlab.go: "project token is not exceptable", docs/platform-contract.md §4).
 */
const BOT_NAME = /^(project|group)_\d+_bot/;
const isBot = (body: { username?: unknown; bot?: unknown }): boolean =>
  body.bot === true || (typeof body.username === 'string' && BOT_NAME.test(body.username));

const botBlocker = (ctx: ValidatorContext): AppError => ({
  code: 'token-not-user-token',
  message: text('gitGitLabBotToken'),
  link: createTokenUrl(ctx.provider, ctx.apiUrl),
});

const readUser = async (ctx: ValidatorContext): Promise<UserFacts | null> => {
  const response = await get(ctx, '/user');
  if (response.status !== 200) return null;
  const body = parseJson(response, ctx.api.displayHost) as { username?: unknown; bot?: unknown } | null;
  if (typeof body?.username !== 'string')
    throw badResponse(ctx.api.displayHost, text('gitHostSentUserWithoutUsername'));
  return { login: body.username, bot: isBot(body) };
};

/** GitLab < 15.5: only `/user` is available; scopes and expiry stay unknown. */
const fromUserOnly = async (ctx: ValidatorContext): Promise<TokenValidation> => {
  const response = await get(ctx, '/user');
  if (response.status === 403) {
    // insufficient_scope on /user means none of read_user, read_api, api: read_api is surely missing.
    return finishValidation(ctx, {
      login: null,
      tokenType: 'gitlab-personal',
      family: 'gitlab',
      scopes: null,
      expiresAt: null,
      expiryKnown: false,
      blockers: [
        {
          code: 'token-missing-scopes',
          message: text('gitGitLabLacksReadApi'),
          link: createTokenUrl(ctx.provider, ctx.apiUrl),
        },
      ],
    });
  }
  if (response.status !== 200) throw failure(ctx, response);
  const body = parseJson(response, ctx.api.displayHost) as { username?: unknown; bot?: unknown } | null;
  if (typeof body?.username !== 'string')
    throw badResponse(ctx.api.displayHost, text('gitHostSentUserWithoutUsername'));
  const bot = isBot(body);
  return finishValidation(ctx, {
    login: body.username,
    tokenType: bot ? 'gitlab-bot' : 'gitlab-personal',
    family: 'gitlab',
    scopes: null,
    expiresAt: null,
    expiryKnown: false,
    warnings: [
      {
        code: 'scopes-unknown',
        message: text('gitGitLabScopesUnknownOldServer', [ctx.api.displayHost]),
      },
    ],
    blockers: bot ? [botBlocker(ctx)] : [],
  });
};

/** 401 bodies tell expired from revoked from unknown (§5.6, GL2–GL4). */
const failure = (ctx: ValidatorContext, response: GitResponse): AppFailure => {
  const host = ctx.api.displayHost;
  const link = createTokenUrl(ctx.provider, ctx.apiUrl);
  if (response.status === 401) {
    let description = '';
    try {
      const body = JSON.parse(response.text) as { error_description?: unknown };
      if (typeof body?.error_description === 'string') description = body.error_description;
    } catch {
      // A 401 is a 401 whatever its body.
    }
    if (/expired/i.test(description)) {
      return new AppFailure('token-expired', text('gitGitLabTokenExpired', [host]), { link });
    }
    if (/revoked/i.test(description)) {
      return new AppFailure('token-revoked', text('gitGitLabTokenRevoked', [host]), { link });
    }
    const message = host === 'gitlab.com' ? 'gitTokenBadCredentials' : 'gitGitLabBadCredentialsOtherHost';
    return new AppFailure('token-bad-credentials', text(message, [host]), { link });
  }
  if (response.status === 429) return rateLimited(host, retryAtFrom(response.headers, ctx.now()), ctx.now());
  if (response.status === 403) {
    return new AppFailure('token-forbidden', text('gitGitLabForbidden', [host]), { link });
  }
  return unexpectedStatus(response, host);
};
