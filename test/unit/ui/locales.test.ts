import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnknownTokenReason } from '../../../src/shared/runtime-types';
import { englishGetMessage } from '../fake-i18n';

const root = join(import.meta.dirname, '../../..');
const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

describe('English strings', () => {
  it('has every literal key the UI passes to t()', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) {
        if (!messages[match[1]!]) missing.push(`${match[1]} (${file.slice(root.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses only names and placeholders Chromium accepts', () => {
    for (const [name, entry] of Object.entries(messages)) {
      expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      for (const placeholder of Object.keys(entry.placeholders ?? {})) {
        expect(entry.message.toLowerCase()).toContain(`$${placeholder}$`);
      }
    }
  });

  it("numbers each message's substitutions $1, $2, … without gaps, one placeholder each", () => {
    const wrong: string[] = [];
    for (const [name, entry] of Object.entries(messages)) {
      const numbers = Object.values(entry.placeholders ?? {})
        .map((p) => /^\$(\d)$/.exec(p.content)?.[1])
        .map(Number)
        .sort((a, b) => a - b);
      if (numbers.some((n, i) => n !== i + 1)) wrong.push(name);
    }
    expect(wrong).toEqual([]);
  });

  it('fills placeholders in the unit tests the way Chromium does, and refuses a wrong count', () => {
    expect(englishGetMessage('signedInAs', ['Ada', 'acme'])).toBe('Signed in as Ada (acme)');
    expect(englishGetMessage('no-such-message')).toBe('');
    expect(() => englishGetMessage('signedInAs', ['Ada'])).toThrow(/no substitution for \$2/);
    expect(() => englishGetMessage('extName', ['extra'])).toThrow(/1 substitutions given, 0 used/);
  });

  it('covers each token state the popup can show', () => {
    for (const kind of ['none', 'valid', 'invalid', 'unknown'])
      expect(messages[`tokenState_${kind}`]).toBeDefined();
  });

  it('names every reason a runtime can be unavailable', () => {
    const reasons = [
      'not-installed',
      'no-host',
      'no-host-access',
      'app-proxy-down',
      'unreachable',
      'not-there',
      'unsupported-provider',
      'error',
    ] as const satisfies readonly UnknownTokenReason[];
    const missing = reasons.filter((r) => !messages[`tokenReason_${r.replaceAll('-', '_')}`]);
    expect(missing).toEqual([]);
  });
});

type Catalogue = typeof messages;
const localesDir = join(root, 'public/_locales');
const otherLocales = readdirSync(localesDir).filter((name) => name !== 'en');
const catalogueOf = (locale: string) =>
  JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8')) as Catalogue;
/** The `$NAME$` references a message makes, lower-cased as Chromium matches them. */
const references = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
const placeholderContents = (entry: Catalogue[string]) =>
  Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );

/**
 * Messages that read the same in a language as in English (names, codes, loan words). Any other
 * message equal to the English one is an untranslated copy.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  de: [
    'extName',
    'statusSection',
    'versionLine',
    'passphraseLabel',
    'runtimeHeading',
    'scopes',
    'menuResultFailedLine',
    'answeredHttpStatus',
    'policyValueNull',
    'reportStepOk',
    'rotationResultFailed',
  ],
};

describe('every other locale', () => {
  it('exists besides English (German at least)', () => {
    expect(otherLocales).toContain('de');
  });

  describe.each(otherLocales)('%s', (locale) => {
    const catalogue = catalogueOf(locale);

    it('has exactly the keys of English, no more and no fewer', () => {
      const english = Object.keys(messages);
      expect(english.filter((key) => !catalogue[key])).toEqual([]);
      expect(Object.keys(catalogue).filter((key) => !messages[key])).toEqual([]);
    });

    it('gives each message the same placeholders as English, and uses each of them', () => {
      const wrong: string[] = [];
      for (const [key, english] of Object.entries(messages)) {
        const translated = catalogue[key];
        if (!translated) continue;
        const same =
          JSON.stringify(placeholderContents(translated)) === JSON.stringify(placeholderContents(english)) &&
          JSON.stringify(references(translated.message)) === JSON.stringify(references(english.message));
        if (!same) wrong.push(key);
      }
      expect(wrong).toEqual([]);
    });

    it('translates every message that does not read the same in English', () => {
      const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
      const untranslated = Object.entries(catalogue)
        .filter(
          ([key, entry]) =>
            !entry.message.trim() || (entry.message === messages[key]?.message && !allowed.has(key)),
        )
        .map(([key]) => key);
      expect(untranslated).toEqual([]);
    });
  });
});
