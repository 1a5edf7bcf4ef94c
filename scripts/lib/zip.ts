// ZIP archives for the store packages, written by fflate (a small, widely used, dependency-free
// library) rather than by hand. What we add is only what makes an archive reproducible: entries in
// the order given and one fixed timestamp, so the same dist/ always gives the same bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type ZipOptions, zipSync } from 'fflate';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

// 1980-01-01 00:00, the earliest DOS date. fflate reads it back with local-time getters (DOS times are
// local time), so it is built from local fields at each call: the same bytes in every time zone.
const options = (): ZipOptions => ({ level: 9, mtime: new Date(1980, 0, 1, 0, 0, 0) });

// fflate takes the entries as a plain object: JavaScript puts integer-like keys ("7", "404") first
// whatever order they were added in, and a "__proto__" key would not be an entry at all. No build
// file is named so; refuse one rather than reorder or lose it.
const UNKEEPABLE_NAME = /^(?:0|[1-9]\d*|__proto__)$/;

export const createZip = (entries: readonly ZipEntry[]): Buffer => {
  const opts = options();
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const { name, data } of entries) {
    if (UNKEEPABLE_NAME.test(name)) throw new Error(`cannot keep "${name}" as given in a ZIP: rename it`);
    if (Object.hasOwn(files, name)) throw new Error(`"${name}" is in the ZIP twice`);
    files[name] = [data, opts];
  }
  const zip = zipSync(files, opts);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
};

/** Every file under `dir`, sorted, with forward-slash names relative to it. */
export const filesUnder = (dir: string): ZipEntry[] => {
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const path = join(d, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  return walk(dir).map((path) => ({
    name: relative(dir, path).split(sep).join('/'),
    data: readFileSync(path),
  }));
};
