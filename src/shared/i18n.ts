import browser from 'webextension-polyfill';
import type englishMessages from '../../public/_locales/en/messages.json';

/** A message name that exists in the English catalogue; `tsc` rejects any other. */
export type MessageKey = keyof typeof englishMessages;

/**
 * Words shown to people come from `_locales` in every context, the worker included: they can be
 * translated, and the worker's bundle carries message names instead of sentences
 * (docs/performance.md). Substitutions fill the message's `$1`…`$9` placeholders in order.
 * Falls back to the key, so a missing translation still shows something traceable.
 */
export const text = (key: MessageKey, substitutions: readonly (string | number)[] = []): string =>
  browser.i18n.getMessage(key, substitutions.map(String)) || key;
