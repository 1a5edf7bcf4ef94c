// The popup paints the runtime snapshot before it knows whether the vault is locked, so a vault
// that opens locked (a passphrase) keeps no snapshot: nothing flashes behind its unlock screen.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformSettings } from '../../../../src/background/account/platform-settings';
import { createServices } from '../../../../src/background/create-services';
import { RUNTIME_SNAPSHOT_KEY } from '../../../../src/background/runtimes/runtime-cache';
import { createSimulator, DEMO_API_KEY, SIM_ACCOUNT } from '../../../simulator';

const sim = createSimulator();
/** The snapshot of the demo account (the snapshot holds one list per account). */
const snapshot = async () =>
  (
    (await fakeBrowser.storage.local.get(RUNTIME_SNAPSHOT_KEY))[RUNTIME_SNAPSHOT_KEY] as
      | Record<string, unknown>
      | undefined
  )?.[SIM_ACCOUNT.id];

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

describe('the runtime snapshot', () => {
  it('is kept with a device vault, dropped when a passphrase is set, and not written again', async () => {
    const settings = createPlatformSettings(fakeBrowser.storage.local);
    await settings.ready;
    const { services } = createServices(settings);
    await services.account.setApiKey(DEMO_API_KEY);

    const listed = await services.runtimes.list(true);
    await expect(snapshot()).resolves.toMatchObject({ runtimes: listed.runtimes });

    await services.vault.enablePassphrase('correct horse battery staple');
    expect(await snapshot()).toBeUndefined();
    const again = await services.runtimes.list(true);
    expect(again.runtimes.length).toBe(listed.runtimes.length);
    expect(await snapshot()).toBeUndefined();
  });
});
