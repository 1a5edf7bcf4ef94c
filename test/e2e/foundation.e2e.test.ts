import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension } from './harness';

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

  it('logs no page errors and no console errors while doing so', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleEntries.filter((e) => e.type === 'error')).toEqual([]);
  });
});
