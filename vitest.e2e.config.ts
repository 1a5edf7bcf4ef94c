import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real Chromium against the simulator.
// One browser at a time: the machines have two cores and Chromium wants both.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A fresh browser's first runtime list (every app-proxy asked, streamed in) and the page-report
    // intake can take a few seconds on a loaded two-core machine; polls wait for them, not 1 s.
    expect: { poll: { timeout: 10_000 } },
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
