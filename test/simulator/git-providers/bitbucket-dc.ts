import type { FetchHandler } from '../types';
import { forMethod, json, preflight, readAuthorization } from './http';
import { findSeed, type SeedToken } from './seed-tokens';

/** Bitbucket Data Center (`https://HOST/rest/api/1.0`), docs/git-provider-contracts.md §7 and §13 BDC1–BDC2. */
export interface BitbucketDcHostOptions {
  readonly host: string;
}

const PREFIX = '/rest/api/1.0';

const AUTH_FAILED = {
  errors: [
    {
      context: null,
      message: 'Authentication failed. Please check your credentials and try again.',
      exceptionName: 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
    },
  ],
};

const PROPERTIES = {
  version: '8.19.3',
  buildNumber: '8019003',
  buildDate: '1718000000000',
  displayName: 'Bitbucket',
};

type Auth =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'user'; readonly seed: SeedToken };

/** Bearer works for every token kind; Basic `username:token` only for personal tokens (§7.1). */
const authenticate = (request: Request, host: string): Auth => {
  const auth = readAuthorization(request);
  if (auth.scheme === 'none') return { kind: 'anonymous' };
  if (auth.scheme === 'token') return { kind: 'failed' };
  const seed = findSeed(auth.token, host);
  // An expired token fails authentication like a wrong one [inferred].
  if (!seed || seed.behaviour === 'bad-credentials' || seed.behaviour === 'expired')
    return { kind: 'failed' };
  if (auth.scheme === 'basic' && auth.user.toLowerCase() !== seed.login.toLowerCase())
    return { kind: 'failed' };
  return { kind: 'user', seed };
};

export const createBitbucketDcHost =
  (o: BitbucketDcHostOptions): FetchHandler =>
  async (request) => {
    if (request.method === 'OPTIONS') return preflight();
    const url = new URL(request.url);
    const path = url.pathname.startsWith(PREFIX)
      ? url.pathname.slice(PREFIX.length).replace(/\/+$/, '')
      : null;
    const auth = authenticate(request, o.host);
    if (auth.kind === 'failed') return forMethod(request, json(401, AUTH_FAILED)); // BDC2: no X-AUSERNAME
    if (auth.kind === 'user' && auth.seed.behaviour === 'rate-limited-429') {
      // Atlassian, "Improving instance stability with rate limiting": 429 with Retry-After.
      const limited = json(429, {
        errors: [{ context: null, message: 'Too many requests', exceptionName: null }],
      });
      limited.headers.set('Retry-After', '60');
      return forMethod(request, limited);
    }
    if (auth.kind === 'user' && auth.seed.behaviour === 'server-error') {
      return forMethod(
        request,
        json(500, { errors: [{ context: null, message: 'Internal server error', exceptionName: null }] }),
      );
    }
    // Every authenticated answer carries X-AUSERNAME, "even a request that returns a 404" (§7.2).
    const who: Record<string, string> =
      auth.kind === 'user' ? { 'X-AUSERNAME': auth.seed.login, 'X-AUSERID': String(auth.seed.userId) } : {};
    if (path === '/application-properties') return forMethod(request, json(200, PROPERTIES, who)); // BDC1
    if (auth.kind === 'anonymous') return forMethod(request, json(401, AUTH_FAILED));
    return forMethod(
      request,
      json(
        404,
        { errors: [{ context: null, message: 'Not found', exceptionName: 'NoSuchResourceException' }] },
        who,
      ),
    );
  };
