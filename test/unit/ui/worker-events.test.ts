// The one typed subscriber to the worker's broadcasts: only the spec's events reach the listener,
// nothing is ever answered, and unsubscribing stops them.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { applyProgress, type RuntimeProgress } from '../../../src/shared/messages/token';
import { onWorkerEvent } from '../../../src/ui/worker-events';

describe('onWorkerEvent', () => {
  it('hands over the events of its spec only, and answers none of them', async () => {
    const seen: RuntimeProgress[] = [];
    onWorkerEvent(applyProgress, ({ runtimeName, state }) => seen.push({ runtimeName, state }));

    const answers = [
      ...(await fakeBrowser.runtime.onMessage.trigger(
        { type: 'token/apply-progress', runtimeName: 'qa', state: 'running' },
        {},
        () => {},
      )),
      ...(await fakeBrowser.runtime.onMessage.trigger(
        { type: 'oauth/progress', runtimeName: 'x' },
        {},
        () => {},
      )),
      ...(await fakeBrowser.runtime.onMessage.trigger({ type: 'vault/lock', payload: {} }, {}, () => {})),
      ...(await fakeBrowser.runtime.onMessage.trigger(null, {}, () => {})),
    ];

    expect(seen).toEqual([{ runtimeName: 'qa', state: 'running' }]);
    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('stops when unsubscribed', async () => {
    const seen: string[] = [];
    const stop = onWorkerEvent(applyProgress, ({ state }) => seen.push(state));
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'token/apply-progress', runtimeName: 'a', state: 'done' },
      {},
      () => {},
    );
    stop();
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'token/apply-progress', runtimeName: 'a', state: 'failed' },
      {},
      () => {},
    );
    expect(seen).toEqual(['done']);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});
