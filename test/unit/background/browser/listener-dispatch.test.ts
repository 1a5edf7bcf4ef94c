// The worker's one place that attaches browser events (index.ts) and hands each to the features
// that declared it: the real dispatcher, over fake browser events that fire as the browser does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  attachListeners,
  defineListeners,
  type FeatureListeners,
  listFeatures,
} from '../../../../src/background/browser/listener-dispatch';
import { fakeListenedEvents, fakeWake } from './fake-listened-events';

let calls: string[];
let unhandled: unknown[];
const noteUnhandled = (reason: unknown) => void unhandled.push(reason);
/** Lets every pending dispatch and rejection run out (Node reports unhandled ones by then). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(() => {
  calls = [];
  unhandled = [];
  process.on('unhandledRejection', noteUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', noteUnhandled);
});

const vault = defineListeners({
  feature: 'vault',
  alarms: { 'vault-auto-lock': () => void calls.push('vault locks') },
});
const expiry = defineListeners({
  feature: 'expiry',
  alarms: { 'expiry-check': () => void calls.push('expiry checks') },
  notificationClicked: { 'expiry:': (id: string) => void calls.push(`expiry opens ${id}`) },
});
const menu = defineListeners({
  feature: 'menu',
  notificationClicked: { 'menu:': (id: string) => void calls.push(`menu opens ${id}`) },
  menuClicked: (item: string | number, tab: number | undefined) => void calls.push(`menu ${item} in ${tab}`),
});

const attach = (features: readonly FeatureListeners[]) => {
  const events = fakeListenedEvents();
  const wake = fakeWake();
  const dispatch = attachListeners(events, features, wake);
  return { events, wake, dispatch };
};

describe('listener dispatch', () => {
  it('attaches each browser event once, however many features listen to it', () => {
    const { events } = attach(listFeatures(vault, expiry, menu));
    expect(events.counts()).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('gives an alarm to the one feature that declared its name, and ignores an unknown one', async () => {
    const { events } = attach(listFeatures(vault, expiry, menu));
    events.alarms.onAlarm.fire({ name: 'expiry-check' });
    await vi.waitFor(() => expect(calls).toEqual(['expiry checks']));
    events.alarms.onAlarm.fire({ name: 'some-other-part' });
    events.alarms.onAlarm.fire({ name: 'expiry-check-2' });
    await settled();
    expect(calls).toEqual(['expiry checks']);
    events.alarms.onAlarm.fire({ name: 'vault-auto-lock' });
    await vi.waitFor(() => expect(calls).toEqual(['expiry checks', 'vault locks']));
    expect(unhandled).toEqual([]);
  });

  it('gives a notification click to the owner of its id prefix, with the whole id', async () => {
    const { events } = attach(listFeatures(vault, expiry, menu));
    events.notifications.onClicked.fire('expiry:rec-1');
    await vi.waitFor(() => expect(calls).toEqual(['expiry opens expiry:rec-1']));
    // Ours only by prefix: a notification another part raised, or one without an owner, is left alone.
    events.notifications.onClicked.fire('context-menu:result');
    events.notifications.onClicked.fire('xexpiry:rec-1');
    await settled();
    events.notifications.onClicked.fire('menu:done');
    await vi.waitFor(() => expect(calls).toEqual(['expiry opens expiry:rec-1', 'menu opens menu:done']));
  });

  it('passes a menu click with the tab it was shown in', async () => {
    const { events, dispatch } = attach(listFeatures(vault, expiry, menu));
    events.contextMenus.onClicked.fire({ menuItemId: 'add:prod' }, { id: 7 });
    events.contextMenus.onClicked.fire({ menuItemId: 3 }, undefined);
    await vi.waitFor(() => expect(calls).toEqual(['menu add:prod in 7', 'menu 3 in undefined']));
    // The e2e tests' hook (index.ts) is this same dispatch, awaited.
    await dispatch.menuClicked('oauth:prod', 9);
    expect(calls.at(-1)).toBe('menu oauth:prod in 9');
  });

  it('runs an event several features share in their listed order, one after the other', async () => {
    let releaseFirst!: () => void;
    const first = defineListeners({
      feature: 'first',
      installedOrStartup: async () => {
        calls.push('pages start');
        await new Promise<void>((resolve) => {
          releaseFirst = resolve;
        });
        calls.push('pages done');
      },
    });
    const second = defineListeners({
      feature: 'second',
      installedOrStartup: () => void calls.push('menu rebuilt'),
    });
    const { events } = attach(listFeatures(first, second));
    events.runtime.onStartup.fire();
    await vi.waitFor(() => expect(calls).toEqual(['pages start']));
    await settled();
    expect(calls).toEqual(['pages start']);
    releaseFirst();
    await vi.waitFor(() => expect(calls).toEqual(['pages start', 'pages done', 'menu rebuilt']));
  });

  it('keeps a failing listener to itself: the others still run, and nothing rejects unhandled', async () => {
    const rejects = defineListeners({
      feature: 'rejects',
      alarms: { 'rejects-alarm': () => Promise.reject(new Error('alarm failed')) },
      notificationClicked: { 'bad:': () => Promise.reject(new Error('click failed')) },
      tabRemoved: () => Promise.reject(new Error('tab failed')),
      hostAccessRemoved: () => Promise.reject(new Error('revocation failed')),
      managedPolicyChanged: () => Promise.reject(new Error('policy failed')),
      afterFirstAnswer: () => Promise.reject(new Error('catch-up failed')),
      menuClicked: () => Promise.reject(new Error('menu failed')),
    });
    const throws = defineListeners({
      feature: 'throws',
      alarms: {
        'throws-alarm': () => {
          throw new Error('thrown at once');
        },
      },
      tabRemoved: () => {
        throw new Error('thrown at once');
      },
      extensionPageUsed: () => {
        throw new Error('thrown at once');
      },
    });
    const works = defineListeners({
      feature: 'works',
      tabRemoved: (tabId: number) => void calls.push(`forgot tab ${tabId}`),
      hostAccessRemoved: (origins: readonly string[]) => void calls.push(`named ${origins.join()}`),
      managedPolicyChanged: () => void calls.push('policy read again'),
      afterFirstAnswer: () => void calls.push('caught up'),
      extensionPageUsed: () => void calls.push('activity'),
    });
    const { events, wake, dispatch } = attach(listFeatures(rejects, throws, works));

    events.alarms.onAlarm.fire({ name: 'rejects-alarm' });
    events.alarms.onAlarm.fire({ name: 'throws-alarm' });
    events.notifications.onClicked.fire('bad:1');
    events.contextMenus.onClicked.fire({ menuItemId: 'x' }, { id: 1 });
    events.tabs.onRemoved.fire(4);
    events.permissions.onRemoved.fire({ origins: ['https://git.example/*'] });
    events.permissions.onRemoved.fire({});
    events.storage.managed.onChanged.fire();
    expect(() => dispatch.extensionPageUsed()).not.toThrow();
    await wake.release();
    await vi.waitFor(() =>
      expect(calls.sort()).toEqual(
        [
          'activity',
          'caught up',
          'forgot tab 4',
          'named ',
          'named https://git.example/*',
          'policy read again',
        ].sort(),
      ),
    );
    await settled();
    expect(unhandled).toEqual([]);
  });

  it('defers each feature’s start-up work to the wake queue as its own task', async () => {
    const a = defineListeners({
      feature: 'a',
      afterFirstAnswer: () => void calls.push('prewarm'),
    });
    const b = defineListeners({
      feature: 'b',
      afterFirstAnswer: () => void calls.push('catch up'),
    });
    const { wake } = attach(listFeatures(a, vault, b));
    expect(wake.tasks).toHaveLength(2);
    expect(calls).toEqual([]);
    await wake.release();
    expect(calls).toEqual(['prewarm', 'catch up']);
  });

  it('refuses an alarm name or a notification prefix that two features declare', () => {
    const alsoVault = defineListeners({
      feature: 'alsoVault',
      alarms: { 'vault-auto-lock': () => 1 },
    });
    const expiryTwo = defineListeners({
      feature: 'expiryTwo',
      notificationClicked: { 'expiry:rec': () => 1 },
    });
    // @ts-expect-error: two owners for one alarm name do not compile.
    expect(() => attach(listFeatures(vault, expiry, alsoVault))).toThrow(/alarm "vault-auto-lock"/);
    // @ts-expect-error: a prefix that starts with another feature's does not compile either.
    expect(() => attach(listFeatures(expiryTwo, expiry))).toThrow(
      /"expiry:rec" \(expiryTwo\) starts with "expiry:" \(expiry\)/,
    );
    // Declared without literal names (widened to a string index), the check still runs at start.
    const widened: FeatureListeners[] = [vault, alsoVault];
    expect(() => attach(widened)).toThrow('alarm "vault-auto-lock" is declared by vault and alsoVault');
    expect(() => attach(listFeatures(vault, expiry, menu))).not.toThrow();
  });
});
