import browser from 'webextension-polyfill';
import { lookup, setMessageSource } from '../shared/i18n';

// Every page that shows words imports this module, so the pages' lookup is set before they render.
setMessageSource((key, substitutions) => browser.i18n.getMessage(key, substitutions));

/**
 * Looks up a string in `_locales` by a name the page may build at run time (`tokenState_${kind}`).
 * Falls back to the key so a missing translation shows something readable instead of an empty
 * control.
 */
export const t = (key: string, substitutions?: string | string[]): string =>
  lookup(key, substitutions === undefined ? [] : [substitutions].flat()) || key;

/** Like `t`, but answers `fallback` when the key has no translation (e.g. a code from a server). */
export const tOr = (key: string, fallback: string): string => lookup(key) || fallback;
