import browser from 'webextension-polyfill';
import { lookup, setMessageSource } from '../shared/i18n';

// Every page that shows words imports this module, so the pages' lookup is set before they render.
setMessageSource((key, substitutions) => browser.i18n.getMessage(key, substitutions));
// Screen readers pick their voice, and the browser its hyphenation, from <html lang>: it names the
// catalogue the browser chose, which is not always the browser's own language.
if (globalThis.document) document.documentElement.lang = lookup('languageTag') || 'en';

/**
 * Looks up a string in `_locales` by a name the page may build at run time (`tokenState_${kind}`).
 * Falls back to the key so a missing translation shows something readable instead of an empty
 * control.
 */
export const t = (key: string, substitutions?: string | string[]): string =>
  lookup(key, substitutions === undefined ? [] : [substitutions].flat()) || key;

/** Like `t`, but answers `fallback` when the key has no translation (e.g. a code from a server). */
export const tOr = (key: string, fallback: string): string => lookup(key) || fallback;
