/// <reference types="vitest/config" />

import { readFileSync } from 'node:fs';
import { type CrxPlugin, crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import sourceManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { buildTargetOf, OUT_DIRS, toFirefoxManifest } from './scripts/lib/manifest-transform.js';
import { popupLaterChunk } from './scripts/lib/popup-chunks.js';

// The source manifest carries a placeholder version; the shipped one comes from package.json
// so that the stores, the packages and the About line always agree.
const manifest = { ...sourceManifest, version: pkg.version };

/**
 * `vite build --mode firefox` (npm run build:firefox) writes dist-firefox/ from the same source:
 * crxjs renders the Chromium manifest, then this plugin rewrites it for Firefox. It must run after
 * crxjs's own loader plugin (`enforce: 'post'`), which would otherwise set `background` back to a
 * service worker.
 */
const firefoxManifest = (): CrxPlugin => ({
  name: 'firefox-manifest',
  enforce: 'post',
  renderCrxManifest: (rendered) => toFirefoxManifest(rendered as never),
});

/**
 * crxjs copies icons, locales and the files it bundles, but not `storage.managed_schema`; Chromium
 * refuses to load an extension whose schema file is missing. Emitted as is (after a JSON parse, so
 * a broken schema fails the build rather than the install).
 */
const managedSchema = (): Plugin => ({
  name: 'managed-schema',
  generateBundle() {
    const fileName = sourceManifest.storage.managed_schema;
    const source = readFileSync(fileName, 'utf8');
    JSON.parse(source);
    this.emitFile({ type: 'asset', fileName, source });
  },
});

/**
 * A third-party script shipped byte for byte at a fixed path, for code that imports it by that
 * path only where it is needed (webcrypto-shim: src/background/vault/webcrypto-ready.ts).
 */
const vendorScript = (from: string, fileName: string): Plugin => ({
  name: 'vendor-script',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName, source: readFileSync(from, 'utf8') });
  },
});

export default defineConfig(({ mode }) => {
  const target = buildTargetOf(mode, process.env);
  return {
    plugins: [
      preact(),
      crx({ manifest: manifest as never, browser: 'chrome' }),
      managedSchema(),
      vendorScript('node_modules/webcrypto-shim/webcrypto-shim.js', 'vendor/webcrypto-shim.js'),
      ...(target === 'firefox' ? [firefoxManifest()] : []),
    ],
    publicDir: 'public',
    build: {
      target: 'es2022',
      outDir: OUT_DIRS[target],
      emptyOutDir: true,
      sourcemap: false,
      // The popup pays for every kilobyte on each open; keep chunk names stable for the bench.
      modulePreload: { polyfill: false },
      // The popup's views that load on first use go into one chunk (scripts/lib/popup-chunks.ts).
      rolldownOptions: {
        // Required with includeDependenciesRecursively: false; entries keep their exports.
        preserveEntrySignatures: 'allow-extension',
        output: {
          codeSplitting: {
            groups: [
              {
                debugName: 'popup-later',
                name: (id, ctx) => popupLaterChunk(id, ctx),
                // Only what popupLaterChunk names: the views' shared imports stay where they are.
                includeDependenciesRecursively: false,
              },
            ],
          },
        },
      },
    },
    test: {
      include: ['test/unit/**/*.test.{ts,tsx}', 'test/simulator/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['test/unit/setup.ts'],
      server: { deps: { inline: ['zustand'] } },
      testTimeout: 20_000,
    },
  };
});
