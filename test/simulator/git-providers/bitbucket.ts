import type { FetchHandler } from '../types';
import { forMethod, json, preflight, readAuthorization } from './http';
import { findSeed, type SeedToken } from './seed-tokens';

/** Bitbucket Cloud (`https://api.bitbucket.org/2.0`), docs/git-provider-contracts.md §6 and §13 BB1–BB5. */
export interface BitbucketHostOptions {
  readonly host: string;
}

const PREFIX = '/2.0';

const error = (status: number, message: string, extra: Record<string, unknown> = {}): Response =>
  json(status, { type: 'error', error: { message, ...extra } });

const BAD_TOKEN = 'Token is invalid, expired, or not supported for this endpoint.';

/** `X-Credential-Type` values observed (§6.2); the app-password value was not found, so this one is [I]. */
const CREDENTIAL_TYPE: Partial<Record<SeedToken['kind'], string>> = {
  'bitbucket-api-token': 'api_token',
  'bitbucket-access-token': 'repo_access_token',
  'bitbucket-app-password': 'app_password',
};

/**
 * Who may present which credential (§6.1): API tokens with Basic `email:token`, access tokens with
 * Bearer only. App passwords stopped working on 28 July 2026 (§6.1 correction): refused as bad
 * credentials whatever user comes with them.
 */
const authenticate = (request: Request, host: string): SeedToken | null => {
  const auth = readAuthorization(request);
  if (auth.scheme === 'bearer') {
    const seed = findSeed(auth.token, host);
    return seed?.kind === 'bitbucket-access-token' ? seed : null;
  }
  if (auth.scheme === 'basic') {
    const seed = findSeed(auth.token, host);
    if (!seed) return null;
    const user = auth.user.toLowerCase();
    if (seed.kind === 'bitbucket-api-token') return user === seed.email?.toLowerCase() ? seed : null;
  }
  return null;
};

export const createBitbucketHost = (o: BitbucketHostOptions): FetchHandler => {
  const userAnswer = (seed: SeedToken): Response => {
    const scopes = seed.scopes ?? [];
    const headers = {
      'X-OAuth-Scopes': scopes.join(', '),
      ...(CREDENTIAL_TYPE[seed.kind] ? { 'X-Credential-Type': CREDENTIAL_TYPE[seed.kind]! } : {}),
    };
    if (seed.kind === 'bitbucket-access-token') {
      // BB2: an access token is not a user; the scope headers still come back [O].
      const response = error(
        403,
        'This API is only accessible with the following authentication types: session, password, apppassword, api_token',
      );
      for (const [k, v] of Object.entries({
        ...headers,
        'X-RateLimit-Limit': '1000',
        'X-RateLimit-Resource': 'api',
        'X-RateLimit-NearLimit': 'false',
      })) {
        response.headers.set(k, v);
      }
      return response;
    }
    const needed = seed.kind === 'bitbucket-api-token' ? 'read:user:bitbucket' : 'account';
    if (!scopes.includes(needed) && !(needed === 'account' && scopes.includes('account:write'))) {
      // BB3: `detail.granted` is a second way to read the scopes.
      const response = error(403, 'Your credentials lack one or more required privilege scopes.', {
        detail: { granted: scopes, required: [needed] },
      });
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      return response;
    }
    // BB1
    return json(
      200,
      {
        type: 'user',
        uuid: `{5a1c${seed.userId}-0000-4000-8000-00000000${seed.userId}}`,
        account_id: `557058:${seed.userId}`,
        nickname: seed.login,
        display_name: 'Alice',
        links: { html: { href: `https://bitbucket.org/${seed.login}/` } },
      },
      headers,
    );
  };

  return async (request) => {
    if (request.method === 'OPTIONS') return preflight();
    const url = new URL(request.url);
    const path = url.pathname.startsWith(PREFIX)
      ? url.pathname.slice(PREFIX.length).replace(/\/+$/, '')
      : null;
    const seed = authenticate(request, o.host);
    // BB4: "Token is invalid, expired, or not supported" covers an expired API token too.
    if (!seed || seed.behaviour === 'bad-credentials' || seed.behaviour === 'expired')
      return forMethod(request, error(401, BAD_TOKEN));
    if (seed.behaviour === 'rate-limited-429') {
      return forMethod(request, error(429, 'Rate limit for this resource has been exceeded')); // BB5
    }
    if (seed.behaviour === 'server-error') return forMethod(request, error(500, 'Something went wrong'));
    if (path === '/user') return forMethod(request, userAnswer(seed));
    return forMethod(request, error(404, 'Resource not found'));
  };
};
