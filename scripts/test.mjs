#!/usr/bin/env node
// `npm test`: every check in order, stopping at the first failure, so a red step is never
// hidden behind later output. Order: type-check, lint+format, unit, build, Firefox build and
// web-ext lint, end-to-end (Chromium, and the Firefox build in Firefox ESR).
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-chromium.mjs';
import { ensureFirefox } from './find-firefox.mjs';

const chromePath = ensureChromium();
// The Firefox build is loaded in Firefox ESR by one end-to-end file (test/e2e/firefox.e2e.test.ts).
const firefoxPath = ensureFirefox();

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint and format', 'npx', ['biome', 'check', '.']],
  ['unit tests', 'npx', ['vitest', 'run']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['Firefox build', 'npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn']],
  ['Firefox lint (web-ext)', 'node', ['scripts/lint-firefox.mjs']],
  ['end-to-end tests', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: chromePath, FIREFOX_PATH: firefoxPath },
  });
  if (status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${status}).`);
    process.exit(status ?? 1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\nAll checks passed.');
