// The popup paints the last-known runtimes from storage itself while the worker is still starting,
// marked as being refreshed; the worker's answers then replace all of it (issue 22).
import { beforeEach, describe, expect, it } from 'vitest';
import { lastKnownScreen, paintLastKnown } from '../../../src/popup/last-known';
import { createPopupStore } from '../../../src/popup/store';
import { FakePopupApi, runtime } from './fake-popup-api';

const text = (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':');
const STAGING_PAGE = 'https://staging.example/workflows/';
const snapshotOf = (...runtimes: unknown[]) => ({ at: 1, userId: 'u1', runtimes });

describe('the popup before the worker answers', () => {
  let api: FakePopupApi;
  let store: ReturnType<typeof createPopupStore>;
  let release: () => void;

  beforeEach(() => {
    api = new FakePopupApi();
    store = createPopupStore(api, text);
    api.holdStatus = new Promise((resolve) => {
      release = resolve;
    });
    api.stored = {
      snapshot: snapshotOf(runtime('production'), runtime('staging', { token: { kind: 'valid' } })),
    };
  });

  const open = async (url: string | null = STAGING_PAGE) => {
    const started = store.getState().start(Promise.resolve(url));
    const painted = await paintLastKnown(store, api.lastKnown(), Promise.resolve(url));
    return { started, painted };
  };

  it('paints the last-known runtimes at once, marked as being refreshed, with the tab’s runtime in focus', async () => {
    const { started, painted } = await open();
    expect(painted).toBe(true);
    expect(store.getState()).toMatchObject({
      phase: 'ready',
      runtimesStale: true,
      runtimesLoading: true,
      focused: 'staging',
      targets: ['staging'],
      detection: { runtimeName: 'staging', signal: 'runtime-host' },
    });
    expect(store.getState().runtimes.map((r) => [r.name, r.token.kind])).toEqual([
      ['production', 'none'],
      ['staging', 'valid'],
    ]);
    // The worker was asked for nothing but the status so far.
    expect(api.sentTypes()).toEqual(['status/get']);

    // The worker knows better (a page report names production) and the token states changed.
    api.runtimes = [runtime('production', { token: { kind: 'valid' } }), runtime('staging')];
    api.detected = 'production';
    release();
    await started;
    expect(store.getState()).toMatchObject({
      runtimesStale: false,
      runtimesLoading: false,
      focused: 'production',
      targets: ['production'],
    });
    expect(store.getState().runtimes.map((r) => [r.name, r.token.kind])).toEqual([
      ['production', 'valid'],
      ['staging', 'none'],
    ]);
  });

  it('keeps the runtime the user picked while the worker was starting', async () => {
    const { started } = await open();
    store.getState().focus('production');
    api.runtimes = [runtime('production'), runtime('staging')];
    api.detected = 'staging';
    release();
    await started;
    expect(store.getState().focused).toBe('production');
  });

  it('focuses nothing when the tab’s address names no runtime, and leaves it to the worker', async () => {
    const { started } = await open('https://example.org/');
    expect(store.getState()).toMatchObject({ phase: 'ready', focused: null });
    api.runtimes = [runtime('production'), runtime('staging')];
    api.detected = 'production';
    release();
    await started;
    expect(store.getState().focused).toBe('production');
  });

  it.each([
    ['the vault is locked', { vault: { mode: 'passphrase' as const, locked: true } }, 'locked'],
    ['nobody is signed in', { account: null }, 'needs-api-key'],
  ])('shows the right screen and none of the painted runtimes when %s', async (_, change, phase) => {
    const { started } = await open();
    api.statusView = { ...api.statusView, ...change };
    release();
    await started;
    expect(store.getState()).toMatchObject({ phase, runtimes: [], focused: null, detection: null });
  });

  it('paints nothing once the worker has answered, or when nothing was read before', async () => {
    release();
    api.runtimes = [runtime('qa')];
    await store.getState().start(Promise.resolve(STAGING_PAGE));
    expect(await paintLastKnown(store, api.lastKnown(), Promise.resolve(STAGING_PAGE))).toBe(false);
    expect(store.getState().runtimes.map((r) => r.name)).toEqual(['qa']);

    const fresh = createPopupStore(api, text);
    api.stored = { snapshot: undefined };
    expect(await paintLastKnown(fresh, api.lastKnown(), Promise.resolve(null))).toBe(false);
    expect(fresh.getState().phase).toBe('loading');
  });
});

describe('the last-known screen', () => {
  it('shows only well-formed rows, and only the fields a row shows', () => {
    const screen = lastKnownScreen(
      {
        snapshot: snapshotOf(
          { ...runtime('kept'), token: { kind: 'valid', value: 'ghp_planted' }, extra: 'ghp_planted' },
          { ...runtime('odd-provider'), gitProvider: 'EVIL', accessMode: 42 },
          { ...runtime('no-state'), token: { kind: 'stolen' } },
          { ...runtime('no-access'), hostAccess: 'yes' },
          { ...runtime('unknown-without-reason'), token: { kind: 'unknown', message: 'm' } },
          { name: 5 },
          null,
          'staging',
        ),
      },
      null,
    );
    expect(screen?.runtimes?.map((r) => r.name)).toEqual(['kept', 'odd-provider']);
    expect(JSON.stringify(screen)).not.toContain('ghp_planted');
    expect(screen?.runtimes?.[1]).toMatchObject({ gitProvider: null, accessMode: null });
    expect(screen?.focused).toBeNull();
  });

  it('is nothing without rows', () => {
    expect(lastKnownScreen({ snapshot: 'x' }, null)).toBeNull();
    expect(lastKnownScreen({ snapshot: snapshotOf() }, null)).toBeNull();
  });
});
