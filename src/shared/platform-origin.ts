import { toHttpsOrigin } from './app-proxy-origin';
import { AppFailure } from './errors';
import { text } from './i18n';

/**
 * A self-hosted platform address as the user typed it, reduced to its origin. Only https, and only
 * an address: a path or query would mean the user pasted a page, not the platform.
 */
export const platformOriginFrom = (raw: string): string => {
  const typed = raw.trim().replace(/\/+$/, '');
  if (/^http:\/\//i.test(typed)) throw new AppFailure('platform-url-not-https', text('platformUrlNotHttps'));
  const origin = toHttpsOrigin(typed);
  if (!origin || !/^https:\/\//i.test(typed) || new URL(typed).pathname.replace(/\/+$/, '') !== '') {
    throw new AppFailure('platform-url-invalid', text('platformUrlInvalid'));
  }
  return origin;
};
