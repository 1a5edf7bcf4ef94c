// `npm run package`: fresh Chromium and Firefox builds, the Firefox one linted by web-ext, each
// zipped into packages/<target>-<version>.zip (deterministic: the same source gives the same bytes),
// plus packages/store-listing/ (listing.md and the screenshots from docs/screenshots/) and SHA256SUMS.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OUT_DIRS } from './lib/manifest-transform';
import { type PackageTarget, packageDirectory, packageFileName } from './lib/package-files';
import { renderStoreListing } from './lib/store-listing';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'packages');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

const run = (command: string, args: readonly string[]) =>
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

const main = () => {
  const { version } = readJson(join(ROOT, 'package.json')) as { version: string };

  console.log('Building for Chromium…');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  console.log('Building for Firefox…');
  run('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn']);
  run('node', ['scripts/lint-firefox.mjs']);

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  const targets: readonly [PackageTarget, string][] = [
    ['chromium', OUT_DIRS.chromium],
    ['firefox', OUT_DIRS.firefox],
  ];
  const written: string[] = [];
  for (const [target, dir] of targets) {
    const built = readJson(join(ROOT, dir, 'manifest.json')) as { version: string };
    if (built.version !== version)
      throw new Error(`${dir}/manifest.json is ${built.version}, package.json ${version}`);
    const { zip, names } = packageDirectory(join(ROOT, dir));
    const name = packageFileName(target, version);
    writeFileSync(join(OUT, name), zip);
    written.push(name);
    console.log(`${name}: ${names.length} files, ${(zip.length / 1024).toFixed(1)} kB`);
  }

  const listingDir = join(OUT, 'store-listing');
  mkdirSync(listingDir, { recursive: true });
  const screenshots = existsSync(SCREENSHOTS)
    ? readdirSync(SCREENSHOTS)
        .filter((f) => /\.(png|jpe?g)$/i.test(f))
        .sort()
    : [];
  if (screenshots.length > 0) {
    mkdirSync(join(listingDir, 'screenshots'));
    for (const f of screenshots) cpSync(join(SCREENSHOTS, f), join(listingDir, 'screenshots', f));
  }
  const messages = readJson(join(ROOT, 'public', '_locales', 'en', 'messages.json'));
  writeFileSync(
    join(listingDir, 'listing.md'),
    renderStoreListing({
      name: messages.extName.message,
      shortDescription: messages.extDescription.message,
      version,
      manifest: readJson(join(ROOT, OUT_DIRS.chromium, 'manifest.json')),
      screenshots,
    }),
  );

  // `biome check .` (npm test) also reads packages/; keep the generated Markdown in its format.
  run('npx', ['biome', 'format', '--write', '--no-errors-on-unmatched', join(listingDir, 'listing.md')]);

  const sums = written
    .map(
      (name) =>
        `${createHash('sha256')
          .update(readFileSync(join(OUT, name)))
          .digest('hex')}  ${name}`,
    )
    .join('\n');
  writeFileSync(join(OUT, 'SHA256SUMS'), `${sums}\n`);
  console.log(`\n${sums}\n\nWrote ${OUT}/ (store-listing/listing.md, ${screenshots.length} screenshot(s)).`);
};

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
