import type { FetchHandler } from '../types';
import type { GitLabRotations } from './gitlab-rotation';
import { REVOKED_BODY } from './gitlab-rotation';
import { epochSeconds, forMethod, type HeaderMap, json, preflight, readAuthorization } from './http';
import type { Revocations } from './revocation';
import { findSeed, type SeedToken } from './seed-tokens';

/** GitLab (`https://HOST/api/v4`), with the shapes of docs/git-provider-contracts.md §13 GL1–GL6 and §5.6. */
export interface GitLabHostOptions {
  readonly host: string;
  readonly now: () => number;
  readonly usage: Map<string, number>;
  /** Tokens issued and revoked by self-rotation (gitlab-rotation.ts). */
  readonly rotations: GitLabRotations;
  /** Tokens revoked through `DELETE /personal_access_tokens/self` (revocation.ts). */
  readonly revocations: Revocations;
}

const PREFIX = '/api/v4';

const ROTATE_PATH = '/personal_access_tokens/self/rotate';

const UNAUTHORIZED = { message: '401 Unauthorized' };

const insufficientScope = (accepted: string): Response =>
  json(403, {
    error: 'insufficient_scope',
    error_description: 'The request requires higher privileges than provided by the access token.',
    scope: accepted,
  });

const hasAny = (seed: SeedToken, scopes: readonly string[]): boolean =>
  (seed.scopes ?? []).some((s) => scopes.includes(s));

export const createGitLabHost = (o: GitLabHostOptions): FetchHandler => {
  let requestCounter = 0;

  const base = (key: string | null): HeaderMap => {
    const headers: HeaderMap = { 'X-Request-Id': `SIM${(++requestCounter).toString(36).toUpperCase()}` };
    if (key !== null) {
      const used = (o.usage.get(key) ?? 0) + 1;
      o.usage.set(key, used);
      headers['RateLimit-Limit'] = '2000';
      headers['RateLimit-Remaining'] = String(Math.max(0, 2000 - used));
    }
    return headers;
  };

  const withBase = (response: Response, key: string | null): Response => {
    for (const [k, v] of Object.entries(base(key))) if (!response.headers.has(k)) response.headers.set(k, v);
    return response;
  };

  const byBehaviour = (seed: SeedToken): Response | null => {
    switch (seed.behaviour) {
      case 'bad-credentials':
        return json(401, UNAUTHORIZED);
      case 'expired':
        return json(
          401,
          {
            error: 'invalid_token',
            error_description: 'Token is expired. You can either do re-authorization or token refresh.',
          },
          {
            'WWW-Authenticate':
              'Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="Token is expired. You can either do re-authorization or token refresh."',
          },
        );
      case 'revoked':
        return json(401, REVOKED_BODY);
      case 'rate-limited-429':
      case 'rate-limited-403': {
        const reset = epochSeconds(o.now()) + 60;
        return json(
          429,
          { message: 'Retry later' },
          {
            'Retry-After': '60',
            'RateLimit-Limit': '2000',
            'RateLimit-Observed': '2001',
            'RateLimit-Remaining': '0',
            'RateLimit-Reset': String(reset),
            'RateLimit-ResetTime': new Date(reset * 1000).toUTCString(),
          },
        );
      }
      case 'server-error':
        return json(500, { message: '500 Internal Server Error' });
      default:
        return null;
    }
  };

  const route = async (seed: SeedToken, path: string, request: Request): Promise<Response> => {
    if (path === ROTATE_PATH) {
      if (request.method !== 'POST') return json(405, { message: '405 Method Not Allowed' });
      // Only personal access tokens rotate themselves (docs: 405 otherwise).
      if (seed.kind !== 'gitlab-personal') return json(405, { message: '405 Method Not Allowed' });
      return o.rotations.rotate(seed, request, o.now());
    }
    if (path === '/personal_access_tokens/self') {
      if (seed.kind === 'gitlab-oauth') {
        return json(400, {
          message: '400 Bad request - This endpoint requires token type to be a personal access token',
        });
      }
      if (request.method === 'DELETE') {
        // Revokes the token that authenticates it: 204, and 401 "revoked" from then on (§15).
        o.revocations.revoked.add(seed.token);
        return new Response(null, { status: 204 });
      }
      // Any scope may read its own token (self_information.rb, §5.3). GL1.
      return json(200, {
        id: 42,
        name: 'ext',
        revoked: false,
        created_at: '2026-01-02T10:00:00.000Z',
        description: '',
        scopes: seed.scopes ?? [],
        user_id: seed.userId,
        last_used_at: null,
        active: true,
        expires_at: seed.expiresAt ? seed.expiresAt.slice(0, 10) : null,
        last_used_ips: [],
      });
    }
    if (path === '/user') {
      if (!hasAny(seed, ['api', 'read_api', 'read_user'])) return insufficientScope('api read_api read_user'); // GL5
      return json(200, {
        id: seed.userId,
        username: seed.login,
        name: 'Alice',
        state: 'active',
        bot: seed.bot === true,
        web_url: `https://${o.host}/${seed.login}`,
      });
    }
    if (path === '/projects') {
      // The Codefresh CLI's user-token check: `HEAD /projects` must be 200 (docs/platform-contract.md §4).
      if (!hasAny(seed, ['api', 'read_api', 'read_repository'])) return insufficientScope('api read_api');
      return json(200, [], { 'X-Total': '0', 'X-Page': '1', 'X-Per-Page': '20' });
    }
    return json(404, { message: '404 Not Found' });
  };

  return async (request) => {
    if (request.method === 'OPTIONS') return preflight();
    const url = new URL(request.url);
    if (!url.pathname.startsWith(PREFIX)) return withBase(json(404, { message: '404 Not Found' }), null);
    const path = url.pathname.slice(PREFIX.length).replace(/\/+$/, '') || '/';
    // `PRIVATE-TOKEN: <T>` or `Authorization: Bearer <T>` (§5.2).
    const auth = readAuthorization(request);
    const token = request.headers.get('private-token') ?? (auth.scheme === 'bearer' ? auth.token : null);
    if (!token) return forMethod(request, withBase(json(401, UNAUTHORIZED), null));
    const seed = findSeed(token, o.host) ?? o.rotations.issued(token);
    // Deploy tokens have no API access (§5.1).
    if (!seed || seed.kind === 'gitlab-deploy')
      return forMethod(request, withBase(json(401, UNAUTHORIZED), null));
    // A token replaced by self-rotation is revoked at once: GL4 on every request.
    // (The rotate route itself answers a revoked token: reuse detection revokes its successors.)
    const rotating = path === ROTATE_PATH && request.method === 'POST';
    if (o.rotations.isRevoked(token) && !rotating)
      return forMethod(request, withBase(json(401, REVOKED_BODY), seed.token));
    // A token revoked by `DELETE /personal_access_tokens/self` is GL4 from then on (revocation.ts).
    if (o.revocations.revoked.has(token))
      return forMethod(request, withBase(json(401, REVOKED_BODY), seed.token));
    return forMethod(request, withBase(byBehaviour(seed) ?? (await route(seed, path, request)), seed.token));
  };
};
