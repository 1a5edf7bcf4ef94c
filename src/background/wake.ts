/**
 * Chromium stops an idle MV3 worker after 30 s, so nearly every toolbar click starts it again
 * (docs/performance.md, issue 22). Work the first answer does not need (the managed-policy read,
 * the expiry catch-up) waits until that answer is on its way, so it does not compete with the
 * popup's first messages for the worker, storage and the network. A wake that brings no message
 * (an alarm, a notification click) runs it after `fallbackMs`.
 */
export interface WakeQueueOptions {
  readonly fallbackMs?: number;
  /** Schedules `run` after the current task, so the answer's reply is posted first. */
  readonly later?: (run: () => void) => void;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
}

export const WAKE_FALLBACK_MS = 5_000;

export const createWakeQueue = (options: WakeQueueOptions = {}) => {
  const later = options.later ?? ((run) => void setTimeout(run, 0));
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  setTimer(() => release(), options.fallbackMs ?? WAKE_FALLBACK_MS);
  return {
    /** Runs `task` once the first answer has gone; its failure stays its own. */
    afterFirstAnswer(task: () => unknown): void {
      void released.then(task).catch(() => {});
    },
    /** Called as each answer settles; only the first one releases the queue. */
    answered(): void {
      later(release);
    },
  };
};

export type WakeQueue = ReturnType<typeof createWakeQueue>;
