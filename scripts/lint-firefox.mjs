#!/usr/bin/env node
// `web-ext lint` on dist-firefox/ (build it first: `npm run build:firefox`). Mozilla's own linter
// is the only thing that validates a Firefox package before a store or an admin sees it.
//
// Fails on any error and on any warning that is not listed in KNOWN_WARNINGS below (each with the
// reason it is acceptable; docs/firefox.md explains them for people). Notices are printed only.
// Runs offline: the linter's rules and Firefox schemas ship inside the package, and the API call
// below skips the CLI's update check (the only part of web-ext lint that would reach a network).
// Linted as AMO-listed (no --self-hosted), the stricter of the two modes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webExt from 'web-ext';

const ROOT = resolve(import.meta.dirname, '..');
const sourceDir = resolve(process.argv[2] ?? join(ROOT, 'dist-firefox'));

/** Warnings that are understood and accepted; anything else fails the step. */
const KNOWN_WARNINGS = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "Preact's renderer assigns innerHTML only for dangerouslySetInnerHTML, which src/ never uses (checked here).",
    matches: (w) =>
      /innerHTML/.test(w.message) &&
      readChunk(w.file).includes('dangerouslySetInnerHTML') &&
      sourcesUsing(/dangerouslySetInnerHTML|\.innerHTML\b|outerHTML|insertAdjacentHTML/).length === 0,
  },
];

const readChunk = (file) => {
  const path = join(sourceDir, file ?? '');
  return file && existsSync(path) ? readFileSync(path, 'utf8') : '';
};

/** Files under src/ whose text matches `pattern` (the acceptance of innerHTML above relies on none). */
const sourcesUsing = (pattern) =>
  readdirSync(join(ROOT, 'src'), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .filter((f) => pattern.test(readFileSync(join(ROOT, 'src', f), 'utf8')));

if (!existsSync(join(sourceDir, 'manifest.json'))) {
  console.error(`No manifest.json in ${sourceDir}: run \`npm run build:firefox\` first.`);
  process.exit(1);
}

const result = await webExt.cmd.lint({ sourceDir, output: 'none' }, { shouldExitProgram: false });

const where = (m) => (m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '');
const known = [];
const unknown = [];
for (const w of result.warnings) {
  const rule = KNOWN_WARNINGS.find((k) => k.code === w.code && k.matches(w));
  (rule ? known : unknown).push({ w, rule });
}

for (const e of result.errors) console.error(`error   ${e.code}: ${e.message}${where(e)}`);
for (const { w } of unknown)
  console.error(`warning ${w.code}: ${w.message}${where(w)} [not a known warning]`);
for (const { w, rule } of known) console.log(`warning ${w.code}${where(w)}: known. ${rule.why}`);
for (const n of result.notices) console.log(`notice  ${n.code}: ${n.message}${where(n)}`);

const { errors, warnings, notices } = result.summary;
console.log(
  `web-ext lint ${sourceDir}: ${errors} errors, ${warnings} warnings (${known.length} known), ${notices} notices`,
);
if (errors > 0 || unknown.length > 0) {
  console.error('Fix the errors and warnings above, or list a warning in scripts/lint-firefox.mjs with why.');
  process.exit(1);
}
