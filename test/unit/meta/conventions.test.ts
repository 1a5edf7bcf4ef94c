// Conventions that check themselves (issue 23 point 4): shared code stays free of browser APIs, and a
// message lives in the file its type's prefix names, so a newcomer finds `vault/lock` in vault.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allEvents, allMessages } from '../../../src/shared/messages';

const ROOT = join(import.meta.dirname, '../../..');
const SHARED = join(ROOT, 'src/shared');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });

/** Code without its comments, so a comment may still name `browser.storage` to explain a design. */
const withoutComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('src/shared uses no browser API', () => {
  const files = sourceFiles(SHARED);

  it('finds the shared sources', () => {
    expect(files.map((f) => relative(SHARED, f))).toEqual(
      expect.arrayContaining(['i18n.ts', 'messages/index.ts']),
    );
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))(
    '%s imports no webextension-polyfill and calls no chrome./browser.',
    (_, file) => {
      const code = withoutComments(readFileSync(file, 'utf8'));
      expect(code).not.toMatch(/['"]webextension-polyfill['"]/);
      expect(code).not.toMatch(/\b(?:chrome|browser)\s*\.\s*[A-Za-z]/);
      expect(code).not.toMatch(/\bglobalThis\s*\.\s*(?:chrome|browser)\b/);
    },
  );

  it('the check itself sees a call that a comment does not hide', () => {
    expect(withoutComments('// browser.i18n is read elsewhere\nconst x = 1;')).not.toMatch(/browser\./);
    expect(withoutComments("const url = 'https://x'; browser.i18n.getMessage('k');")).toMatch(/browser\./);
  });
});

describe('a message is defined in the file its type prefix names', () => {
  const modules = import.meta.glob<Record<string, unknown>>('../../../src/shared/messages/*.ts', {
    eager: true,
  });

  /** Every exported message spec, with the file that exports it. */
  const specs = Object.entries(modules).flatMap(([path, exports]) =>
    Object.values(exports).flatMap((value) => {
      const spec = value as { type?: unknown; payload?: unknown };
      return typeof spec?.type === 'string' && spec.payload !== undefined
        ? [{ type: spec.type, file: basename(path, '.ts') }]
        : [];
    }),
  );

  it('finds every message the worker routes, each exported once', () => {
    expect(specs.map(({ type }) => type).sort()).toEqual(allMessages.map(({ type }) => type).sort());
  });

  it.each(specs.map(({ type, file }) => [type, file]))('%s is in messages/%s.ts', (type, file) => {
    const prefix = type.split('/')[0];
    expect(file).toBe(prefix);
  });

  /** Every exported broadcast spec (`defineEvent`: a type and no payload schema), with its file. */
  const events = Object.entries(modules).flatMap(([path, exports]) =>
    Object.entries(exports).flatMap(([name, value]) => {
      const spec = value as { type?: unknown; payload?: unknown };
      return typeof spec?.type === 'string' && !('payload' in spec) && name !== 'default'
        ? [{ type: spec.type, file: basename(path, '.ts') }]
        : [];
    }),
  );

  it('finds every broadcast the worker sends, each exported once', () => {
    expect(events.map(({ type }) => type).sort()).toEqual(allEvents.map(({ type }) => type).sort());
  });

  it.each(events.map(({ type, file }) => [type, file]))('broadcast %s is in messages/%s.ts', (type, file) => {
    expect(file).toBe(type.split('/')[0]);
  });
});

describe('no file in src/ is over 300 lines', () => {
  const MAX_LINES = 300;

  const lineCount = (file: string) => readFileSync(file, 'utf8').split('\n').length - 1;
  const files = sourceFiles(join(ROOT, 'src')).map((file) => ({
    path: relative(ROOT, file),
    lines: lineCount(file),
  }));

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  // No exceptions left: create-services.ts and popup/store.ts were split along their seams (issue 23).
  it.each(files.map((f) => [f.path, f.lines]))('%s has at most 300 lines', (_, lines) => {
    expect(lines).toBeLessThanOrEqual(MAX_LINES);
  });
});
