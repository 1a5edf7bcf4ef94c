import type { GitApiBase, RevokeCapability, RevokeRequest } from '../types';

const HEADERS = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };

/**
 * GitHub's credential revocation, `POST /credentials/revoke` with `{"credentials": [token]}`, 202 when
 * accepted (docs.github.com/en/rest/credentials/revoke). On GitHub.com and GitHub Enterprise Cloud it
 * is unauthenticated, 60 requests an hour, and "any authenticated requests will return a 403"; on
 * GitHub Enterprise Server 3.19+ the same path under `/api/v3` is authenticated
 * (docs.github.com/en/enterprise-server@3.19/rest/credentials/revoke). docs/git-provider-contracts.md §15.
 */
const request =
  (authenticated: (api: GitApiBase) => boolean) =>
  (api: GitApiBase, token: string): RevokeRequest => ({
    path: '/credentials/revoke',
    method: 'POST',
    headers: {
      ...HEADERS,
      'Content-Type': 'application/json',
      ...(authenticated(api) ? { Authorization: `token ${token}` } : {}),
    },
    body: { credentials: [token] },
  });

const capability = (authenticated: (api: GitApiBase) => boolean): RevokeCapability => ({
  kind: 'api',
  request: request(authenticated),
  accepted: [202],
  // The endpoint answers for credentials the caller does not own, so it never says "not yours" or
  // "already revoked": there is no such status to read.
  alreadyInvalid: [],
  page: (webOrigin) => `${webOrigin}/settings/tokens`,
});

/** GitHub.com: never authenticated. */
export const githubRevoke = capability(() => false);

/** GHE.com follows GitHub Enterprise Cloud (unauthenticated) [I]; a Server (`isCloud: false`) wants the token. */
export const githubEnterpriseRevoke = capability((api) => !api.isCloud);
