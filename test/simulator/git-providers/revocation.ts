import { epochSeconds, type HeaderMap, json } from './http';
import { findSeed } from './seed-tokens';

/**
 * Token revocation shared by the fake Git hosts (docs/git-provider-contracts.md §15). A revoked
 * token answers every later request as revoked (401) on its host, and its app-proxy checks fail too.
 */
export interface Revocations {
  readonly revoked: Set<string>;
  /** Revocation requests per counting key (a host, or a host and token) in the current hour. */
  readonly counts: Map<string, { windowStart: number; used: number }>;
}

export const createRevocations = (): Revocations => ({ revoked: new Set(), counts: new Map() });

export const resetRevocations = (r: Revocations): void => {
  r.revoked.clear();
  r.counts.clear();
};

/** GitHub: "limited to only 60 unauthenticated requests per hour" (GitHub.com), "60 authenticated" (GHES 3.19). */
export const GITHUB_REVOKE_LIMIT = 60;
const HOUR_MS = 3_600_000;

/** Counts one request; the rate-limit headers for it, and whether it went over the limit. */
const count = (r: Revocations, key: string, now: number): { headers: HeaderMap; over: boolean } => {
  const current = r.counts.get(key);
  const window = current && now - current.windowStart < HOUR_MS ? current : { windowStart: now, used: 0 };
  window.used += 1;
  r.counts.set(key, window);
  return {
    headers: {
      'X-RateLimit-Limit': String(GITHUB_REVOKE_LIMIT),
      'X-RateLimit-Remaining': String(Math.max(0, GITHUB_REVOKE_LIMIT - window.used)),
      'X-RateLimit-Used': String(window.used),
      'X-RateLimit-Reset': String(epochSeconds(window.windowStart + HOUR_MS)),
    },
    over: window.used > GITHUB_REVOKE_LIMIT,
  };
};

const DOCS = 'https://docs.github.com/rest/credentials/revoke#revoke-a-list-of-credentials';

/**
 * `POST {api}/credentials/revoke` (docs.github.com/en/rest/credentials/revoke). GitHub.com: an
 * authenticated request is 403; past 60 an hour per caller, 429 with `X-RateLimit-Remaining: 0`
 * (GitHub answers 403 or 429, troubleshooting-the-rest-api; 429 here [I]). GHES (`authenticatedBy`
 * set): counted per token. A body without 1–1000 strings is 422; otherwise 202 with `{}` [I: the
 * body], and every listed token this host knows is revoked, whoever owns it.
 */
export const githubRevoke = async (
  r: Revocations,
  request: Request,
  o: { readonly host: string; readonly now: number; readonly authenticatedBy: string | null },
  base: HeaderMap,
): Promise<Response> => {
  if (o.authenticatedBy === null && request.headers.has('authorization')) {
    return json(403, { message: 'Must not be authenticated', documentation_url: DOCS, status: '403' }, base); // body [I]
  }
  const limit = count(r, o.authenticatedBy === null ? o.host : `${o.host}:${o.authenticatedBy}`, o.now);
  if (limit.over) {
    return json(
      429,
      { message: 'API rate limit exceeded.', documentation_url: DOCS, status: '429' }, // body [I]
      { ...base, ...limit.headers, 'Retry-After': '3600' },
    );
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = null;
  }
  const credentials = (body as { credentials?: unknown } | null)?.credentials;
  if (
    !Array.isArray(credentials) ||
    credentials.length === 0 ||
    credentials.length > 1000 ||
    !credentials.every((c) => typeof c === 'string')
  ) {
    return json(
      422,
      { message: 'Validation Failed', documentation_url: DOCS, status: '422' },
      { ...base, ...limit.headers },
    );
  }
  for (const c of credentials as string[]) if (findSeed(c, o.host)) r.revoked.add(c);
  return json(202, {}, { ...base, ...limit.headers });
};
