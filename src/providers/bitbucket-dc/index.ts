import { selfHostedApiBase } from '../self-hosted-api';
import type { ProviderDescriptor } from '../types';

const SUFFIX = '/rest/api/1.0';

/** Bitbucket Data Center (Server), at `<host>[/<path>]/rest/api/1.0` (cli-v2 provider_bitbucket-server.go, §4). */
export const bitbucketDc = {
  id: 'bitbucket-dc',
  codefresh: 'BITBUCKET_SERVER',
  label: 'Bitbucket Data Center',
  ownsApiUrl: (_host, path) => path.endsWith(SUFFIX),
  resolveApi: (url) => selfHostedApiBase(url, SUFFIX, false),
  // `BBDC-` was only seen as a UI placeholder (§7.1): a hint, never enforced.
  tokenPrefixes: [{ prefix: 'BBDC-', kind: 'bitbucket-dc-unverified', weak: true }],
  scopeFamilies: ['not-checkable'],
  // The user's HTTP access tokens page (Profile → Manage account → HTTP access tokens) [I].
  createTokenUrl: (webOrigin) => `${webOrigin}/plugins/servlet/access-tokens/manage`,
  fallbackCreateTokenUrl:
    'https://confluence.atlassian.com/bitbucketserver091/http-access-tokens-1443038354.html',
  // oauth-setup.md no longer documents Bitbucket OAuth for GitOps (docs/platform-contract.md §1c).
  oauthPath: null,
  needsAccountEmail: false,
  cloudApiUrl: null,
  // Revoking a personal HTTP access token by REST needs its id, which the token does not tell: the
  // user revokes it on the same page (confluence.atlassian.com, Managing HTTP access tokens) [I].
  revoke: { kind: 'page', page: (webOrigin) => `${webOrigin}/plugins/servlet/access-tokens/manage` },
} as const satisfies ProviderDescriptor<'BITBUCKET_SERVER'>;
