// The worker's real features (create-services.ts) as index.ts attaches them: every alarm the worker
// schedules has one owner among them (an alarm nobody declared would ring unheard), and an alarm
// reaches that owner only.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformSettings } from '../../../src/background/account/platform-settings';
import { attachListeners } from '../../../src/background/browser/listener-dispatch';
import { createServices } from '../../../src/background/create-services';
import { EXPIRY_ALARM } from '../../../src/background/expiry/expiry-watch';
import { AUTO_LOCK_ALARM } from '../../../src/background/vault/vault-layout';
import { createSimulator } from '../../simulator';
import { fakeListenedEvents, fakeWake } from './browser/fake-listened-events';

const sim = createSimulator();

const wakeWorker = async () => {
  const settings = createPlatformSettings(fakeBrowser.storage.local);
  const worker = createServices(settings);
  const events = fakeListenedEvents();
  const wake = fakeWake();
  attachListeners(events, worker.features, wake);
  await wake.release();
  return { ...worker, events };
};

beforeEach(() => {
  sim.reset();
  vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(input, init)) as typeof fetch);
  vi.stubGlobal('indexedDB', new IDBFactory());
  fakeBrowser.runtime.sendMessage = async () => undefined;
  fakeBrowser.runtime.getURL = (path: string) => `chrome-extension://test/${path}`;
  fakeBrowser.storage.managed.get = (async () => ({})) as never;
  fakeBrowser.runtime.getManifest = (() => ({ version: '1.0.0' })) as never;
});
afterEach(() => vi.unstubAllGlobals());

describe("the worker's browser listeners", () => {
  it('own every alarm the worker schedules, each by one feature', async () => {
    const { services, features } = await wakeWorker();
    // The auto-lock alarm exists while a passphrase vault is unlocked.
    await services.vault.enablePassphrase('correct horse battery staple');
    const scheduled = (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort();
    const owned = features.flatMap((f) => Object.keys(f.alarms ?? {})).sort();
    expect(scheduled).toEqual(owned);
    expect(owned).toContain(AUTO_LOCK_ALARM);
  });

  it('lock the vault on its alarm, and leave it open on another feature’s', async () => {
    const { services, events } = await wakeWorker();
    await services.vault.enablePassphrase('correct horse battery staple');
    events.alarms.onAlarm.fire({ name: EXPIRY_ALARM });
    events.alarms.onAlarm.fire({ name: 'not-ours' });
    expect((await services.status()).vault.locked).toBe(false);
    events.alarms.onAlarm.fire({ name: AUTO_LOCK_ALARM });
    await vi.waitFor(async () => expect((await services.status()).vault.locked).toBe(true));
  });
});
