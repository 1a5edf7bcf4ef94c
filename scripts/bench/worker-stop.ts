/**
 * Stops the extension's service worker the way Chromium does to an idle one: through a page's CDP
 * session, `ServiceWorker.stopWorker` with the running version id (as
 * test/e2e/security-worker-stop.e2e.test.ts does). Resolves once the version was seen stopped.
 */
import type { BrowserContext, Page } from 'playwright-core';

interface Version {
  readonly versionId: string;
  readonly scriptURL: string;
  readonly runningStatus: string;
}

const until = async (what: string, ok: () => boolean, limitMs = 10_000) => {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > limitMs) throw new Error(`${what} within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** One CDP session for the whole run; `stop()` may be called any number of times. */
export const workerStopper = async (context: BrowserContext, page: Page) => {
  const cdp = await context.newCDPSession(page);
  const latest = new Map<string, Version>();
  const seen: Version[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: Version[] }) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith('chrome-extension://')) continue;
      latest.set(v.versionId, v);
      seen.push(v);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    async stop() {
      await until('The extension worker was not seen running', () =>
        [...latest.values()].some((v) => v.runningStatus === 'running'),
      );
      const running = [...latest.values()].filter((v) => v.runningStatus === 'running');
      const from = seen.length;
      for (const v of running) await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
      await until('The extension worker did not stop', () =>
        seen
          .slice(from)
          .some((v) => running.some((r) => r.versionId === v.versionId) && v.runningStatus === 'stopped'),
      );
    },
  };
};
