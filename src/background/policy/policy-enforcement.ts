import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { type EffectiveSettings, isPlatformHostAllowed } from '../../shared/policy';
import type { TokenVault } from '../vault/vault-types';

type Effective = () => Promise<EffectiveSettings>;

/**
 * What the administrator's policy forbids, checked where it matters rather than only where a
 * choice is made, so it holds for state that already exists. A policy that could not be read is
 * "unknown": whatever a policy could forbid is refused, and the message says so.
 */
export const createPolicyGate = (effective: Effective, platformOrigin: () => string) => {
  const known = async () => {
    const settings = await effective();
    if (settings.unknown) throw new AppFailure('policy-unknown', text('policyUnknown'));
    return settings;
  };
  return {
    /** Before the API key is sent or saved: the platform in use must be allowed. */
    async platformAllowed(): Promise<void> {
      const settings = await known();
      if (!isPlatformHostAllowed(settings, platformOrigin())) {
        throw new AppFailure('platform-not-allowed', text('platformInUseNotAllowed', [platformOrigin()]));
      }
    },
    /** Before a saved secret is written or read: a required passphrase must be set first. */
    async vaultUsable(mode: 'device' | 'passphrase'): Promise<void> {
      const settings = await known();
      if (settings.enforced.requirePassphrase && mode === 'device') {
        throw new AppFailure('policy-passphrase-first', text('policyPassphraseFirst'));
      }
    },
    /** Before a Git token is saved (add, reuse, rotation). */
    async keepingAllowed(): Promise<boolean> {
      const settings = await effective();
      return !settings.unknown && settings.keepTokens;
    },
  };
};

export type PolicyGate = ReturnType<typeof createPolicyGate>;

/**
 * The vault as the rest of the worker sees it: every write and every read of a secret passes the
 * policy first, whoever asks (popup, context menu, rotation, the API key). Listing, removing,
 * locking and erasing stay open, so nothing becomes impossible to clean up.
 */
export const gateVault = (vault: TokenVault, gate: PolicyGate): TokenVault => {
  const usable = async () => gate.vaultUsable((await vault.status()).mode);
  const keepable = async (kind: string) => {
    if (kind === 'git-token' && !(await gate.keepingAllowed())) {
      throw new AppFailure('policy-no-keeping', text('keepNotAllowed'));
    }
  };
  return {
    ...vault,
    async save(secret, meta) {
      await keepable(meta.kind);
      await usable();
      return vault.save(secret, meta);
    },
    async saveOnly(secret, meta) {
      await keepable(meta.kind);
      await usable();
      return vault.saveOnly(secret, meta);
    },
    async replaceSecret(id, secret, patch) {
      const record = (await vault.list()).find((r) => r.id === id);
      if (record) await keepable(record.kind);
      await usable();
      return vault.replaceSecret(id, secret, patch);
    },
    async withSecret(id, fn) {
      await usable();
      return vault.withSecret(id, fn);
    },
  };
};

export interface PolicyEnforcementDeps {
  readonly vault: Pick<TokenVault, 'status' | 'list' | 'remove' | 'setAutoLockMinutes'>;
  readonly notify: (message: string) => Promise<void>;
}

/**
 * Applies a freshly read policy to what already exists: the auto-lock time is cut to the ceiling,
 * and when tokens may not be kept the saved ones are removed (they stay on the runtimes) and the
 * user is told. An unknown policy destroys nothing; the gate refuses instead.
 */
export const enforcePolicy = async (deps: PolicyEnforcementDeps, settings: EffectiveSettings) => {
  if (settings.unknown) return;
  const status = await deps.vault.status();
  if (settings.maxAutoLockMinutes !== null && status.autoLockMinutes > settings.maxAutoLockMinutes) {
    await deps.vault.setAutoLockMinutes(settings.maxAutoLockMinutes);
  }
  if (!settings.keepTokens) {
    const saved = await deps.vault.list('git-token');
    for (const record of saved) await deps.vault.remove(record.id);
    if (saved.length > 0) await deps.notify(text('policyRemovedSavedTokens', [saved.length]));
  }
};
