import type { EventSubscriber } from '../shared/messages/define';
import type { RuntimeListProgressEvent, runtimeListProgress } from '../shared/messages/runtimes';
import type { applyProgress } from '../shared/messages/token';
import { messageRef as ref } from '../ui/message-ref';
import type { PopupStore, ProgressState } from './store';

/** Runs `run` at the next animation frame, or after 50 ms where frames are paused (a hidden tab). */
const nextFrame = (run: () => void) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(once);
  setTimeout(once, 50);
};

/**
 * The worker's broadcasts to the popup (a streamed runtime list, an apply's progress; never a
 * secret), handed to the store once per animation frame: 200 runtimes answering one by one make
 * a few store updates and renders, not 200 (docs/performance.md, issue 22).
 */
export const createWorkerEvents = (
  store: PopupStore,
  subscribe: EventSubscriber,
  schedule: (run: () => void) => void = nextFrame,
): (() => void) => {
  let listEvents: RuntimeListProgressEvent[] = [];
  let applyStates: Record<string, ProgressState> = {};
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const [list, states] = [listEvents, applyStates];
    listEvents = [];
    applyStates = {};
    if (list.length > 0) store.getState().onListProgress(list);
    if (Object.keys(states).length > 0) store.getState().onProgress(states);
  };
  const later = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };

  const stops = [
    subscribe(ref<typeof applyProgress>('token/apply-progress'), ({ runtimeName, state }) => {
      applyStates[runtimeName] = state;
      later();
    }),
    subscribe(ref<typeof runtimeListProgress>('runtimes/progress'), (event) => {
      listEvents.push(event);
      later();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
};
