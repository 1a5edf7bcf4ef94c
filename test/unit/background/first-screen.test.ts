// The first runtime list of a new browser session needs the user (`me`) and the runtimes: one
// platform request for both, then one request per runtime's app-proxy (issue 22).
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformSettings } from '../../../src/background/account/platform-settings';
import { createServices } from '../../../src/background/create-services';
import { createSimulator, DEMO_API_KEY } from '../../simulator';
import { PLATFORM_HOST } from '../../simulator/seed';

const sim = createSimulator();

const startWorker = async () => {
  const settings = createPlatformSettings(fakeBrowser.storage.local);
  await settings.ready;
  return createServices(settings).services;
};

const platformOperations = () =>
  sim
    .log()
    .filter((entry) => entry.host === PLATFORM_HOST)
    .map((entry) => entry.operationName);

beforeEach(() => {
  sim.reset();
  vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(input, init)) as typeof fetch);
  vi.stubGlobal('indexedDB', new IDBFactory());
  fakeBrowser.runtime.sendMessage = async () => undefined;
  fakeBrowser.runtime.getURL = (path: string) => `chrome-extension://test/${path}`;
  fakeBrowser.storage.managed.get = (async () => ({})) as never;
});
afterEach(() => vi.unstubAllGlobals());

describe('the first list of a session', () => {
  it('asks the platform once for the user and the runtimes together, and for the runtimes alone after', async () => {
    await (await startWorker()).account.setApiKey(DEMO_API_KEY);
    // A browser restart: storage.session is empty, the saved key is on disk.
    await fakeBrowser.storage.session.clear();
    sim.reset();
    const services = await startWorker();

    const first = await services.runtimes.list(true);
    expect(first.runtimes.length).toBeGreaterThan(0);
    // The user came with the same answer: the token states are this user's.
    expect(first.runtimes.find((r) => r.name === 'production')?.token.kind).toBe('valid');
    expect(platformOperations()).toEqual(['FirstScreen']);

    sim.reset();
    const again = await services.runtimes.list(true);
    expect(again.runtimes.map((r) => r.name)).toEqual(first.runtimes.map((r) => r.name));
    expect(platformOperations()).toEqual(['Runtimes']);
  });
});
