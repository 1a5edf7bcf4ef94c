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
import { route } from '../message-router';
import type { Services } from '../services';

export const vaultRoutes = ({ vault }: Services) => [
  route(listSaved, () => vault.listSaved()),
  route(removeSaved, async ({ recordId }) => {
    await vault.remove(recordId);
    return { removed: true as const };
  }),
  route(unlockVault, async ({ passphrase }) => {
    await vault.unlock(passphrase);
    return { unlocked: true as const };
  }),
  route(lockVault, async () => {
    await vault.lock();
    return { locked: true as const };
  }),
  route(enablePassphrase, async ({ passphrase }) => {
    await vault.enablePassphrase(passphrase);
    return { mode: 'passphrase' as const };
  }),
  route(disablePassphrase, async ({ passphrase }) => {
    await vault.disablePassphrase(passphrase);
    return { mode: 'device' as const };
  }),
  route(changePassphrase, async ({ oldPassphrase, newPassphrase }) => {
    await vault.changePassphrase(oldPassphrase, newPassphrase);
    return { changed: true as const };
  }),
  route(resetVault, async () => {
    await vault.reset();
    return { erased: true as const };
  }),
  route(setAutoLock, async ({ minutes }) => {
    await vault.setAutoLockMinutes(minutes);
    return { autoLockMinutes: minutes };
  }),
];
