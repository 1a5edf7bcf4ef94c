import type { AppError } from '../../shared/errors';
import type { applyToken, RuntimeApplyResult, removeFromRuntime } from '../../shared/messages/token';
import { messageRef as ref } from '../../ui/message-ref';
import { runBatch } from '../run-batch';
import type { ApplySource, ProgressState, SliceContext } from './context';

/** Adding a token to runtimes (also Replace everywhere's lane): progress, then one result each. */
export interface ApplyState {
  readonly applying: boolean;
  readonly progress: Readonly<Record<string, ProgressState>>;
  readonly results: readonly RuntimeApplyResult[] | null;
  readonly keepError: AppError | null;
}

export interface ApplyActions {
  apply(source: ApplySource, runtimeNames?: readonly string[]): Promise<void>;
  retry(runtimeName: string): Promise<void>;
  dismissResults(): void;
  removeFromRuntime(runtimeName: string): Promise<void>;
  /** Progress events broadcast by the worker while an apply runs, batched (runtime name → state). */
  onProgress(states: Readonly<Record<string, ProgressState>>): void;
}

export const initialApplyState: ApplyState = {
  applying: false,
  progress: {},
  results: null,
  keepError: null,
};

export const createApplySlice = ({
  api,
  text,
  get,
  set,
  load,
  batch,
  retry,
}: SliceContext): ApplyState & ApplyActions => {
  /** The vault record the last apply kept its token in, if any. */
  let keptRecordId: string | null = null;
  return {
    ...initialApplyState,

    async apply(source, runtimeNames) {
      const names = runtimeNames ?? get().targets;
      if (names.length === 0 || get().applying) return;
      retry.source = source;
      const outcome = await runBatch(batch, {
        lane: 'apply',
        names,
        announcement: text('adding'),
        clear: { results: null, keepError: null },
        send: (sendable) =>
          api.ask(ref<typeof applyToken>('token/apply'), {
            source:
              source === 'draft'
                ? { kind: 'draft', draftId: get().draft?.draftId ?? '' }
                : { kind: 'record', recordId: source.recordId },
            runtimeNames: sendable,
            keep: get().keep,
          }),
      });
      // Not reloaded on failure: requests the stopped worker sent may still be completing, and a
      // list read now would be cached half-true. The message says to reopen the popup.
      if (!outcome) return;
      const { answer, results } = outcome;
      // A kept token lives on in this record even after the draft is gone: retries use it.
      if (answer?.recordId) keptRecordId = answer.recordId;
      const failed = results.filter((r) => !r.ok).length;
      set({
        applying: false,
        results,
        keepError: answer?.keepError ?? null,
        announcement: text('addSummary', [String(results.length - failed), String(failed)]),
      });
      await Promise.all([load.runtimes(true), load.saved()]);
    },

    async retry(runtimeName) {
      if (!retry.source) return;
      const previous = get().results ?? [];
      // After a kept first success the draft may be gone; the record it was saved to carries the
      // same token (never just any saved token, which could be another one).
      const source =
        retry.source === 'draft' && !get().draft && keptRecordId ? { recordId: keptRecordId } : retry.source;
      await get().apply(source, [runtimeName]);
      const retried = get().results ?? [];
      set({ results: [...previous.filter((r) => r.runtimeName !== runtimeName), ...retried] });
    },

    dismissResults: () => set({ results: null, progress: {}, keepError: null }),

    async removeFromRuntime(runtimeName) {
      const answer = await api.ask(ref<typeof removeFromRuntime>('token/remove-from-runtime'), {
        runtimeName,
      });
      if (!answer.ok) return set({ error: answer.error, announcement: answer.error.message });
      set({ announcement: text('tokenRemovedFrom', runtimeName) });
      await load.runtimes(true);
    },

    onProgress(states) {
      // Late events from an apply that already finished must not resurrect the progress list.
      const { applying, progress } = get();
      const known = Object.entries(states).filter(([name]) => applying && name in progress);
      if (known.length > 0) set({ progress: { ...progress, ...Object.fromEntries(known) } });
    },
  };
};
