// The popup's first paint loads only the views every open needs; the rest (src/popup/views/lazy-view.tsx)
// are chunks of their own, fetched on first use (docs/performance.md, "popup JS"). This reads both
// builds and fails when a split-off view is pulled back into what the popup loads up front, for
// example by a static import added somewhere in the entry's graph. Runs in the e2e step because it
// reads dist/ and dist-firefox/ (global-setup builds them when missing).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryJs, htmlScripts } from '../../scripts/bench/sizes';
import { DIST_FIREFOX } from './firefox/firefox-extension';
import { DIST } from './harness';

const SRC = resolve(import.meta.dirname, '../../src');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

const sources = sourcesUnder(SRC).map((path) => ({ path, code: readFileSync(path, 'utf8') }));

/** Every view the popup loads with `lazyView(() => import('./…'))`, as a source path. */
const lazyViews = [
  ...new Set(
    sources.flatMap(({ path, code }) =>
      [...code.matchAll(/lazyView\(\s*\(\)\s*=>\s*import\('(\.[^']+)'\)/g)].map(([, spec]) =>
        resolve(path, '..', `${spec}.tsx`),
      ),
    ),
  ),
];

const keysIn = (code: string) =>
  new Set([...code.matchAll(/\bt(?:Or)?\('([A-Za-z0-9_]+)'/g)].map(([, k]) => k!));

const quoted = (key: string) => new RegExp(`[\`'"]${key}[\`'"]`);

/**
 * Message keys that one lazy view uses and no other source file names (as a key or any other
 * string): if such a key shows up in the popup's up-front JavaScript, that view's code came with it.
 */
const markerKeys = (view: string): string[] => {
  const own = keysIn(sources.find((s) => s.path === view)!.code);
  const others = sources.filter((s) => s.path !== view);
  return [...own].filter((k) => !others.some((s) => quoted(k).test(s.code)));
};

describe.each([
  ['Chromium', DIST],
  ['Firefox', DIST_FIREFOX],
])('the %s popup bundle', (_, dir) => {
  const popupHtml: string = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).action.default_popup;
  const sizes = { popup: entryJs(dir, htmlScripts(dir, popupHtml)) };
  const eager = sizes.popup.files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const lazy = sizes.popup.lazyFiles.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

  it('finds the split-off views and a key that only each one uses', () => {
    expect(lazyViews.map((p) => p.slice(SRC.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'popup/views/api-key-form.tsx',
        'popup/views/apply-results.tsx',
        'popup/views/leaked-token.tsx',
        'popup/views/oauth-panel.tsx',
        'popup/views/saved-tokens.tsx',
      ]),
    );
    for (const view of lazyViews) expect(markerKeys(view), view).not.toEqual([]);
  });

  it('loads none of them up front: each is in a chunk reached only through import()', () => {
    expect(sizes.popup.files).not.toEqual([]);
    expect(sizes.popup.lazyFiles).not.toEqual([]);
    for (const view of lazyViews) {
      for (const key of markerKeys(view)) {
        expect(quoted(key).test(eager), `${key} (${view}) in the popup's up-front JS`).toBe(false);
        expect(quoted(key).test(lazy), `${key} (${view}) in a lazy chunk`).toBe(true);
      }
    }
  });

  it('ships the lazy chunks as files of the package, imported by relative path', () => {
    for (const file of sizes.popup.lazyFiles) {
      expect(file).toMatch(/^assets\/[\w.-]+\.js$/);
      expect(eager + lazy).toContain(`./${file.slice('assets/'.length)}`);
    }
  });
});
