/**
 * Which known runtime a piece of page text names. The content script reports the text of the row
 * under a right-click and of the rows in view (it knows neither column headers nor markup, which
 * Codefresh does not publish: docs/platform-contract.md §5); the worker decides here, against the
 * runtimes it listed, so a page can only ever point at a runtime the account really has.
 */

/** Longest row text the content script sends (it cuts at a word boundary) and the worker accepts. */
export const MAX_ROW_TEXT = 300;
/** Most row texts one report carries; 150 × 300 characters stays under the router's message cap. */
export const MAX_ROWS = 150;

const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * True when the character at `i` would continue a runtime name (Kubernetes names: letters, digits,
 * `-`, and `.` between two of those). So `prod` is not found inside `prod-eu`, `eu.prod` or
 * `prod.example.com`, while `prod.` at the end of a sentence and `prod (hosted)` still name it.
 */
const continuesName = (text: string, i: number): boolean => {
  const c = text[i];
  if (c === undefined) return false;
  if (isAlnum(c) || c === '-' || c === '_') return true;
  return c === '.' && isAlnum(text[i - 1]) && isAlnum(text[i + 1]);
};

interface Span {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const occurrences = (text: string, name: string): Span[] => {
  const spans: Span[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (!continuesName(text, at - 1) && !continuesName(text, end)) spans.push({ name, start: at, end });
  }
  return spans;
};

/**
 * The one runtime `text` names as a whole word (case as written: runtime names are lowercase
 * Kubernetes names), or null when it names none or several. Where one match lies inside a longer
 * one, the longer wins. Text over {@link MAX_ROW_TEXT} is not a row and names nothing.
 */
export const runtimeNamedBy = (text: string, runtimeNames: readonly string[]): string | null => {
  if (text.length === 0 || text.length > MAX_ROW_TEXT) return null;
  const spans = [...new Set(runtimeNames)]
    .filter((name) => name.length > 0 && name.length <= text.length)
    .flatMap((name) => occurrences(text, name));
  const kept = spans.filter(
    (s) => !spans.some((o) => o.name.length > s.name.length && o.start <= s.start && s.end <= o.end),
  );
  const named = new Set(kept.map((s) => s.name));
  return named.size === 1 ? [...named][0]! : null;
};

/** The known runtimes the page's rows name, each row naming at most one; the first MAX_ROWS rows count. */
export const runtimesNamedByRows = (
  rowTexts: readonly string[],
  runtimeNames: readonly string[],
): string[] => {
  const found = new Set<string>();
  for (const row of rowTexts.slice(0, MAX_ROWS)) {
    const name = runtimeNamedBy(row, runtimeNames);
    if (name) found.add(name);
  }
  return [...found];
};
