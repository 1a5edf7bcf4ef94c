import browser from 'webextension-polyfill';

/**
 * Looks up a string in `_locales`. Falls back to the key so a missing translation shows
 * something readable instead of an empty control.
 */
export const t = (key: string, substitutions?: string | string[]): string =>
  browser.i18n.getMessage(key, substitutions) || key;

/** Like `t`, but answers `fallback` when the key has no translation (e.g. a code from a server). */
export const tOr = (key: string, fallback: string): string => browser.i18n.getMessage(key) || fallback;
