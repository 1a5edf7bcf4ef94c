// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_ROW_TEXT, MAX_ROWS } from '../../../src/shared/runtime-in-text';

interface Report {
  rowTexts: string[];
  focusedText?: string;
}

/** Loads the content script on a page with `html` at `url`, recording what it reports. */
const loadOn = async (url: string, html: string) => {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.body.innerHTML = html;
  const reports: Report[] = [];
  vi.stubGlobal('chrome', {
    runtime: {
      sendMessage: async (message: { payload: Report }) => {
        reports.push(message.payload);
        return { ok: true, value: { received: true } };
      },
    },
  });
  vi.resetModules();
  await import('../../../src/content/codefresh-page.ts' as string);
  return reports;
};

/**
 * A right-click as the browser delivers it. happy-dom marks every dispatched event untrusted, as a
 * browser does for events a page script dispatches; the browser's own input events are trusted.
 */
const rightClick = (target: Element, trusted = true) => {
  const event = new MouseEvent('contextmenu', { bubbles: true });
  if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
};

const settled = () => new Promise((r) => setTimeout(r, 400));

const SETTINGS = 'https://g.codefresh.io/2.0/user-settings';

/** The documented columns of the Git PAT page: Name | Token (docs/platform-contract.md §5). */
const NAME_TOKEN_TABLE = `<table><thead><tr><th><span>Name</span></th><th>Token</th></tr></thead><tbody>
  <tr><td><div><span> production </span></div></td><td>••••a1b2 <button>Delete Token</button></td></tr>
  <tr><td><a href="#"><b>staging</b></a></td><td><button>+Add Token</button></td></tr></tbody></table>`;

/** The same page as an ARIA grid of divs: no <table> anywhere. */
const ARIA_GRID = `<div role="grid" aria-label="Git Personal Access Tokens">
  <div role="row"><div role="columnheader">Name</div><div role="columnheader">Token</div></div>
  <div role="row"><div role="gridcell"><span>production</span></div><div role="gridcell">••••a1b2 <button>Delete Token</button></div></div>
  <div role="row"><div role="gridcell"><span>staging</span></div><div role="gridcell"><button>+Add Token</button></div></div>
</div>`;

describe('the content script on Codefresh pages', () => {
  afterEach(async () => {
    // Every loaded copy of the script still observes the page: let the reports this clean-up
    // causes reach the stub before it goes, or they would fire into a page with no `chrome`.
    document.body.innerHTML = '';
    await settled();
    vi.unstubAllGlobals();
  });

  it.each([
    ['a Name | Token table', NAME_TOKEN_TABLE],
    ['an ARIA grid without <table>', ARIA_GRID],
  ])('reports the text of every row of %s, whatever the header says', async (_layout, html) => {
    const reports = await loadOn(SETTINGS, html);
    expect(reports[0]?.rowTexts).toEqual([
      'Name Token',
      'production ••••a1b2 Delete Token',
      'staging +Add Token',
    ]);
    expect(reports[0]).not.toHaveProperty('url');
  });

  it.each([
    ['a Name | Token table', NAME_TOKEN_TABLE],
    ['an ARIA grid without <table>', ARIA_GRID],
  ])('reports the text of the right-clicked row in %s', async (_layout, html) => {
    const reports = await loadOn(SETTINGS, html);
    rightClick(document.querySelectorAll('button')[1]!);
    expect(reports.at(-1)?.focusedText).toBe('staging +Add Token');
  });

  it('uses list items, and else the largest block around the target that stays within the cap', async () => {
    const filler = `<p>${'Some explanation of tokens. '.repeat(20)}</p>`;
    const reports = await loadOn(
      SETTINGS,
      `<ul><li><span>edge</span> <button>+Add Token</button></li></ul>
       <section>${filler}<div class="card"><div class="title">sandbox</div><div><button>+Add Token</button></div></div></section>`,
    );
    rightClick(document.querySelectorAll('button')[0]!);
    expect(reports.at(-1)?.focusedText).toBe('edge +Add Token');
    rightClick(document.querySelectorAll('button')[1]!);
    expect(reports.at(-1)?.focusedText).toBe('sandbox +Add Token');
  });

  it('ignores a contextmenu event the page dispatched (not trusted)', async () => {
    const reports = await loadOn(SETTINGS, NAME_TOKEN_TABLE);
    const before = reports.length;
    rightClick(document.querySelectorAll('button')[1]!, false);
    expect(reports.length).toBe(before);
    expect(reports.every((r) => r.focusedText === undefined)).toBe(true);
  });

  it('caps a row at a word boundary and the report at the row limit', async () => {
    const long = `staging ${'word '.repeat(100)}`;
    const rows = Array.from({ length: MAX_ROWS + 20 }, (_, i) => `<tr><td>runtime-${i}</td></tr>`).join('');
    const reports = await loadOn(SETTINGS, `<table><tbody><tr><td>${long}</td></tr>${rows}</tbody></table>`);
    const first = reports[0]!.rowTexts[0]!;
    expect(first.length).toBeLessThanOrEqual(MAX_ROW_TEXT);
    expect(first.startsWith('staging word')).toBe(true);
    expect(first.endsWith(' word')).toBe(true);
    expect(reports[0]!.rowTexts).toHaveLength(MAX_ROWS);
  });

  it('keeps its limits equal to the worker’s (it imports nothing, so it holds a copy)', () => {
    const source = readFileSync(
      resolve(import.meta.dirname, '../../../src/content/codefresh-page.ts'),
      'utf8',
    );
    expect(source).toContain(`const MAX_ROW_TEXT = ${MAX_ROW_TEXT};`);
    expect(source).toContain(`const MAX_ROWS = ${MAX_ROWS};`);
  });

  it('reports again when the page re-renders its rows', async () => {
    const reports = await loadOn(SETTINGS, NAME_TOKEN_TABLE);
    document.querySelector('tbody')!.innerHTML = '<tr><td>production</td></tr><tr><td>sandbox</td></tr>';
    await settled();
    expect(reports.at(-1)?.rowTexts).toEqual(['Name Token', 'production', 'sandbox']);
  });
});
