import type { ExpiringToken } from '../../shared/expiry-schedule';
import type { removeSaved } from '../../shared/messages/vault';
import { messageRef as ref } from '../../ui/message-ref';
import type { SavedToken } from '../popup-api';
import type { SliceContext } from './context';

/** The saved Git tokens and the worker's expiry watch over them. */
export interface SavedState {
  readonly saved: readonly SavedToken[];
  /** Saved tokens expired or expiring soon (from the worker's expiry watch). */
  readonly expiring: readonly ExpiringToken[];
}

export interface SavedActions {
  /** Something outside this store changed saved tokens (a GitLab rotation): read them again. */
  reloadSaved(): Promise<void>;
  removeSaved(recordId: string): Promise<void>;
}

export const initialSavedState: SavedState = { saved: [], expiring: [] };

export const createSavedSlice = ({ api, text, set, load }: SliceContext): SavedState & SavedActions => ({
  ...initialSavedState,

  reloadSaved: () => load.all(),

  async removeSaved(recordId) {
    const answer = await api.ask(ref<typeof removeSaved>('vault/remove'), { recordId });
    if (!answer.ok) return set({ error: answer.error });
    set({ announcement: text('savedTokenRemoved') });
    await load.saved();
  },
});
