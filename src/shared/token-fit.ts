import { resolveGitApiUrl } from './git-api-url';
import type { GitProvider, RuntimeView } from './runtime-types';

/** What a token was checked against: its provider and the Git API URL. */
export interface TokenTarget {
  readonly provider: GitProvider | null;
  readonly apiUrl: string;
}

const normalise = (url: string): string => url.trim().replace(/\/+$/, '').toLowerCase();

/**
 * Two Git API URLs name the same Git API: equal once each provider's own rule has turned them
 * into the base its validator calls (so `https://ghe.example` and `https://ghe.example/api/v3/`
 * agree), compared without case and trailing slashes.
 */
export const sameGitApi = (provider: GitProvider, a: string | null, b: string | null): boolean => {
  if (!a || !b) return false;
  const ra = resolveGitApiUrl(provider, a);
  const rb = resolveGitApiUrl(provider, b);
  if (ra.ok && rb.ok) return normalise(ra.value.apiBase) === normalise(rb.value.apiBase);
  return normalise(a) === normalise(b);
};

/** A token fits a runtime whose integration uses the same provider and Git API it was checked against. */
export const tokenFitsRuntime = (
  token: TokenTarget,
  runtime: Pick<RuntimeView, 'gitProvider' | 'gitApiUrl'>,
): boolean =>
  token.provider !== null &&
  runtime.gitProvider === token.provider &&
  sameGitApi(token.provider, runtime.gitApiUrl, token.apiUrl);

/**
 * A runtime can take a token now: installed, with an app-proxy address, on a provider we support.
 * A missing host permission does not count against it: the Add click asks for it.
 */
export const canTakeTokenNow = (
  runtime: Pick<RuntimeView, 'installationStatus' | 'appProxyOrigin' | 'token'>,
): boolean =>
  runtime.installationStatus === 'COMPLETED' &&
  runtime.appProxyOrigin !== null &&
  !(
    runtime.token.kind === 'unknown' &&
    (runtime.token.reason === 'not-installed' ||
      runtime.token.reason === 'no-host' ||
      runtime.token.reason === 'unsupported-provider')
  );
