/**
 * Code the bench runs inside Chromium pages, kept as plain JavaScript source: tsx's transform adds
 * helpers (such as `__name`) to TypeScript functions that do not exist in the page, so functions
 * handed to Playwright from here would fail there.
 */

/**
 * Installed in every page before its scripts run (context.addInitScript). On extension pages it
 * watches the DOM and records `performance.now()` (ms since navigation start) the first time the
 * page is interactive:
 * - the popup: the detected runtime picked, its token state shown and the token field focusable;
 * - the blank page (`<html data-bench-blank>`): its one field focusable.
 * The blank page also loads this script itself (`bench-blank.js`, first thing in its head): a page
 * that small is often parsed before Playwright has attached to the new tab.
 */
export const probeScript = (detectedRuntime: string): string => `(() => {
  if (location.protocol !== 'chrome-extension:' || window.__benchProbe !== undefined) return;
  const detected = ${JSON.stringify(detectedRuntime)};
  function focusable(el) {
    return el instanceof HTMLInputElement && !el.disabled && el.getClientRects().length > 0;
  }
  function ready() {
    if (!focusable(document.getElementById('git-token'))) return false;
    if (document.documentElement.dataset.benchBlank !== undefined) return true;
    const picker = document.getElementById('runtime-picker');
    const facts = document.querySelector('.focused-facts');
    return picker instanceof HTMLSelectElement && picker.value === detected && facts !== null &&
      facts.querySelector('.badge:not(.pending)') !== null && facts.querySelector('.muted') !== null;
  }
  // Playwright may attach to a new tab after its document was parsed, so this can run late. That
  // is fine as long as the page is not ready yet: performance.now() counts from navigation start
  // whenever it is read. A page already ready cannot be timed; it is marked and opened again.
  if (ready()) {
    window.__benchProbe = 'late';
    return;
  }
  window.__benchProbe = true;
  const observer = new MutationObserver(check);
  let timer;
  function check() {
    if (window.__benchReadyAt !== undefined || !ready()) return;
    window.__benchReadyAt = performance.now();
    observer.disconnect();
    clearInterval(timer);
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  // Layout can lag the last DOM change (a page with no script has no later mutation): from
  // DOMContentLoaded on, also look every 2 ms until ready.
  function poll() {
    check();
    if (window.__benchReadyAt === undefined) timer = setInterval(check, 2);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', poll);
  else poll();
})()`;

/**
 * Installed in every page of the 200-runtime run. On the popup it records `performance.now()` when
 * the first `first` runtime rows show a token state (`__benchFirstRowsAt`) and when all `total` do
 * (`__benchAllRowsAt`). A row's state is shown when its badge is not the "checking" placeholder.
 */
export const rowsProbeScript = (total: number, first: number): string => `(() => {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/popup/index.html')) return;
  if (window.__benchRowsProbe !== undefined) return;
  function shown() {
    return document.querySelectorAll('ul.runtimes > li .badge:not(.pending)').length;
  }
  if (shown() >= ${first}) {
    window.__benchRowsProbe = 'late';
    return;
  }
  window.__benchRowsProbe = true;
  const observer = new MutationObserver(check);
  function check() {
    const n = shown();
    if (window.__benchFirstRowsAt === undefined && n >= ${first}) window.__benchFirstRowsAt = performance.now();
    if (n >= ${total}) {
      window.__benchAllRowsAt = performance.now();
      observer.disconnect();
    }
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})()`;

/**
 * An expression that resolves to the ms from the next click's event to the moment the Results
 * region lists `n` outcomes (rejects after `limitMs`).
 */
export const resultsAfterNextClick = (
  n: number,
  limitMs: number,
): string => `new Promise((resolve, reject) => {
  let clickedAt;
  function shown() {
    const region = document.querySelector('[aria-labelledby="results-heading"]');
    if (!region) return false;
    return region.querySelectorAll('ul.results > li.ok, ul.results > li.bad').length >= ${n};
  }
  const observer = new MutationObserver(() => {
    if (clickedAt === undefined || !shown()) return;
    observer.disconnect();
    clearTimeout(timer);
    resolve(performance.now() - clickedAt);
  });
  const timer = setTimeout(() => {
    observer.disconnect();
    reject(new Error('the ${n} results did not appear within ${limitMs} ms'));
  }, ${limitMs});
  document.addEventListener('click', (event) => { clickedAt = event.timeStamp; }, { capture: true, once: true });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})`;

/**
 * An expression that validates `token` once with the worker (`token/validate`, as the popup does)
 * and then sends one `token/apply` per runtime, in turn; resolves to `{ ms }` for the applies or
 * `{ error }`.
 */
export const sequentialApplies = (token: string, names: readonly string[]): string => `(async () => {
  const names = ${JSON.stringify(names)};
  function ask(type, payload) { return chrome.runtime.sendMessage({ type, payload }); }
  const validated = await ask('token/validate', { token: ${JSON.stringify(token)}, runtimeName: names[0] });
  const draftId = validated && validated.ok ? validated.value.draftId : undefined;
  if (!draftId) return { error: 'validate: ' + (validated && validated.error ? validated.error.message : 'no answer') };
  const start = performance.now();
  for (const name of names) {
    const answer = await ask('token/apply', { source: { kind: 'draft', draftId }, runtimeNames: [name], keep: true });
    const result = answer && answer.ok ? answer.value.results[0] : undefined;
    if (!result || !result.ok) return { error: 'apply to ' + name + ': ' + (answer && answer.error ? answer.error.message : 'not added') };
  }
  return { ms: performance.now() - start };
})()`;
