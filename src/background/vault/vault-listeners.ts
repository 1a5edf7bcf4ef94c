import { defineListeners } from '../browser/listener-dispatch';
import { AUTO_LOCK_ALARM } from './vault-layout';
import type { TokenVault } from './vault-types';

/**
 * The vault's browser listeners: its auto-lock alarm (`key-custody.ts` sets it at each unlock and
 * pushes it back on activity) locks it, and every message from an extension page counts as activity.
 */
export const vaultListeners = (vault: Pick<TokenVault, 'lock' | 'touch'>) =>
  defineListeners({
    feature: 'vault',
    alarms: { [AUTO_LOCK_ALARM]: () => vault.lock() },
    extensionPageUsed: () => vault.touch(),
  });
