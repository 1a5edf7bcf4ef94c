import { descriptorFor } from './registry';
import type { GitApiBase, ProviderDescriptor } from './types';

/** What revoking a saved token involves, read from its provider's descriptor: no request is made. */
export interface RevocationPlan {
  /** "GitHub (github.com)": the provider as the confirmation and the results name it. */
  readonly place: string;
  /** `api`: one request revokes it; `page`: the user revokes it on `page`. */
  readonly how: 'api' | 'page';
  /** The provider's page where a token is revoked by hand (also the way on when the request fails). */
  readonly page: string;
  readonly descriptor: ProviderDescriptor;
  readonly api: GitApiBase;
}

/**
 * The plan for a token of `provider` saved with `apiUrl`, or null when the URL cannot be read. A
 * provider without a `revoke` capability is a `page` plan on its token-creation page, where its
 * tokens are listed too.
 */
export const revocationPlan = (
  provider: Parameters<typeof descriptorFor>[0],
  apiUrl: string,
): RevocationPlan | null => {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return null;
  }
  const descriptor = descriptorFor(provider, url);
  const api = descriptor.resolveApi(url);
  if (!api) return null;
  const revoke = descriptor.revoke;
  return {
    place: `${descriptor.label} (${api.displayHost})`,
    how: revoke?.kind ?? 'page',
    page: revoke ? revoke.page(api.webOrigin) : descriptor.createTokenUrl(api.webOrigin),
    descriptor,
    api,
  };
};
