import {
  changePassphrase,
  disablePassphrase,
  enablePassphrase,
  listSaved,
  lockVault,
  removeSaved,
  resetVault,
  setAutoLock,
  unlockVault,
} from '../../shared/messages/vault';
import { routesOf } from '../messaging/message-router';
import type { VaultService } from './vault-service';

/** The vault's messages, each answered by `VaultService`. */
export const vaultMessages = [
  listSaved,
  removeSaved,
  unlockVault,
  lockVault,
  enablePassphrase,
  disablePassphrase,
  changePassphrase,
  resetVault,
  setAutoLock,
] as const;

export const vaultRoutes = (vault: VaultService) =>
  routesOf(vaultMessages, {
    [listSaved.type]: () => vault.listSaved(),
    [removeSaved.type]: async ({ recordId }) => {
      await vault.remove(recordId);
      return { removed: true as const };
    },
    [unlockVault.type]: async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return { unlocked: true as const };
    },
    [lockVault.type]: async () => {
      await vault.lock();
      return { locked: true as const };
    },
    [enablePassphrase.type]: async ({ passphrase }) => {
      await vault.enablePassphrase(passphrase);
      return { mode: 'passphrase' as const };
    },
    [disablePassphrase.type]: async ({ passphrase }) => {
      await vault.disablePassphrase(passphrase);
      return { mode: 'device' as const };
    },
    [changePassphrase.type]: async ({ oldPassphrase, newPassphrase }) => {
      await vault.changePassphrase(oldPassphrase, newPassphrase);
      return { changed: true as const };
    },
    [resetVault.type]: async () => {
      await vault.reset();
      return { erased: true as const };
    },
    [setAutoLock.type]: async ({ minutes }) => {
      await vault.setAutoLockMinutes(minutes);
      return { autoLockMinutes: minutes };
    },
  });
