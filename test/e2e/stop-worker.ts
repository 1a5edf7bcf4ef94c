import type { CDPSession } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Stops the extension's running service worker version, as Chromium does to an idle worker.
 * Chromium 156 headless stops an extension worker through the page CDP session's ServiceWorker
 * domain (`stopWorker` with the running version id).
 */
export const stopServiceWorker = async (cdp: CDPSession) => {
  const versions: { versionId: string; scriptURL: string; runningStatus: string }[] = [];
  const onUpdate = (event: { versions: typeof versions }) => versions.push(...event.versions);
  cdp.on('ServiceWorker.workerVersionUpdated', onUpdate);
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => versions.some((v) => v.runningStatus === 'running')).toBe(true);
  const running = versions.filter(
    (v) => v.runningStatus === 'running' && v.scriptURL.startsWith('chrome-extension://'),
  );
  for (const version of running) await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
  // Seen stopped at least once: the popup may wake the worker again right after (it reloads the
  // runtime states when an add fails), so the latest status can already be 'starting' or 'running'.
  await expect
    .poll(() =>
      versions.some((v) => running.some((r) => r.versionId === v.versionId) && v.runningStatus === 'stopped'),
    )
    .toBe(true);
  cdp.off('ServiceWorker.workerVersionUpdated', onUpdate);
};
