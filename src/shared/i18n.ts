import type englishMessages from '../../public/_locales/en/messages.json';

/** A message name that exists in the English catalogue; `tsc` rejects any other. */
export type MessageKey = keyof typeof englishMessages;

/** The browser's `i18n.getMessage`, or a stand-in with the same contract. */
export type GetMessage = (key: string, substitutions: string[]) => string;

// Shared code uses no browser API, so each context hands in the browser's lookup when it starts
// (src/background/browser/browser-i18n.ts for the worker, src/ui/i18n.ts for the pages). Until then every
// lookup is '' and `text()` shows the key.
let getMessage: GetMessage = () => '';

/** Called once per context, before anything is shown. */
export const setMessageSource = (source: GetMessage): void => {
  getMessage = source;
};

/**
 * The catalogue's message for any name (one built at run time too), or '' when there is none.
 * The one place that calls `getMessage`; substitutions fill `$1`…`$9` in order.
 */
export const lookup = (key: string, substitutions: readonly (string | number)[] = []): string =>
  getMessage(key, substitutions.map(String));

/**
 * Words shown to people come from `_locales` in every context, the worker included: they can be
 * translated, and the worker's bundle carries message names instead of sentences
 * (docs/performance.md). Falls back to the key, so a missing translation still shows something
 * traceable.
 */
export const text = (key: MessageKey, substitutions: readonly (string | number)[] = []): string =>
  lookup(key, substitutions) || key;
