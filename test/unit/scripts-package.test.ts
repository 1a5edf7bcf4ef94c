import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sourceManifest from '../../manifest.json' with { type: 'json' };
import {
  exclusionReason,
  isShippable,
  packageDirectory,
  packageEntries,
  packageFileName,
} from '../../scripts/lib/package-files';
import {
  HOST_REASONS,
  OPTIONAL_HOST_REASONS,
  PERMISSION_REASONS,
  renderStoreListing,
} from '../../scripts/lib/store-listing';

/** Entry names from a ZIP's central directory, read independently of the writer. */
const zipNames = (zip: Buffer): string[] => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
};

describe('the package file filter', () => {
  it.each([
    'manifest.json',
    'service-worker-loader.js',
    'assets/index.ts-AbCd1234.js',
    'assets/secret-field-DH7qQy8m.css',
    '_locales/en/messages.json',
    'icons/icon-128.png',
    'src/popup/index.html',
    'managed_schema.json',
    // Names that merely contain "test" ship.
    'assets/latest-Ab12Cd34.js',
    'assets/contest.json',
  ])('ships %s', (name) => {
    expect(exclusionReason(name)).toBeNull();
  });

  it.each([
    ['assets/index.ts-AbCd1234.js.map', 'source map'],
    ['assets/popup.css.map', 'source map'],
    ['assets/vault.test.js', 'test file'],
    ['src/a.spec.ts', 'test file'],
    ['flow.e2e.test.mjs', 'test file'],
    ['test/fixture.json', 'test folder'],
    ['src/__tests__/x.js', 'test folder'],
    ['.vite/manifest.json', 'hidden file or folder (.vite/, .DS_Store)'],
    ['icons/.DS_Store', 'hidden file or folder (.vite/, .DS_Store)'],
    ['old.zip', 'package, key or log'],
    ['key.pem', 'package, key or log'],
  ])('keeps out %s (%s)', (name, why) => {
    expect(isShippable(name)).toBe(false);
    expect(exclusionReason(name)).toBe(why);
  });
});

describe('packaging a build directory', () => {
  let dir: string;
  const put = (name: string, text: string) => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pkg-'));
    put('manifest.json', '{"manifest_version":3}');
    put('service-worker-loader.js', "import './assets/bg.js';\n");
    put('assets/bg.js', 'console.log(1);\n');
    put('assets/bg.js.map', '{}');
    put('assets/bg.test.js', 'test();');
    put('test/fixture.json', '{}');
    put('.vite/manifest.json', '{}');
    put('icons/icon-16.png', 'png');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('zips only what ships, in sorted order, and the listing matches', () => {
    const { zip, names } = packageDirectory(dir);
    const expected = ['assets/bg.js', 'icons/icon-16.png', 'manifest.json', 'service-worker-loader.js'];
    expect(names).toEqual(expected);
    expect(zipNames(zip)).toEqual(expected);
  });

  it('gives the same bytes twice', () => {
    expect(packageDirectory(dir).zip.equals(packageDirectory(dir).zip)).toBe(true);
  });

  it('refuses a script that still points at a source map', () => {
    put('assets/bg.js', 'console.log(1);\n//# sourceMappingURL=bg.js.map\n');
    expect(() => packageEntries(dir)).toThrow(/assets\/bg\.js references a source map/);
  });

  it('refuses a directory without a manifest', () => {
    rmSync(join(dir, 'manifest.json'));
    expect(() => packageEntries(dir)).toThrow(/no manifest\.json/);
  });
});

describe('package names', () => {
  it('carry the target and the version', () => {
    expect(packageFileName('chromium', '0.1.0')).toBe('chromium-0.1.0.zip');
    expect(packageFileName('firefox', '1.2.3-rc.1')).toBe('firefox-1.2.3-rc.1.zip');
    expect(() => packageFileName('firefox', '../x')).toThrow(/not a version/);
  });
});

describe('the store listing', () => {
  const input = {
    name: 'Git Token Manager for Codefresh',
    shortDescription: 'Check a token once.',
    version: '0.1.0',
    manifest: sourceManifest,
    screenshots: ['popup.png'],
  };

  it('justifies every permission and host the manifest asks for', () => {
    for (const p of sourceManifest.permissions) expect(PERMISSION_REASONS[p]).toBeTruthy();
    for (const h of sourceManifest.host_permissions) expect(HOST_REASONS[h]).toBeTruthy();
    for (const h of sourceManifest.optional_host_permissions) expect(OPTIONAL_HOST_REASONS[h]).toBeTruthy();
    const listing = renderStoreListing(input);
    for (const item of [
      ...sourceManifest.permissions,
      ...sourceManifest.host_permissions,
      ...sourceManifest.optional_host_permissions,
    ]) {
      expect(listing).toContain(`- \`${item}\`: `);
    }
    expect(listing).toContain('screenshots/popup.png');
  });

  it('fails on a permission nobody justified', () => {
    const manifest = { ...sourceManifest, permissions: [...sourceManifest.permissions, 'tabs'] };
    expect(() => renderStoreListing({ ...input, manifest })).toThrow(/permission tabs/);
  });

  it('fails on a short description the stores would cut', () => {
    expect(() => renderStoreListing({ ...input, shortDescription: 'x'.repeat(133) })).toThrow(/132/);
  });
});
