// 200 runtimes stream into the popup one broadcast each; the store (and so every subscribed view)
// must hear of them once per animation frame, not 200 times.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPopupStore } from '../../../src/popup/store';
import { createWorkerEvents } from '../../../src/popup/worker-events';
import type { AnyWorkerEvent } from '../../../src/shared/messages';
import { FakePopupApi, runtime } from './fake-popup-api';

const text = (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':');
const names = Array.from({ length: 200 }, (_, i) => `bench-${String(i + 1).padStart(3, '0')}`);

describe('worker broadcasts in the popup', () => {
  let api: FakePopupApi;
  let store: ReturnType<typeof createPopupStore>;
  let frames: (() => void)[];
  /** What the worker broadcasts, through the fake's typed subscriber as the browser's would. */
  const onMessage = (message: unknown) => api.broadcast(message as AnyWorkerEvent);
  let notifications: number;
  const nextFrame = () => {
    const due = frames;
    frames = [];
    for (const run of due) run();
  };

  beforeEach(() => {
    api = new FakePopupApi();
    store = createPopupStore(api, text);
    frames = [];
    createWorkerEvents(store, api.subscribe, (run) => frames.push(run));
    notifications = 0;
  });

  it('applies a streamed list of 200 runtimes in one store update per frame, in the platform order', async () => {
    let release!: () => void;
    api.holdList = new Promise((resolve) => {
      release = resolve;
    });
    api.runtimes = names.map((n) => runtime(n));
    const started = store.getState().start(null);
    await expect.poll(() => store.getState().runtimesLoading).toBe(true);
    store.subscribe(() => notifications++);

    onMessage({ type: 'runtimes/progress', accountId: 'a1', names });
    for (const name of [...names].reverse())
      onMessage({ type: 'runtimes/progress', accountId: 'a1', runtime: runtime(name) });
    expect(notifications).toBe(0);
    nextFrame();
    expect(notifications).toBe(1);
    expect(store.getState().runtimes.map((r) => r.name)).toEqual(names);
    expect(store.getState().checking).toEqual([]);

    // A second frame's worth: again one update.
    onMessage({
      type: 'runtimes/progress',
      accountId: 'a1',
      runtime: runtime(names[0]!, { token: { kind: 'valid' } }),
    });
    onMessage({
      type: 'runtimes/progress',
      accountId: 'a1',
      runtime: runtime(names[1]!, { token: { kind: 'valid' } }),
    });
    nextFrame();
    expect(notifications).toBe(2);
    expect(
      store
        .getState()
        .runtimes.slice(0, 2)
        .map((r) => r.token.kind),
    ).toEqual(['valid', 'valid']);
    release();
    await started;
  });

  it('applies 200 progress events of an apply in one store update, and ignores them once it is done', async () => {
    api.runtimes = names.map((n) => runtime(n));
    await store.getState().start(null);
    let release!: () => void;
    api.holdApply = new Promise((resolve) => {
      release = resolve;
    });
    const applying = store.getState().apply({ recordId: 'r1' }, names);
    await expect.poll(() => store.getState().applying).toBe(true);
    store.subscribe(() => notifications++);

    for (const name of names)
      onMessage({ type: 'token/apply-progress', runtimeName: name, state: 'running' });
    for (const name of names) onMessage({ type: 'token/apply-progress', runtimeName: name, state: 'done' });
    nextFrame();
    expect(notifications).toBe(1);
    expect(new Set(Object.values(store.getState().progress))).toEqual(new Set(['done']));

    release();
    await applying;
    const after = notifications;
    onMessage({ type: 'token/apply-progress', runtimeName: names[0], state: 'failed' });
    nextFrame();
    expect(notifications).toBe(after);
  });

  it('leaves messages that are not the worker broadcasts alone', () => {
    store.subscribe(() => notifications++);
    onMessage({ type: 'something/else' });
    expect(notifications).toBe(0);
    expect(frames).toHaveLength(0);
  });
});
