import type { FetchHandler } from '../types';
import {
  epochSeconds,
  forMethod,
  githubExpiry,
  type HeaderMap,
  json,
  preflight,
  readAuthorization,
} from './http';
import { githubRevoke, type Revocations } from './revocation';
import { findSeed, type SeedToken } from './seed-tokens';

/**
 * GitHub.com (`https://api.github.com`) and GitHub Enterprise Server (`https://HOST/api/v3`),
 * answering with the shapes of docs/git-provider-contracts.md §13 GH1–GH12 and GHES1.
 */
export interface GitHubHostOptions {
  readonly host: string;
  /** `''` for api.github.com, `/api/v3` for GHES. */
  readonly apiPrefix: string;
  /** GHES: adds `X-GitHub-Enterprise-Version`, sends no rate-limit headers (§4). */
  readonly enterprise: boolean;
  readonly now: () => number;
  /** Requests counted per token, for `X-RateLimit-Remaining`. */
  readonly usage: Map<string, number>;
  /** Tokens revoked through `POST /credentials/revoke` (revocation.ts), and its rate limit. */
  readonly revocations: Revocations;
}

const DOCS = 'https://docs.github.com/rest';

/** The observed `Access-Control-Expose-Headers` (§1.2): the expiration header is deliberately absent. */
export const GITHUB_EXPOSE_HEADERS =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';

export const SSO_URL = 'https://github.com/orgs/acme/sso?authorization_request=ABC';

/** Every seeded repository is private: classic tokens need `repo`, fine-grained ones access (§3). */
const canSeeRepo = (seed: SeedToken): boolean =>
  seed.scopes === null
    ? seed.repoAccess === undefined || seed.repoAccess === 'write' || seed.repoAccess === 'read'
    : seed.scopes.includes('repo');

