import {
  badResponse,
  createGitHttp,
  type GitHttpDeps,
  parseJson,
  rateLimited,
  retryAtFrom,
  unexpectedStatus,
} from '../../background/providers/git-request';
import { createTokenUrl } from '../../shared/create-token-links';
import { AppFailure } from '../../shared/errors';
import { resolveGitApiUrl } from '../../shared/git-api-url';
import { text } from '../../shared/i18n';

export { canSelfRotate } from './scopes';

/**
 * GitLab self-rotation (docs/git-provider-contracts.md §5.7): `POST /personal_access_tokens/self/rotate`
 * (GitLab 16.10+) with a token holding `api`, or `self_rotate` since 17.9. GitLab revokes the old
 * token at once and answers the new one. The old token must never be sent to this endpoint twice:
 * GitLab's reuse detection then revokes the new one too (gitlabhq doc/api/personal_access_tokens.md).
 */

export interface RotatedToken {
  readonly token: string;
  /** 00:00 UTC on GitLab's `expires_at` date (§5.3). */
  readonly expiresAt: string;
  readonly scopes: readonly string[];
}

const DAY_MS = 86_400_000;

/**
 * The date to ask for: the old token's lifetime (from when it was saved to its expiry) again from
 * today, between 7 days and GitLab's 365-day ceiling (§5). Without it GitLab gives one week.
 */
export const nextExpiryDate = (savedAt: number, expiresAt: string | null, now: number): string => {
  const lifetime = expiresAt === null ? 90 : Math.round((Date.parse(expiresAt) - savedAt) / DAY_MS);
  const days = Math.min(365, Math.max(7, Number.isFinite(lifetime) ? lifetime : 90));
  return new Date(now + days * DAY_MS).toISOString().slice(0, 10);
};

const isRotated = (b: unknown): b is { token: string; expires_at: string; scopes: string[] } => {
  if (typeof b !== 'object' || b === null) return false;
  const o = b as Record<string, unknown>;
  return (
    typeof o.token === 'string' &&
    o.token.length > 0 &&
    typeof o.expires_at === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(o.expires_at) &&
    Array.isArray(o.scopes) &&
    o.scopes.every((s) => typeof s === 'string')
  );
};

export interface SelfRotateInput {
  readonly apiUrl: string;
  readonly token: string;
  /** `YYYY-MM-DD`. */
  readonly expiresAt: string;
}

/**
 * One request; never retried (a retry with the old token would trip reuse detection). Failures say
 * whether the old token still works: every refusal (400, 401, 403, 405, 429) leaves it as it was.
 */
export const rotateGitLabToken = async (input: SelfRotateInput, deps: GitHttpDeps): Promise<RotatedToken> => {
  const api = resolveGitApiUrl('GITLAB', input.apiUrl);
  if (!api.ok) throw new AppFailure(api.error.code, api.error.message);
  const host = api.value.displayHost;
  const link = createTokenUrl('GITLAB', input.apiUrl);
  const http = createGitHttp(api.value.apiBase, host, deps);
  const query = new URLSearchParams({ expires_at: input.expiresAt });
  const response = await http.request(`/personal_access_tokens/self/rotate?${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${input.token}`, Accept: 'application/json' },
  });
  if (response.status === 200) {
    const body = parseJson(response, host);
    if (!isRotated(body)) throw badResponse(host, text('gitHostSentUnknownTokenShape'));
    return { token: body.token, expiresAt: `${body.expires_at}T00:00:00.000Z`, scopes: body.scopes };
  }
  if (response.status === 403) {
    throw new AppFailure('rotation-scope-missing', text('rotationGitLabScopeMissing', [host]), { link });
  }
  if (response.status === 401) {
    throw new AppFailure('rotation-token-dead', text('rotationGitLabTokenDead', [host]), { link });
  }
  if (response.status === 400 || response.status === 405) {
    throw new AppFailure('rotation-refused', text('rotationGitLabRefused', [host, response.status]), {
      link,
    });
  }
  if (response.status === 404) {
    throw new AppFailure('rotation-unsupported', text('rotationGitLabTooOld', [host]), { link });
  }
  if (response.status === 429) throw rateLimited(host, retryAtFrom(response.headers, Date.now()), Date.now());
  throw unexpectedStatus(response, host);
};
