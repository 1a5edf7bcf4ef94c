// Runs on Codefresh platform pages. It only reads the page and reports context to the worker: the
// text of the rows in view and of the row under the pointer at the last right-click. Which runtime
// a text names is decided by the worker, against the runtimes it listed (src/shared/runtime-in-text.ts).
// It never receives a token, a vault record or an API key, and it sends nothing else.
//
// Codefresh does not publish the page's markup, and the documented columns are "Name | Token"
// (docs/platform-contract.md §5), so nothing here depends on a column header or on <table>.
//
// It uses the `chrome` namespace directly (Chromium and Firefox both provide it) and imports nothing,
// so the build emits no shared chunks that would have to be exposed to the page as web-accessible
// resources (which would let the page detect the extension).

// The same limits as MAX_ROW_TEXT and MAX_ROWS in src/shared/runtime-in-text.ts (a test holds them equal).
const MAX_ROW_TEXT = 300;
const MAX_ROWS = 150;

/** Elements that are one row of a list or grid, whatever the markup. */
const ROW_SELECTOR = 'tr, [role="row"], [role="listitem"], li';

/**
 * The element's text with a space between text nodes (table cells and grid cells sit side by side
 * with no whitespace between them, so `textContent` would glue "production" to the next cell),
 * whitespace collapsed, and collection stopped once past `limit` characters.
 */
const collectText = (element: Element, limit: number): string => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node && text.length <= limit; node = walker.nextNode()) {
    const piece = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (piece) text = text ? `${text} ${piece}` : piece;
  }
  return text;
};

/** The row's text, cut to the cap at a word boundary: half a name could look like a shorter one. */
const rowText = (element: Element): string => {
  const text = collectText(element, MAX_ROW_TEXT);
  if (text.length <= MAX_ROW_TEXT) return text;
  const cut = text.slice(0, MAX_ROW_TEXT + 1);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : '';
};

/**
 * The row under the pointer: the nearest row-like ancestor, else the largest block around the
 * target whose text stays within the cap (on a page of plain divs, usually one entry).
 */
const rowAround = (target: Element): Element | null => {
  const row = target.closest(ROW_SELECTOR);
  if (row) return row;
  let block: Element | null = null;
  for (let node: Element | null = target; node && node !== document.body; node = node.parentElement) {
    if (collectText(node, MAX_ROW_TEXT).length > MAX_ROW_TEXT) break;
    block = node;
  }
  return block;
};

const rowTextsInView = (): string[] => {
  const texts = new Set<string>();
  for (const row of Array.from(document.querySelectorAll(ROW_SELECTOR))) {
    const text = rowText(row);
    if (text) texts.add(text);
    if (texts.size >= MAX_ROWS) break;
  }
  return [...texts];
};

let focusedText: string | undefined;

const report = () => {
  const payload: { rowTexts: string[]; focusedText?: string } = { rowTexts: rowTextsInView() };
  if (focusedText) payload.focusedText = focusedText;
  chrome.runtime.sendMessage({ type: 'page/report', payload }).catch(() => {
    // The worker may be restarting; the next change or right-click reports again.
  });
};

// Right-click: remember the row under the pointer before the menu opens, so the "Add saved token
// to <runtime>" item can name it. Only the user's own right-click counts: a page script can
// dispatch a `contextmenu` event, but not a trusted one.
document.addEventListener(
  'contextmenu',
  (event) => {
    if (!event.isTrusted) return;
    const target = event.target as Element | null;
    const row = typeof target?.closest === 'function' ? rowAround(target) : null;
    focusedText = (row && rowText(row)) || undefined;
    report();
  },
  { capture: true },
);

// The settings page re-renders its rows; report again when the DOM settles.
let pending: ReturnType<typeof setTimeout> | undefined;
new MutationObserver(() => {
  clearTimeout(pending);
  pending = setTimeout(report, 300);
}).observe(document.documentElement, { childList: true, subtree: true });

report();
