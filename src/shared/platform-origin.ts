import { toHttpsOrigin } from './app-proxy-origin';
import { AppFailure } from './errors';

/**
 * A self-hosted platform address as the user typed it, reduced to its origin. Only https, and only
 * an address: a path or query would mean the user pasted a page, not the platform.
 */
export const platformOriginFrom = (raw: string): string => {
  const text = raw.trim().replace(/\/+$/, '');
  const origin = toHttpsOrigin(text);
  if (!origin || !/^https:\/\//i.test(text) || new URL(text).pathname.replace(/\/+$/, '') !== '') {
    throw new AppFailure(
      'platform-url-invalid',
      'Enter the https address of your Codefresh platform only, for example https://codefresh.example.com.',
    );
  }
  return origin;
};
