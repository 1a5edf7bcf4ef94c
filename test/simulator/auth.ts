/**
 * Who is calling, and the CORS policy, shared by the fake platform and the fake app-proxies.
 */
import { jsonResponse } from './graphql-http';
import { API_KEYS, PLATFORM_URL, SESSIONS, type SimCaller } from './seed';

/**
 * §2: the SDK sends the API key raw (`Authorization: <key>`, no `Bearer`). A `Bearer` prefix is
 * therefore an unknown key here. `x-access-token: <session>` is the web UI's way (§2, [INFERRED]).
 * The answer is the user and the one account that owns the key.
 */
export const resolveCaller = (request: Request): SimCaller | null => {
  const key = request.headers.get('authorization');
  if (key !== null) return API_KEYS.get(key) ?? null;
  const session = request.headers.get('x-access-token');
  if (session !== null) return SESSIONS.get(session) ?? null;
  return null;
};

/** Simulator contract: the shape of a refused call (§6 leaves the real one unobserved). */
export const UNAUTHORIZED_BODY = {
  errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }],
} as const;

export const unauthorized = (headers: Record<string, string> = {}): Response =>
  jsonResponse(401, UNAUTHORIZED_BODY, headers);

/**
 * §2 CORS: the runtime chart allows only the platform origin (`app-proxy.config.cors`). The
 * extension's service worker is not subject to CORS, so only the fake web UI relies on this.
 */
export const ALLOWED_ORIGIN = PLATFORM_URL;

export const corsHeaders = (request: Request): Record<string, string> =>
  request.headers.get('origin') === ALLOWED_ORIGIN
    ? {
        'Access-Control-Allow-Origin': ALLOWED_ORIGIN,
        'Access-Control-Allow-Credentials': 'true',
        Vary: 'Origin',
      }
    : { Vary: 'Origin' };

/** Preflight: only the platform origin gets an `Access-Control-Allow-Origin`. */
export const preflight = (request: Request): Response => {
  const allowed = request.headers.get('origin') === ALLOWED_ORIGIN;
  return new Response(null, {
    status: 204,
    headers: allowed
      ? {
          ...corsHeaders(request),
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': 'content-type,authorization,x-access-token',
          'Access-Control-Max-Age': '600',
        }
      : { Vary: 'Origin' },
  });
};

export const methodNotAllowed = (allow: string, headers: Record<string, string> = {}): Response =>
  jsonResponse(
    405,
    { errors: [{ message: `Method not allowed; use ${allow}` }] },
    { ...headers, Allow: allow },
  );
