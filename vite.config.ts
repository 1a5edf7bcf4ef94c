/// <reference types="vitest/config" />
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import sourceManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// The source manifest carries a placeholder version; the shipped one comes from package.json
// so that the stores, the packages and the About line always agree.
const manifest = { ...sourceManifest, version: pkg.version };

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as never, browser: 'chrome' })],
  publicDir: 'public',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The popup pays for every kilobyte on each open; keep chunk names stable for the bench.
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/simulator/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    server: { deps: { inline: ['zustand'] } },
    testTimeout: 20_000,
  },
});
