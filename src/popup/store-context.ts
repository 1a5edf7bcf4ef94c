import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { useStore } from '../ui/use-store';
import type { PopupActions, PopupState, PopupStore } from './store';

export const StoreContext = createContext<PopupStore | null>(null);

/** A slice of popup state; re-renders only when that slice changes. */
export const usePopup = <T>(select: (state: PopupState & PopupActions) => T): T => {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePopup outside StoreContext');
  return useStore(store, select);
};

export const usePopupActions = (): PopupActions => {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePopupActions outside StoreContext');
  return store.getState();
};
