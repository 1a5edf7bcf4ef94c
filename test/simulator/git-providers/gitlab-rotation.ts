import { randomBytes } from 'node:crypto';
import { json } from './http';
import type { SeedToken } from './seed-tokens';

/**
 * GitLab's self-rotation (`POST /personal_access_tokens/self/rotate`, docs/git-provider-contracts.md
 * §5.7): a new token with the old one's scopes, the old one revoked at once, and GitLab's "automatic
 * reuse detection" (rotating a revoked token revokes the tokens that came from it). Tokens issued here
 * live until `reset()`; they contain `SIMLEAK` like every seeded token, so leak scans find them.
 */
export interface GitLabRotations {
  /** A token issued by a rotation, as a seed the host answers like any other. */
  issued(token: string): SeedToken | undefined;
  isRevoked(token: string): boolean;
  /** Every token issued so far, oldest first. */
  issuedTokens(): readonly string[];
  /** Handles the rotate request for `seed` (already known and not refused by its behaviour). */
  rotate(seed: SeedToken, request: Request, now: number): Promise<Response>;
  reset(): void;
}

const DAY_MS = 86_400_000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const newTokenString = (): string =>
  `glpat-SIMLEAK${[...randomBytes(13)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

/** GL4's body: what GitLab answers a revoked token (§5.6). */
export const REVOKED_BODY = {
  error: 'invalid_token',
  error_description: 'Token was revoked. You have to re-authorize from the user.',
};

/** `expires_at` from the query string or a JSON or form body (Grape reads all three). */
const expiresAtParam = async (request: Request): Promise<string | null> => {
  const fromQuery = new URL(request.url).searchParams.get('expires_at');
  if (fromQuery !== null) return fromQuery;
  const body = await request.text();
  if (body === '') return null;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const value = (JSON.parse(body) as { expires_at?: unknown }).expires_at;
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  }
  return new URLSearchParams(body).get('expires_at');
};

export const createGitLabRotations = (): GitLabRotations => {
  const issued = new Map<string, SeedToken & { readonly id: number }>();
  const revoked = new Set<string>();
  const successor = new Map<string, string>();
  let nextId = 100;

  const revokeFamilyAfter = (token: string) => {
    for (let next = successor.get(token); next !== undefined; next = successor.get(next)) revoked.add(next);
  };

  return {
    issued: (token) => issued.get(token),
    isRevoked: (token) => revoked.has(token),
    issuedTokens: () => [...issued.keys()],
    async rotate(seed, request, now) {
      // Reuse detection: the old token of a rotation is revoked; using it to rotate again revokes
      // the family and answers 401 (docs "Automatic reuse detection").
      if (revoked.has(seed.token)) {
        revokeFamilyAfter(seed.token);
        return json(401, REVOKED_BODY);
      }
      // `api` or `self_rotate` (GitLab 17.9+) may rotate itself; others get 403 (docs). The body is
      // GL5's insufficient_scope shape [inferred].
      const scopes = seed.scopes ?? [];
      if (!scopes.includes('api') && !scopes.includes('self_rotate')) {
        return json(403, {
          error: 'insufficient_scope',
          error_description: 'The request requires higher privileges than provided by the access token.',
          scope: 'api self_rotate',
        });
      }
      const asked = await expiresAtParam(request);
      // Without `expires_at`, a token that must expire gets one week (docs).
      const date = asked ?? new Date(now + 7 * DAY_MS).toISOString().slice(0, 10);
      // The 400 body for a bad or past date is [inferred]; the docs only say "400 if not rotated".
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Date.parse(`${date}T00:00:00Z`) <= now) {
        return json(400, { message: '400 Bad request - expires_at is invalid' });
      }
      const token = newTokenString();
      const id = nextId++;
      issued.set(token, { ...seed, token, id, expiresAt: `${date}T00:00:00.000Z`, behaviour: 'ok' });
      revoked.add(seed.token);
      successor.set(seed.token, token);
      return json(200, {
        id,
        name: 'ext',
        revoked: false,
        created_at: new Date(now).toISOString(),
        description: '',
        scopes,
        user_id: seed.userId,
        last_used_at: null,
        active: true,
        expires_at: date,
        token,
      });
    },
    reset() {
      issued.clear();
      revoked.clear();
      successor.clear();
    },
  };
};