export const createGitHubHost = (o: GitHubHostOptions): FetchHandler => {
  let requestCounter = 0;

  const base = (): HeaderMap => ({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': GITHUB_EXPOSE_HEADERS,
    'X-GitHub-Request-Id': `SIM:${(++requestCounter).toString(16).toUpperCase()}`,
    'X-GitHub-Media-Type': 'github.v3; format=json',
    ...(o.enterprise ? { 'X-GitHub-Enterprise-Version': '3.19.0' } : {}),
  });

  const rateLimit = (key: string): HeaderMap => {
    if (o.enterprise) return {};
    const used = (o.usage.get(key) ?? 0) + 1;
    o.usage.set(key, used);
    return {
      'X-RateLimit-Limit': '5000',
      'X-RateLimit-Remaining': String(Math.max(0, 5000 - used)),
      'X-RateLimit-Used': String(used),
      'X-RateLimit-Reset': String(epochSeconds(o.now()) + 3600),
      'X-RateLimit-Resource': 'core',
    };
  };

  const tokenHeaders = (seed: SeedToken): HeaderMap => ({
    ...(seed.scopes ? { 'X-OAuth-Scopes': seed.scopes.join(', '), 'X-Accepted-OAuth-Scopes': '' } : {}),
    ...(seed.expiresAt
      ? { 'GitHub-Authentication-Token-Expiration': githubExpiry(seed.expiresAt, seed.expiryFormat ?? 'utc') }
      : {}),
  });

  const badCredentials = (key: string): Response =>
    json(
      401,
      { message: 'Bad credentials', documentation_url: DOCS, status: '401' },
      { ...base(), ...rateLimit(key) },
    );

  /** Answers that depend only on the token's behaviour, whatever the path (GH5, GH7, GH8, GH11). */
  const byBehaviour = (seed: SeedToken): Response | null => {
    const h = { ...base(), ...tokenHeaders(seed) };
    switch (seed.behaviour) {
      case 'expired':
      case 'revoked':
      case 'bad-credentials':
        return badCredentials(seed.token);
      case 'server-error':
        return json(500, { message: 'Server Error' }, base());
      case 'sso-required':
        return json(
          403,
          {
            message:
              'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
            documentation_url:
              'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
          },
          { ...h, ...rateLimit(seed.token), 'X-GitHub-SSO': `required; url=${SSO_URL}` },
        );
      case 'rate-limited-403':
      case 'rate-limited-429':
        return json(
          seed.behaviour === 'rate-limited-403' ? 403 : 429,
          {
            message: `API rate limit exceeded for user ID ${seed.userId}.`,
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
          },
          {
            ...h,
            'X-RateLimit-Limit': '5000',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Used': '5001',
            'X-RateLimit-Reset': String(epochSeconds(o.now()) + 15 * 60),
            'X-RateLimit-Resource': 'core',
          },
        );
      case 'secondary-rate-limit':
        return json(
          403,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID SIM.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
          { ...h, ...rateLimit(seed.token), 'Retry-After': '60' },
        );
      case 'org-bans-classic':
        return json(
          403,
          {
            message:
              '`acme` forbids access via a personal access token (classic). Please use a GitHub App, OAuth App, or a personal access token with fine-grained permissions.',
            documentation_url: DOCS,
            status: '403',
          },
          { ...h, ...rateLimit(seed.token) },
        );
      case 'app-token':
        return json(
          403,
          { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' },
          { ...base(), ...rateLimit(seed.token) },
        );
      default:
        return null;
    }
  };

  const user = (seed: SeedToken) => ({
    login: seed.login,
    id: seed.userId,
    node_id: `MDQ6VXNlcj${seed.userId}`,
    type: 'User',
    site_admin: false,
    name: seed.login === 'octocat' ? 'Mona' : seed.login,
    email: null,
  });

  const route = (seed: SeedToken, method: string, path: string): Response => {
    const h = { ...base(), ...tokenHeaders(seed), ...rateLimit(seed.token) };
    if (path === '/user') return json(200, user(seed), h);
    if (path === '/' || path === '') {
      // `HEAD {api}` is how Codefresh's CLI reads X-OAuth-Scopes (docs/platform-contract.md §4).
      return json(200, { current_user_url: `https://${o.host}${o.apiPrefix}/user` }, h);
    }
    const notFound = () => json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' }, h);
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/.+$/.exec(path);
    if (contents && method === 'PUT') {
      // GH9/GH10: a content-less PUT is a write probe: 403 without Contents write, 422 with it [O/I].
      if (!canSeeRepo(seed)) return notFound();
      if (seed.scopes === null && seed.repoAccess !== 'write') {
        return json(
          403,
          {
            message: 'Resource not accessible by personal access token',
            documentation_url: DOCS,
            status: '403',
          },
          { ...h, 'X-Accepted-GitHub-Permissions': 'contents=write' },
        );
      }
      return json(
        422,
        { message: 'Invalid request.\n\n"content" wasn\'t supplied.', documentation_url: DOCS },
        h,
      );
    }
    const repo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path);
    if (repo && method !== 'POST') {
      // GH12. Private repos need `repo` for classic tokens; a fine-grained token sees only the
      // repositories it was given, and none of a private organization's until it is approved (§3).
      if (!canSeeRepo(seed)) return notFound();
      return json(
        200,
        {
          full_name: `${repo[1]}/${repo[2]}`,
          private: true,
          permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
        },
        h,
      );
    }
    return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' }, h);
  };

  return async (request) => {
    if (request.method === 'OPTIONS') return preflight();
    const url = new URL(request.url);
    if (!url.pathname.startsWith(o.apiPrefix)) {
      return json(404, { message: 'Not Found', documentation_url: DOCS }, base());
    }
    const path = url.pathname.slice(o.apiPrefix.length).replace(/\/+$/, '') || '/';
    const auth = readAuthorization(request);
    const revoking = request.method === 'POST' && path === '/credentials/revoke';
    // GitHub.com's revocation is unauthenticated; GHES 3.19+ authenticates it like any call (§15).
    if (revoking && !o.enterprise) {
      return githubRevoke(
        o.revocations,
        request,
        { host: o.host, now: o.now(), authenticatedBy: null },
        base(),
      );
    }
    // GitHub accepts `token` and `Bearer` for PATs (§2.2).
    if (auth.scheme !== 'token' && auth.scheme !== 'bearer') {
      return forMethod(
        request,
        json(401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' }, base()),
      );
    }
    const seed = findSeed(auth.token, o.host);
    if (!seed) return forMethod(request, badCredentials(`unknown:${auth.token.slice(-4)}`));
    // A revoked token is a bad credential from then on (GH4).
    if (o.revocations.revoked.has(seed.token)) return forMethod(request, badCredentials(seed.token));
    if (revoking) {
      return githubRevoke(
        o.revocations,
        request,
        { host: o.host, now: o.now(), authenticatedBy: seed.token },
        base(),
      );
    }
    return forMethod(request, byBehaviour(seed) ?? route(seed, request.method, path));
  };
};
