// Every storage key is declared once (issue 21, "State declared once"): src/background/storage/storage-keys.ts
// names its area, version, parser, writers and lifetime. This scan fails on a key used in src/ that is
// not declared there, a key string written anywhere else, a storage call with a literal key, and a
// declaration without a lifetime.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationOf } from '../../../src/background/storage/storage-clear';
import { DECLARED, STORED } from '../../../src/background/storage/storage-keys';
import { VAULT_SCHEMA_VERSION } from '../../../src/background/vault/vault-migrations';

const ROOT = join(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');
const REGISTRY = 'background/storage/storage-keys.ts';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });

const withoutComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** String literals and the fixed start of template literals (`pageReport.${id}` → `pageReport.`). */
const literalsIn = (code: string): string[] => [
  ...[...code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? ''),
  ...[...code.matchAll(/`([^`$]*)(?:\$\{|`)/g)].map((m) => m[1] ?? ''),
];

/** The first segment of every declared key: a literal starting with one of them looks like a key. */
const NAMESPACES = [...new Set(DECLARED.map((d) => d.key.split('.')[0]!))].filter((n) => n.length > 2);
/** A literal shaped like a storage key: dotted words, or ending in a version (`x.v2`). */
const looksLikeKey = (literal: string) =>
  /^[a-z][A-Za-z]*(\.[A-Za-z0-9]+)*\.v\d+$/.test(literal) ||
  NAMESPACES.some((n) => literal.startsWith(`${n}.`));

/** A storage call whose key is written in place: `.get('k')`, `.remove(['k'])`, `.set({ 'k': … })`, `.set({ k: … })`. */
const LITERAL_KEY_CALL =
  /\b(?:storage|local|session|memory|area|snapshot|cache)\??\s*\.\s*(?:get|set|remove)\(\s*(?:\[\s*)?(?:['"`]|\{\s*(?:['"`]|[A-Za-z_$][\w$]*\s*:))/g;

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  code: withoutComments(readFileSync(path, 'utf8')),
}));

describe('every storage key is declared once, with a lifetime', () => {
  it('declares each key once, with a lifetime, existing writers and a parser', () => {
    for (const entry of DECLARED) {
      const hasLifetime = entry.clearedOn.length > 0 || (entry.keptBecause ?? '').length > 10;
      expect(
        hasLifetime,
        `${entry.key}: cleared on sign-out, platform change, erase, or kept because …`,
      ).toBe(true);
      expect(Number.isInteger(entry.version) && entry.version >= 1, entry.key).toBe(true);
      expect(typeof entry.parse, entry.key).toBe('function');
      expect(entry.writers.length > 0 || entry.noLongerWritten === true, `${entry.key}: who writes it`).toBe(
        true,
      );
      for (const writer of entry.writers)
        expect(existsSync(join(SRC, writer)), `${entry.key}: ${writer}`).toBe(true);
      const overlapping = DECLARED.filter(
        (other) =>
          other !== entry && other.area === entry.area && declarationOf(entry.area, other.key) === entry,
      );
      expect(
        overlapping.map((o) => o.key),
        entry.key,
      ).toEqual([]);
    }
  });

  it("gives the vault's keys the vault's schema version", () => {
    for (const entry of DECLARED.filter((d) => d.vaultOwned))
      expect(entry.version).toBe(VAULT_SCHEMA_VERSION);
  });

  it.each(files.filter((f) => f.path !== REGISTRY).map((f) => [f.path, f.code]))(
    '%s writes no key string of its own and no storage call with a literal key',
    (path, code) => {
      const keyLiterals = literalsIn(code).filter((literal) => {
        // The device key's id in IndexedDB ('device') is an ordinary word; device-key-store.ts reads it from STORED.
        const declared = DECLARED.some((d) => d.key === literal && d.area !== 'indexedDB');
        if (!looksLikeKey(literal) && !declared) return false;
        // The popup cannot import the worker's modules: a key it reads is spelled in one declared file.
        return !DECLARED.some((d) => d.key === literal && d.literalIn === path);
      });
      expect(keyLiterals, 'declare it in src/background/storage/storage-keys.ts and import it').toEqual([]);
      expect(code.match(LITERAL_KEY_CALL) ?? [], 'use readStored/writeStored with a STORED entry').toEqual(
        [],
      );
    },
  );

  it('lets only the declared writers write a key through writeStored', () => {
    for (const { path, code } of files) {
      for (const m of code.matchAll(/writeStored\([^,]+,\s*STORED\.(\w+)/g)) {
        const entry = (STORED as Record<string, (typeof DECLARED)[number]>)[m[1]!];
        expect(entry?.writers, `${path} writes ${m[1]}`).toContain(path);
      }
      for (const m of code.matchAll(/writeStored\([^,]+,\s*([A-Z_]+)\b/g)) {
        const alias = new RegExp(`const ${m[1]} = STORED\\.(\\w+)`).exec(code)?.[1];
        if (!alias) continue;
        expect(STORED[alias as keyof typeof STORED].writers, `${path} writes ${alias}`).toContain(path);
      }
    }
  });

  it('the scan itself catches an undeclared key, a stray copy of a declared one and a literal storage call', () => {
    expect(looksLikeKey('settings.theme.v3')).toBe(true);
    expect(looksLikeKey('vault.someNewThing')).toBe(true);
    expect(looksLikeKey('api.github.com')).toBe(false);
    const planted = ['const k = `pageReport.', '$', "{tab}`; const j = 'ui.lastRuntime';"].join('');
    expect(literalsIn(planted)).toEqual(expect.arrayContaining(['pageReport.', 'ui.lastRuntime']));
    expect("await storage.get('x.v1')".match(LITERAL_KEY_CALL)).not.toBeNull();
    expect('await deps.session?.set({ recent: 1 })'.match(LITERAL_KEY_CALL)).not.toBeNull();
    expect("browser.storage.local.remove(['a'])".match(LITERAL_KEY_CALL)).not.toBeNull();
    expect('await storage.get(STORED.platform.key)'.match(LITERAL_KEY_CALL)).toBeNull();
  });

  it('clears appProxyOverrides.v1 and ui.lastRuntime on a platform change (they name its runtimes)', () => {
    expect(STORED.appProxyOverrides.clearedOn).toContain('platform-change');
    expect(STORED.lastRuntime.clearedOn).toContain('platform-change');
  });
});
