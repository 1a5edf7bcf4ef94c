import { selfHostedGitOrigin } from '../../shared/constants';
import type { rotateToken } from '../../shared/messages/token';
import { messageRef as ref } from '../../ui/message-ref';
import { runBatch } from '../run-batch';
import type { SliceContext } from './context';

/** Replace everywhere: a saved token's successor, added wherever the old one is used. */
export interface RotationState {
  /** The saved token being replaced everywhere, while the user pastes its successor. */
  readonly rotating: string | null;
  /** Set when the new token belongs to someone else: the user must confirm before it is sent. */
  readonly ownerChangeAsked: boolean;
  readonly rotationReplaced: boolean | null;
}

export interface RotationActions {
  startRotation(recordId: string): void;
  cancelRotation(): void;
  rotate(token: string, username: string | undefined, confirmDifferentOwner: boolean): Promise<boolean>;
}

export const initialRotationState: RotationState = {
  rotating: null,
  ownerChangeAsked: false,
  rotationReplaced: null,
};

export const createRotationSlice = ({
  api,
  text,
  get,
  set,
  load,
  batch,
  retry,
}: SliceContext): RotationState & RotationActions => ({
  ...initialRotationState,

  startRotation(recordId) {
    set({ rotating: recordId, ownerChangeAsked: false, rotationReplaced: null, results: null, error: null });
  },

  cancelRotation: () => set({ rotating: null, ownerChangeAsked: false }),

  async rotate(token, username, confirmDifferentOwner) {
    const oldRecordId = get().rotating;
    if (!oldRecordId || get().applying) return false;
    const saved = get().saved.find((s) => s.id === oldRecordId);
    // As in Check: the Git host the new token is checked against (and any app-proxy still
    // missing) is asked for first thing in this click; refused, nothing is sent.
    const gitOrigin = selfHostedGitOrigin(saved?.apiUrl ?? null);
    const outcome = await runBatch(batch, {
      lane: 'apply',
      names: saved?.runtimes ?? [],
      alsoAsk: gitOrigin ? [gitOrigin] : [],
      stopWith: (origins) => ({
        code: 'host-access-refused',
        message: text('rotationHostAccessRefused', origins.join(', ')),
      }),
      announcement: text('adding'),
      clear: { results: null },
      send: () =>
        api.ask(ref<typeof rotateToken>('token/rotate'), {
          oldRecordId,
          token,
          confirmDifferentOwner,
          ...(username ? { username } : {}),
        }),
      onError: (error) => ({ ownerChangeAsked: error.code === 'rotation-owner-changed' }),
    });
    if (!outcome?.answer) return false;
    const { results, replaced, newRecordId, keepError } = outcome.answer;
    // A runtime that failed is retried with the new token, which the worker saved on its own.
    if (newRecordId) retry.source = { recordId: newRecordId };
    const failed = results.filter((r) => !r.ok).length;
    set({
      applying: false,
      results,
      keepError: keepError ?? null,
      rotating: null,
      ownerChangeAsked: false,
      rotationReplaced: replaced,
      announcement: text('addSummary', [String(results.length - failed), String(failed)]),
    });
    await load.all();
    return true;
  },
});
