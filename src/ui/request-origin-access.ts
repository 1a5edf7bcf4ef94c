import browser from 'webextension-polyfill';
import { type AppError, isAppFailure } from '../shared/errors';
import { platformOriginFrom } from '../shared/platform-origin';
import { t } from './i18n';

/**
 * Reads an https address the user typed and asks the browser for access to it, all inside the
 * click: the prompt only shows while the click's user activation lasts, so nothing is awaited
 * before the request. Calls `granted(origin)` or `failed(error)`.
 */
export const requestOriginAccess = (
  typed: string,
  granted: (origin: string) => void | Promise<void>,
  failed: (error: AppError) => void,
): void => {
  let origin: string;
  try {
    origin = platformOriginFrom(typed);
  } catch (failure) {
    if (isAppFailure(failure)) failed(failure.appError);
    return;
  }
  void browser.permissions
    .request({ origins: [`${origin}/*`] })
    .then((ok) =>
      ok
        ? granted(origin)
        : failed({ code: 'host-access-refused', message: t('platformAccessRefused', origin) }),
    );
};
