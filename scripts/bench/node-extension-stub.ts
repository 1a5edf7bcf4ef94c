/**
 * The vault bench runs the worker's vault in Node, where webextension-polyfill refuses to load
 * (it checks for an extension runtime). The vault touches the browser only for the wording of its
 * errors (`text()` → `i18n.getMessage`), which no timing here reads, so a runtime id and an empty
 * catalogue are all it needs. Imported first, before anything that loads the polyfill.
 */
const stub = { runtime: { id: 'node-vault-bench' }, i18n: { getMessage: () => '' } };
const scope = globalThis as { chrome?: unknown; browser?: unknown };
scope.chrome ??= stub;
scope.browser ??= stub;
