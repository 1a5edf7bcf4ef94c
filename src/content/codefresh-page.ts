// Runs on Codefresh platform pages. It only reads the page and reports context to the worker: the
// runtime names in view and the one under the pointer at the last right-click. It never receives a
// token, a vault record or an API key, and it sends nothing else.
//
// It uses the `chrome` namespace directly (Chromium and Firefox both provide it) and imports nothing,
// so the build emits no shared chunks that would have to be exposed to the page as web-accessible
// resources (which would let the page detect the extension).

const MAX_NAMES = 200;
const MAX_NAME_LENGTH = 253;

const cleanName = (text: string | null | undefined): string | null => {
  const name = (text ?? '').replace(/\s+/g, ' ').trim();
  return name.length > 0 && name.length <= MAX_NAME_LENGTH ? name : null;
};

/** On the runtimes list every row is a runtime, so its "Name" column names one. */
const onRuntimesList = () => /^\/2\.0\/account-settings\/runtimes(?:\/|$)/.test(location.pathname);

/**
 * Index of the column that names runtimes: headed "Runtime" (the Git token settings table), or
 * "Name" on the runtimes list page; -1 when the table is about something else.
 */
const runtimeColumn = (table: HTMLTableElement): number => {
  const headers = Array.from(table.querySelectorAll('thead th, tr:first-child th')).map((th) =>
    (th.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
  const index = headers.findIndex((text) => /\bruntime\b/i.test(text));
  if (index >= 0 || !onRuntimesList()) return index;
  return headers.findIndex((text) => /^name$/i.test(text));
};

const nameInRow = (row: Element): string | null => {
  const table = row.closest('table');
  if (!table) return null;
  const column = runtimeColumn(table);
  if (column < 0) return null;
  const cell = (row as HTMLTableRowElement).cells?.[column];
  return cleanName(cell?.textContent);
};

const runtimeNamesInView = (): string[] => {
  const names = new Set<string>();
  for (const table of Array.from(document.querySelectorAll('table'))) {
    if (runtimeColumn(table) < 0) continue;
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
      const name = nameInRow(row);
      if (name) names.add(name);
      if (names.size >= MAX_NAMES) break;
    }
  }
  return [...names];
};

let focusedRuntime: string | undefined;

const report = () => {
  const payload: { url: string; runtimeNames: string[]; focusedRuntime?: string } = {
    url: location.href,
    runtimeNames: runtimeNamesInView(),
  };
  if (focusedRuntime) payload.focusedRuntime = focusedRuntime;
  chrome.runtime.sendMessage({ type: 'page/report', payload }).catch(() => {
    // The worker may be restarting; the next change or right-click reports again.
  });
};

// Right-click: remember the runtime of the row under the pointer before the menu opens, so the
// "Add saved token to <runtime>" item can name it. The report must arrive before the click on the
// menu item, and it does: the menu takes a human (or a test) at least one more event to use.
document.addEventListener(
  'contextmenu',
  (event) => {
    const row = (event.target as Element | null)?.closest?.('tr');
    focusedRuntime = (row && nameInRow(row)) ?? undefined;
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
