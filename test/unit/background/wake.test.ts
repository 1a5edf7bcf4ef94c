// A click on the toolbar usually wakes a stopped worker (Chromium stops it after 30 s idle). Its
// first answer must not wait for work it does not need: the managed-policy read (slow in Chromium)
// and the expiry catch-up (which may read every runtime) start only once that answer has gone.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPIRY_LAST_CHECK_KEY } from '../../../src/background/expiry/expiry-watch';
import { RUNTIME_CACHE_KEY, RUNTIME_SNAPSHOT_KEY } from '../../../src/background/runtimes/runtime-cache';
import { createWakeQueue } from '../../../src/background/wake';
import { createSimulator, DEMO_API_KEY } from '../../simulator';

const sim = createSimulator();
const noEvent = { addListener: () => {}, removeListener: () => {}, hasListener: () => false };
type Listener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;
const popupSender = { id: fakeBrowser.runtime.id, url: 'chrome-extension://test/src/popup/index.html' };

/** Loads the worker's entry module afresh, as a wake does, and returns its message listener. */
const wakeWorker = async (): Promise<Listener> => {
  let listener: Listener | undefined;
  const add = fakeBrowser.runtime.onMessage.addListener.bind(fakeBrowser.runtime.onMessage);
  fakeBrowser.runtime.onMessage.addListener = ((fn: Listener) => {
    listener = fn;
    add(fn as never);
  }) as never;
  vi.resetModules();
  await import('../../../src/background/index');
  return listener!;
};

let managedReads = 0;
let fetches = 0;

beforeEach(() => {
  sim.reset();
  managedReads = 0;
  fetches = 0;
  vi.stubGlobal('indexedDB', new IDBFactory());
  fakeBrowser.runtime.getURL = (path: string) => `chrome-extension://test/${path}`;
  fakeBrowser.runtime.sendMessage = async () => undefined;
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'test', version: '1.0.0' });
  Object.assign(fakeBrowser.permissions, { onRemoved: noEvent });
  Object.assign(fakeBrowser.contextMenus, { onClicked: noEvent });
  return () => vi.unstubAllGlobals();
});

describe('a worker wake', () => {
  it('answers the first status before it reads the policy or catches up on expiry', async () => {
    // An earlier wake: signed in, policy read once (remembered), expiry checked.
    vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) =>
      sim.fetch(input, init)) as typeof fetch);
    fakeBrowser.storage.managed.get = (async () => ({})) as never;
    const earlier = await wakeWorker();
    expect(
      await earlier({ type: 'account/set-api-key', payload: { apiKey: DEMO_API_KEY } }, popupSender),
    ).toMatchObject({ ok: true });
    // Not toHaveProperty: it reads the dotted key as a path, and passes before the check ran.
    await vi.waitFor(async () =>
      expect((await fakeBrowser.storage.local.get(EXPIRY_LAST_CHECK_KEY))[EXPIRY_LAST_CHECK_KEY]).toEqual(
        expect.any(Number),
      ),
    );
    // The browser was closed past the next check, and the runtimes must be read again.
    await fakeBrowser.storage.local.remove([EXPIRY_LAST_CHECK_KEY, RUNTIME_SNAPSHOT_KEY]);
    await fakeBrowser.storage.session.remove(RUNTIME_CACHE_KEY);

    // This wake: the managed read waits until the test lets it answer; every request hangs.
    let answerManaged = () => {};
    fakeBrowser.storage.managed.get = (() => {
      managedReads++;
      return new Promise((resolve) => {
        answerManaged = () => resolve({});
      });
    }) as never;
    vi.stubGlobal('fetch', (() => {
      fetches++;
      return new Promise(() => {});
    }) as typeof fetch);
    const listener = await wakeWorker();
    const status = await listener({ type: 'status/get', payload: {} }, popupSender);

    expect(status).toMatchObject({ ok: true, value: { account: { userId: expect.any(String) } } });
    expect({ managedReads, fetches }).toEqual({ managedReads: 0, fetches: 0 });
    // Both start once the answer has gone.
    await vi.waitFor(() => expect(managedReads).toBe(1));
    // The catch-up's requests wait for the policy (they send the API key), then go.
    answerManaged();
    await vi.waitFor(() => expect(fetches).toBeGreaterThan(0));
  });
});

describe('the wake queue', () => {
  it('runs deferred work after the first answer only, and once', () => {
    const soon: (() => void)[] = [];
    const queue = createWakeQueue({ later: (run) => soon.push(run), setTimer: () => 0 });
    const ran: string[] = [];
    queue.afterFirstAnswer(() => ran.push('catch-up'));
    queue.answered();
    expect(soon).toHaveLength(1);
    soon[0]!();
    return Promise.resolve().then(() => expect(ran).toEqual(['catch-up']));
  });

  it('runs it anyway when the wake brings no message (an alarm)', async () => {
    let fallback: (() => void) | undefined;
    const queue = createWakeQueue({ later: () => {}, setTimer: (run) => (fallback = run) });
    const ran = vi.fn();
    queue.afterFirstAnswer(ran);
    await Promise.resolve();
    expect(ran).not.toHaveBeenCalled();
    fallback!();
    await vi.waitFor(() => expect(ran).toHaveBeenCalledOnce());
  });
});
