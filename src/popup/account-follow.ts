import type { PopupStore } from './store';

/**
 * A popup asking for the API key follows a sign-in that finishes elsewhere: the user may close the
 * popup right after "Check and save key", and the next one opens before the worker has saved it.
 * `onAccountStored` calls back each time the worker stores an account summary; the popup then asks
 * the worker for its status again (it never reads the account from storage itself).
 */
export const followAccount = (store: PopupStore, onAccountStored: (listener: () => void) => () => void) =>
  onAccountStored(() => {
    const follow = () => void store.getState().accountChanged();
    if (store.getState().phase !== 'loading') return follow();
    // The first status answer is still on its way and may predate the save: look again after it.
    const stop = store.subscribe((state) => {
      if (state.phase === 'loading') return;
      stop();
      follow();
    });
  });
