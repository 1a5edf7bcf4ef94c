import type { setApiKey, signOut, switchAccount } from '../../shared/messages/account';
import type { discardDraft } from '../../shared/messages/token';
import { messageRef as ref } from '../../ui/message-ref';
import type { SliceContext } from './context';

export interface AccountActions {
  /** Sign-out of the account in use (also when access to the platform was withdrawn). */
  forgetApiKey(): Promise<void>;
  /** Puts another signed-in account in use. */
  switchAccount(recordId: string): Promise<void>;
  /** "Add another account": checks and saves its key, which is then the one in use. */
  addAccount(apiKey: string): Promise<boolean>;
}

/**
 * The popup's account actions. Each account has its own runtimes and its own "used on" lists, so
 * after any change of account the popup starts over: nothing read for the previous account
 * (runtimes, detection, a checked token, targets) stays on screen.
 */
export const createAccountSlice = ({ api, text, get, set, initial }: SliceContext): AccountActions => {
  const startOver = async (announcement: string) => {
    const draft = get().draft;
    // A token checked for the previous account is not kept waiting in the worker either.
    if (draft) await api.ask(ref<typeof discardDraft>('token/discard-draft'), { draftId: draft.draftId });
    set({ ...initial, keep: get().keep, announcement });
    await get().start(api.activeTabUrl());
  };
  return {
    async forgetApiKey() {
      const answer = await api.ask(ref<typeof signOut>('account/sign-out'), {});
      if (!answer.ok) return set({ error: answer.error });
      await startOver('');
    },
    async switchAccount(id) {
      const answer = await api.ask(ref<typeof switchAccount>('account/switch'), { id });
      if (!answer.ok) return set({ error: answer.error });
      await startOver(text('accountSwitched', answer.value.accountName));
    },
    async addAccount(apiKey) {
      const answer = await api.ask(ref<typeof setApiKey>('account/set-api-key'), { apiKey });
      if (!answer.ok) {
        set({ error: answer.error });
        return false;
      }
      await startOver(text('accountSwitched', answer.value.accountName));
      return true;
    },
  };
};
