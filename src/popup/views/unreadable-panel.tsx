import { UnreadableVault } from '../../ui/unreadable-vault';
import { usePopup, usePopupActions } from '../store-context';

/** The popup's whole body while the saved data cannot be read. */
export const UnreadablePanel = () => {
  const reason = usePopup((s) => s.status?.vault.unreadable?.message ?? '');
  const { eraseAndStartAgain } = usePopupActions();
  return <UnreadableVault reason={reason} onErase={eraseAndStartAgain} />;
};
