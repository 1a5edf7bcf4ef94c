import browser from 'webextension-polyfill';
import type englishMessages from '../../public/_locales/en/messages.json';

/** A message name that exists in the English catalogue; `tsc` rejects any other. */
export type MessageKey = keyof typeof englishMessages;

/**
 * The catalogue's message for any name (one built at run time too), or '' when there is none.
 * The one place that calls `getMessage`; substitutions fill `$1`…`$9` in order.
 */
export const lookup = (key: string, substitutions: readonly (string | number)[] = []): string =>
  browser.i18n.getMessage(key, substitutions.map(String));

/**
 * Words shown to people come from `_locales` in every context, the worker included: they can be
 * translated, and the worker's bundle carries message names instead of sentences
 * (docs/performance.md). Falls back to the key, so a missing translation still shows something
 * traceable.
 */
export const text = (key: MessageKey, substitutions: readonly (string | number)[] = []): string =>
  lookup(key, substitutions) || key;
