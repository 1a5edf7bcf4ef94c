import type { ScopePolicy } from '../../shared/scopes';

/**
 * Bitbucket Cloud, as Codefresh's CLI checked user tokens before April 2025 (cli-v2 `f3eebb2e^`,
 * `pkg/git/provider_bitbucket.go` `patScopes`): one scope of each group, read from
 * `x-oauth-scopes` on `HEAD /2.0/user` (docs/platform-contract.md §4). `repository:admin` alone
 * satisfies the first group there, so it is not refused here either.
 */
export const BITBUCKET_LEGACY_SCOPES: ScopePolicy = {
  required: [
    ['repository:admin', 'repository:write'],
    // Atlassian names Account: Read `account` (support.atlassian.com app-password-permissions); the
    // CLI's `account:read` is kept as it wrote it [I].
    ['account', 'account:read', 'account:write'],
    ['team', 'team:write'], // Workspace membership: Read or Write
  ],
  recommended: [
    'webhook', // Codefresh docs list Webhooks: Read and write for the user token, "same as runtime". [docs]
  ],
  // §6.4: repository:write ⇒ repository; pullrequest ⇒ repository; X:write ⇒ X. Admin implies nothing.
  implies: (s) => LEGACY_IMPLIES[s] ?? [],
};

const LEGACY_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  'repository:write': ['repository'],
  pullrequest: ['repository'],
  'pullrequest:write': ['pullrequest', 'repository:write'],
  'account:write': ['account'],
  'team:write': ['team'],
  'project:admin': ['project'],
  project: ['repository'],
  'issue:write': ['issue'],
  'snippet:write': ['snippet'],
  'wiki:write': ['wiki'],
};

/**
 * The same three groups in Atlassian API-token scope names (support.atlassian.com/bitbucket-cloud/docs/
 * api-token-permissions: Repositories Write = `write:repository:bitbucket`, Admin =
 * `admin:repository:bitbucket`; User data Read/Write = `read:user:bitbucket`/`write:user:bitbucket`;
 * Workspaces Read/Admin = `read:workspace:bitbucket`/`admin:workspace:bitbucket`). These names imply
 * nothing: "write … does not imply the read:repository:bitbucket scope" (§6.4).
 */
export const BITBUCKET_API_TOKEN_SCOPES: ScopePolicy = {
  required: [
    ['admin:repository:bitbucket', 'write:repository:bitbucket'],
    ['read:user:bitbucket', 'write:user:bitbucket'],
    ['read:workspace:bitbucket', 'admin:workspace:bitbucket'],
  ],
  recommended: [
    'read:repository:bitbucket', // write does not imply read, and Git fetches need it (§6.4). [I]
  ],
  implies: () => [],
};
