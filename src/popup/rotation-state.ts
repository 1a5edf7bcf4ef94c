import { createStore } from 'zustand/vanilla';
import { rotatesItself } from '../providers/gitlab/rotatable';
import type { AppError, Result } from '../shared/errors';
// Specs as types only, so valibot stays out of the popup's bundle.
import type {
  dismissRotation,
  getRotationStatus,
  RotationAnswer,
  RotationStatusView,
  resumeRotation,
  rotateNow,
  setAutoRotation,
} from '../shared/messages/rotation';
import { messageRef as ref } from '../ui/message-ref';
import { askWorker } from '../ui/worker-client';
import type { PopupStore } from './store';

/** What the GitLab rotation controls need from the worker (tests pass an in-memory one). */
export interface RotationApi {
  status(): Promise<Result<RotationStatusView>>;
  rotate(recordId: string): Promise<Result<RotationAnswer>>;
  resume(recordId: string): Promise<Result<RotationAnswer>>;
  dismiss(recordId: string): Promise<Result<unknown>>;
  setAuto(recordId: string, days: number | null): Promise<Result<RotationStatusView>>;
}

export const browserRotationApi: RotationApi = {
  status: () => askWorker(ref<typeof getRotationStatus>('rotation/status'), {}),
  rotate: (recordId) => askWorker(ref<typeof rotateNow>('rotation/rotate'), { recordId }),
  resume: (recordId) => askWorker(ref<typeof resumeRotation>('rotation/resume'), { recordId }),
  dismiss: (recordId) => askWorker(ref<typeof dismissRotation>('rotation/dismiss'), { recordId }),
  setAuto: (recordId, days) =>
    askWorker(ref<typeof setAutoRotation>('rotation/set-auto'), { recordId, days }),
};

export interface RotationState {
  readonly status: RotationStatusView;
  /** The saved token being rotated from this popup, if any. */
  readonly busy: string | null;
  /** The last answer or refusal, per saved token. */
  readonly outcome: Readonly<Record<string, { answer?: RotationAnswer; error?: AppError }>>;
  /** The saved token whose Rotate now should take focus once drawn (opened from its expiry notification). */
  readonly focusRequest: string | null;
}

/**
 * The popup's GitLab rotation state, apart from the main store (issue 24): the unfinished jobs and
 * automatic settings the worker reports, and what the last click gave. `afterChange` reloads what
 * the main store shows (saved tokens, runtimes, expiry) once a rotation touched them.
 */
export const createRotationState = (api: RotationApi, afterChange: () => Promise<void>) => {
  const store = createStore<RotationState>(() => ({
    status: { jobs: [], auto: {} },
    busy: null,
    outcome: {},
    focusRequest: null,
  }));
  const load = async () => {
    const answer = await api.status();
    if (answer.ok) store.setState({ status: answer.value });
  };
  const run = async (recordId: string, call: (id: string) => Promise<Result<RotationAnswer>>) => {
    if (store.getState().busy) return;
    store.setState({ busy: recordId });
    const answer = await call(recordId);
    store.setState((s) => ({
      busy: null,
      outcome: { ...s.outcome, [recordId]: answer.ok ? { answer: answer.value } : { error: answer.error } },
    }));
    await Promise.all([load(), afterChange().catch(() => {})]);
  };
  return {
    store,
    load,
    rotate: (recordId: string) => run(recordId, (id) => api.rotate(id)),
    resume: (recordId: string) => run(recordId, (id) => api.resume(id)),
    /**
     * The worker finished a rotation on its own (rotation/finished: a stopped worker's job, after
     * its restart or an unlock): shown as the outcome of Finish rotation would be.
     */
    async finishedElsewhere(recordId: string, answer: RotationAnswer) {
      store.setState((s) => ({ outcome: { ...s.outcome, [recordId]: { answer } } }));
      await Promise.all([load(), afterChange().catch(() => {})]);
    },
    /** Puts focus on the saved token's Rotate now as soon as it is drawn. */
    focusRotateNow: (recordId: string) => store.setState({ focusRequest: recordId }),
    /** The button took focus: later redraws leave focus where the user puts it. */
    focusTaken: () => store.setState({ focusRequest: null }),
    async dismiss(recordId: string) {
      await api.dismiss(recordId);
      await load();
    },
    async setAuto(recordId: string, days: number | null) {
      const answer = await api.setAuto(recordId, days);
      if (answer.ok) store.setState({ status: answer.value });
      else store.setState((s) => ({ outcome: { ...s.outcome, [recordId]: { error: answer.error } } }));
    },
  };
};

export type RotationControls = ReturnType<typeof createRotationState>;

/**
 * The popup was opened from a saved token's expiry notification (create-services.ts openRotation):
 * where GitLab can rotate the token itself, focus goes to its Rotate now; otherwise Replace
 * everywhere opens for it, the only fix for other tokens.
 */
export const openFromExpiryNotice = (
  store: PopupStore,
  rotation: Pick<RotationControls, 'focusRotateNow'>,
  recordId: string,
): void => {
  const record = store.getState().saved.find((r) => r.id === recordId);
  if (record && rotatesItself(record) && !record.unreadable && !record.needsAccess)
    rotation.focusRotateNow(recordId);
  else store.getState().startRotation(recordId);
};
