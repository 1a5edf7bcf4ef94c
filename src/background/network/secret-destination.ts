import browser from 'webextension-polyfill';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';

/** Whether the browser lets the extension reach this exact origin (`permissions.contains`). */
export type HostAccessCheck = (origin: string) => Promise<boolean>;

/** The browser's own answer; the default wherever a secret is sent, so no caller can skip it. */
export const browserHostAccess: HostAccessCheck = (origin) =>
  browser.permissions.contains({ origins: [`${origin}/*`] });

/**
 * The last check before a request that carries a secret (a Git token or the Codefresh API key)
 * leaves the worker, whoever asked for it: the URL must be https, carry no `user:pass@`, and the
 * browser must grant host access to that exact origin. Without a grant the worker's fetch would
 * still go out as a CORS request, which GitHub, GitLab and Codefresh answer, so the popup's prompt
 * alone does not keep a secret from a host the user never allowed (SECURITY.md, Network).
 */
export const assertSecretDestination = async (
  url: string,
  hasHostAccess: HostAccessCheck = browserHostAccess,
): Promise<void> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppFailure('destination-not-https', text('secretDestinationNotHttps', [url.slice(0, 100)]));
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
    throw new AppFailure('destination-not-https', text('secretDestinationNotHttps', [parsed.host]));
  }
  const granted = await hasHostAccess(parsed.origin).catch(() => false);
  if (!granted) {
    throw new AppFailure('host-access-missing', text('secretDestinationNoAccess', [parsed.origin]));
  }
};
