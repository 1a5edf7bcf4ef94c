import type { RuntimeListProgressEvent } from '../shared/messages/runtimes';
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
export const createWorkerEvents = (store: PopupStore, schedule: (run: () => void) => void = nextFrame) => {
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

  return (message: unknown): undefined => {
    const event = message as { type?: unknown; runtimeName?: unknown; state?: unknown } | null;
    if (event?.type === 'token/apply-progress' && typeof event.runtimeName === 'string') {
      applyStates[event.runtimeName] = event.state as ProgressState;
    } else if (event?.type === 'runtimes/progress') {
      listEvents.push(message as RuntimeListProgressEvent);
    } else return undefined;
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
    return undefined;
  };
};
