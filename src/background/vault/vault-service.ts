import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { SavedToken } from '../../shared/messages/vault';
import { type EffectiveSettings, isAutoLockAllowed } from '../../shared/policy';
import type { TokenVault } from './vault-types';

/** What the vault's messages (`vault/*`) ask of the worker. */
export interface VaultService {
  listSaved(): Promise<readonly SavedToken[]>;
  remove(recordId: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  enablePassphrase(passphrase: string): Promise<void>;
  disablePassphrase(passphrase: string): Promise<void>;
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>;
  setAutoLockMinutes(minutes: number): Promise<void>;
  reset(): Promise<void>;
}

export interface VaultServiceDeps {
  readonly vault: Pick<
    TokenVault,
    | 'remove'
    | 'unlock'
    | 'lock'
    | 'enablePassphrase'
    | 'disablePassphrase'
    | 'changePassphrase'
    | 'setAutoLockMinutes'
    | 'reset'
  >;
  /** The saved Git tokens as the lists show them (saved-git-tokens.ts). */
  readonly listSaved: () => Promise<readonly SavedToken[]>;
  /** The administrator's policy over the user's choices (policy-service.ts). */
  readonly policy: () => Promise<EffectiveSettings>;
  /** Drops the runtime snapshot painted before the vault opens (snapshot-area.ts). */
  readonly forgetSnapshot: () => Promise<void>;
  /** Clears what an erase clears (storage-keys.ts). */
  readonly afterErase: () => Promise<void>;
  /** Starts what waited for the passphrase (an unfinished GitLab rotation, create-rotation.ts); not awaited. */
  readonly afterUnlock?: () => void;
}

/**
 * The vault's messages, with the policy checked where the choice is made and again here, so it
 * holds whoever asks: a required passphrase cannot be turned off, and auto-lock stays under the
 * administrator's ceiling. An unreadable policy refuses both (policy-enforcement.ts says why).
 */
export const createVaultService = (deps: VaultServiceDeps): VaultService => {
  const { vault } = deps;
  const knownPolicy = async () => {
    const effective = await deps.policy();
    if (effective.unknown) throw new AppFailure('policy-unknown', text('policyUnknown'));
    return effective;
  };
  return {
    listSaved: () => deps.listSaved(),
    remove: (id) => vault.remove(id),
    async unlock(passphrase) {
      await vault.unlock(passphrase);
      deps.afterUnlock?.();
    },
    lock: () => vault.lock(),
    async enablePassphrase(passphrase) {
      await vault.enablePassphrase(passphrase);
      // From now on the vault opens locked: no snapshot to paint behind it (snapshot-area.ts).
      await deps.forgetSnapshot();
    },
    async disablePassphrase(passphrase) {
      const effective = await knownPolicy();
      if (effective.enforced.requirePassphrase) {
        throw new AppFailure('policy-passphrase', text('policyPassphraseCannotBeOff'));
      }
      await vault.disablePassphrase(passphrase);
    },
    changePassphrase: (oldPassphrase, newPassphrase) => vault.changePassphrase(oldPassphrase, newPassphrase),
    async setAutoLockMinutes(minutes) {
      const effective = await knownPolicy();
      if (!isAutoLockAllowed(effective, minutes)) {
        throw new AppFailure(
          'policy-auto-lock',
          text('policyAutoLockCeiling', [String(effective.maxAutoLockMinutes)]),
        );
      }
      await vault.setAutoLockMinutes(minutes);
    },
    async reset() {
      await vault.reset();
      await deps.afterErase();
    },
  };
};
