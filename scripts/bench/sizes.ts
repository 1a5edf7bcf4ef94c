/**
 * Size figures of a production build: the gzip size of all JavaScript an entry loads up front
 * (its static import graph, followed from the HTML or the worker loader), and the packaged zip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageDirectory } from '../lib/package-files';

export interface EntryJs {
  /** Files loaded when the entry starts, relative to the build directory. */
  readonly files: readonly string[];
  readonly gzipBytes: number;
  /** Chunks the entry can import later (`import()`), with their own static imports, not counted above. */
  readonly lazyFiles: readonly string[];
  readonly lazyGzipBytes: number;
}

export const gzipBytes = (data: Uint8Array): number => gzipSync(data, { level: 9 }).length;

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

const resolveIn = (buildDir: string, fromFile: string, specifier: string): string | null => {
  if (specifier.startsWith('/')) return normalize(specifier.slice(1));
  if (specifier.startsWith('.'))
    return normalize(relative(buildDir, join(dirname(join(buildDir, fromFile)), specifier)));
  return null;
};

/** Every JS file reachable from `roots` by static imports; dynamic imports found on the way. */
const staticGraph = (buildDir: string, roots: readonly string[]) => {
  const seen = new Set<string>();
  const dynamic = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    const path = join(buildDir, file);
    if (!existsSync(path)) throw new Error(`${file} is imported but missing from ${buildDir}`);
    seen.add(file);
    const code = readFileSync(path, 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      const target = spec && resolveIn(buildDir, file, spec);
      if (target) queue.push(target);
    }
    for (const [, spec] of code.matchAll(DYNAMIC_IMPORT)) {
      const target = spec && resolveIn(buildDir, file, spec);
      if (target) dynamic.add(target);
    }
  }
  return { files: [...seen], dynamic: [...dynamic] };
};

const sumGzip = (buildDir: string, files: readonly string[]) =>
  files.reduce((n, f) => n + gzipBytes(readFileSync(join(buildDir, f))), 0);

export const entryJs = (buildDir: string, roots: readonly string[]): EntryJs => {
  const eager = staticGraph(buildDir, roots);
  const lazyRoots = eager.dynamic.filter((f) => !eager.files.includes(f));
  const lazy = staticGraph(buildDir, lazyRoots);
  const lazyFiles = lazy.files.filter((f) => !eager.files.includes(f));
  return {
    files: eager.files,
    gzipBytes: sumGzip(buildDir, eager.files),
    lazyFiles,
    lazyGzipBytes: sumGzip(buildDir, lazyFiles),
  };
};

/** The scripts an HTML page of the build loads: module scripts and module preloads. */
export const htmlScripts = (buildDir: string, htmlPath: string): string[] => {
  const html = readFileSync(join(buildDir, htmlPath), 'utf8');
  const found = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map(([, src]) => resolveIn(buildDir, htmlPath, src!));
  return found.filter((f): f is string => f !== null);
};

export interface SizeFigures {
  readonly popup: EntryJs;
  readonly background: EntryJs;
  readonly zipBytes: number;
  readonly zipFiles: number;
}

export const measureSizes = (buildDir: string): SizeFigures => {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8'));
  const popupHtml: string | undefined = manifest.action?.default_popup;
  const workerFile: string | undefined = manifest.background?.service_worker;
  if (!popupHtml || !workerFile) throw new Error('The built manifest names no popup or no service worker');
  const { zip, names } = packageDirectory(buildDir);
  return {
    popup: entryJs(buildDir, htmlScripts(buildDir, popupHtml)),
    background: entryJs(buildDir, [workerFile]),
    zipBytes: zip.length,
    zipFiles: names.length,
  };
};
