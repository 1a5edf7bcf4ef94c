import type { setApiKey, signOut, switchAccount } from '../../shared/messages/account';
import type { getStatus, StatusView } from '../../shared/messages/status';
import type { discardDraft } from '../../shared/messages/token';
import { messageRef as ref } from '../../ui/message-ref';
import type { SliceContext } from './context';

export interface AccountActions {
  /**
   * Sign-out of the account in use; `every`: of every account on the platform in use (access to
   * the platform was withdrawn, which concerns each of its keys alike).
   */
  forgetApiKey(every?: boolean): Promise<void>;
  /** Puts another signed-in account in use. */
  switchAccount(recordId: string): Promise<void>;
  /** "Add another account": checks and saves its key, which is then the one in use. */
  addAccount(apiKey: string): Promise<boolean>;
  /**
   * The stored account changed elsewhere (a sign-in from a popup closed early, a sign-in or
   * sign-out on the options page): follow it.
   */
  accountChanged(): Promise<void>;
}

/** The API key record in use, as a status names it. */
const inUse = (status: StatusView | null) => status?.accounts.find((a) => a.active)?.id ?? null;

/**
 * The popup's account actions. Each account has its own runtimes and its own "used on" lists, so
 * after any change of account the popup starts over: nothing read for the previous account
 * (runtimes, detection, a checked token, targets) stays on screen.
 */
export const createAccountSlice = ({
  api,
  text,
  get,
  set,
  initial,
  ownAccountChange: own,
}: SliceContext): AccountActions => {
  const startOver = async (announcement: string) => {
    const draft = get().draft;
    // A token checked for the previous account is not kept waiting in the worker either.
    if (draft) await api.ask(ref<typeof discardDraft>('token/discard-draft'), { draftId: draft.draftId });
    set({ ...initial, keep: get().keep, announcement });
    await get().start(api.activeTabUrl());
  };
  /** One change of account at a time; the stored account it causes is not followed as well. */
  const changing = async <T>(run: () => Promise<T>): Promise<T> => {
    own.pending = true;
    try {
      return await run();
    } finally {
      own.pending = false;
    }
  };

  return {
    forgetApiKey: (every = false) =>
      changing(async () => {
        const answer = await api.ask(ref<typeof signOut>('account/sign-out'), every ? { every } : {});
        if (!answer.ok) return set({ error: answer.error });
        await startOver('');
      }),
    switchAccount: (id) =>
      changing(async () => {
        const answer = await api.ask(ref<typeof switchAccount>('account/switch'), { id });
        if (!answer.ok) return set({ error: answer.error });
        await startOver(text('accountSwitched', answer.value.accountName));
      }),
    addAccount: (apiKey) =>
      changing(async () => {
        const answer = await api.ask(ref<typeof setApiKey>('account/set-api-key'), { apiKey });
        if (!answer.ok) {
          set({ error: answer.error });
          return false;
        }
        await startOver(text('accountSwitched', answer.value.accountName));
        return true;
      }),

    async accountChanged() {
      if (own.pending) return;
      const { phase } = get();
      if (phase === 'needs-api-key') return get().start(api.activeTabUrl());
      // Locked or unreadable: the status is asked again once that is resolved.
      if (phase !== 'ready') return;
      const answer = await api.ask(ref<typeof getStatus>('status/get'), {});
      if (!answer.ok || own.pending) return;
      const before = get().status;
      const now = answer.value;
      const same = inUse(before) === inUse(now) && before?.account?.accountId === now.account?.accountId;
      // Another account signed out of (or in to): the switcher lists the accounts there are now.
      if (same) return set({ status: now });
      // The account on screen was signed out of elsewhere: the next one, or the sign-in form.
      const gone = before?.account && !now.accounts.some((a) => a.id === inUse(before));
      const said = [
        gone ? text('accountSignedOutElsewhere', before.account?.accountName ?? '') : '',
        now.account ? text('accountSwitched', now.account.accountName) : '',
      ];
      await changing(() => startOver(said.filter(Boolean).join(' ')));
    },
  };
};
