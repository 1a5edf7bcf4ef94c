// What goes into a store package, as pure rules the packager (scripts/package.ts) and its unit test
// share. The build writes no source maps and no tests, but a package is the last gate before a
// store review, so the packager filters anyway and refuses a build that still points at a map.
import { createZip, filesUnder, type ZipEntry } from './zip';

export type PackageTarget = 'chromium' | 'firefox';

/** `chromium-0.1.0.zip`: the target and package.json's version, so two releases never collide. */
export const packageFileName = (target: PackageTarget, version: string): string => {
  if (!/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`not a version: ${version}`);
  return `${target}-${version}.zip`;
};

const EXCLUDED: readonly { readonly test: RegExp; readonly why: string }[] = [
  { test: /\.map$/i, why: 'source map' },
  { test: /(?:^|\/)[^/]+\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/i, why: 'test file' },
  { test: /(?:^|\/)(?:__tests__|__snapshots__|test|tests)\//i, why: 'test folder' },
  { test: /(?:^|\/)\./, why: 'hidden file or folder (.vite/, .DS_Store)' },
  { test: /\.(?:zip|xpi|crx|pem|log)$/i, why: 'package, key or log' },
];

/** Why `name` (a forward-slash path inside the build) stays out of the package, or null if it ships. */
export const exclusionReason = (name: string): string | null =>
  EXCLUDED.find(({ test }) => test.test(name))?.why ?? null;

export const isShippable = (name: string): boolean => exclusionReason(name) === null;

/** The files of `dir` that ship, sorted; throws when a shipped script still names a source map. */
export const packageEntries = (dir: string): ZipEntry[] => {
  const entries = filesUnder(dir).filter(({ name }) => isShippable(name));
  if (!entries.some(({ name }) => name === 'manifest.json')) throw new Error(`${dir} has no manifest.json`);
  for (const { name, data } of entries) {
    if (/\.(?:m?js|css)$/.test(name) && /[#@] sourceMappingURL=/.test(Buffer.from(data).toString('utf8'))) {
      throw new Error(`${name} references a source map; build with sourcemap: false`);
    }
  }
  return entries;
};

/** The ZIP of a build directory: deterministic (sorted names, fixed timestamps). */
export const packageDirectory = (
  dir: string,
): { readonly zip: Buffer; readonly names: readonly string[] } => {
  const entries = packageEntries(dir);
  return { zip: createZip(entries), names: entries.map(({ name }) => name) };
};
