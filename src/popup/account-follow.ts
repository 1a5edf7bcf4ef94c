import type { PopupStore } from './store';

/**
 * The popup follows an account change made elsewhere while it is open: a sign-in that finishes
 * after the popup that sent the key closed (the next one opens before the worker has saved it), and
 * a sign-in or sign-out on the options page. `onAccountChanged` calls back each time the worker
 * stores or removes an account summary; the popup then asks the worker for its status again (it
 * never reads the account from storage itself).
 */
export const followAccount = (store: PopupStore, onAccountChanged: (listener: () => void) => () => void) =>
  onAccountChanged(() => {
    const follow = () => void store.getState().accountChanged();
    if (store.getState().phase !== 'loading') return follow();
    // The first status answer is still on its way and may predate the save: look again after it.
    const stop = store.subscribe((state) => {
      if (state.phase === 'loading') return;
      stop();
      follow();
    });
  });
