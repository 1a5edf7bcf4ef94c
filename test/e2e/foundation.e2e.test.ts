import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, type ExtensionSession, launchExtension } from './harness';

describe('the built extension in Chromium', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('starts its service worker from the built loader', () => {
    expect(session.worker.url()).toBe(session.extensionUrl('service-worker-loader.js'));
  });

  it('renders the popup with data that came from the worker', async () => {
    const popup = await session.openPopup();
    await expect
      .poll(() => popup.getByRole('heading', { level: 1 }).textContent())
      .toBe('Git Token Manager for Codefresh');
    // The API key form appears only once the worker has answered `status/get` with no account.
    await expect.poll(() => popup.getByLabel('Codefresh API key').count()).toBe(1);
    await popup.close();
  });

  it('ships webcrypto-shim as a file that loads as a module and leaves native WebCrypto working', async () => {
    // The worker imports it only where WebCrypto is prefixed (vault/webcrypto-ready.ts), which no
    // browser running this extension is; this checks the shipped copy would work if it were.
    expect(existsSync(join(DIST, 'vendor/webcrypto-shim.js'))).toBe(true);
    const page = await session.openPopup();
    // A string, not a function: vitest rewrites `import()` inside test code for Node.
    const outcome = await page.evaluate(`(async () => {
      const before = crypto.subtle;
      await import(${JSON.stringify(session.extensionUrl('vendor/webcrypto-shim.js'))});
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
      return { sameSubtle: crypto.subtle === before, digestBytes: digest.byteLength };
    })()`);
    expect(outcome).toEqual({ sameSubtle: true, digestBytes: 32 });
    await page.close();
  });

  it('logs no page errors and no console errors while doing so', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleEntries.filter((e) => e.type === 'error')).toEqual([]);
  });
});
