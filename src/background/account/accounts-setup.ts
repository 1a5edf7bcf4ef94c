import type { PolicyGate } from '../policy/policy-enforcement';
import { claimUnscopedOverrides } from '../runtimes/app-proxy-overrides';
import type { StorageAreaLike, TokenVault } from '../vault/vault-types';
import { claimUnscopedUsedOn, scopeToAccount } from './account-scoped-vault';
import { createAccountService, type MeAnswer } from './account-service';
import { createKeyOfAccount, type KeyOfAccount } from './key-of-account';

/**
 * The signed-in Codefresh accounts as the worker uses them (split from create-services.ts): the
 * API keys behind the policy gate, and the vault as every other module sees it, with each saved
 * Git token's "used on" list of the account in use only (account-scoped-vault.ts).
 */
export const createAccounts = (deps: {
  /** The vault behind the policy gate. */
  readonly vault: TokenVault;
  readonly gate: PolicyGate;
  readonly vaultMode: () => Promise<'device' | 'passphrase'>;
  readonly me: (apiKey: string) => Promise<MeAnswer>;
  readonly local: StorageAreaLike;
  readonly session: StorageAreaLike;
  readonly platformOrigin: () => string;
}) => {
  const ungated = createAccountService({
    vault: deps.vault,
    me: deps.me,
    storage: deps.local,
    session: deps.session,
    platformOrigin: deps.platformOrigin,
    // The lists and app-proxy addresses kept while there was one account are that account's, not
    // the new one's.
    beforeSecondAccount: async (accountId) => {
      await claimUnscopedUsedOn(deps.vault, accountId);
      await claimUnscopedOverrides(deps.vault, deps.platformOrigin(), accountId).catch(() => undefined);
    },
  });
  // The API key goes only to a platform the policy allows, the one already in use included.
  const keyOfAccount = createKeyOfAccount(deps);
  const account: typeof ungated & { readonly withKeyOfAccount: KeyOfAccount } = {
    ...ungated,
    async setApiKey(raw) {
      // Refused before the key is even checked with the platform, when it could not be kept.
      await deps.gate.platformAllowed();
      await deps.gate.vaultUsable(await deps.vaultMode());
      return ungated.setApiKey(raw);
    },
    async switchTo(recordId) {
      await deps.gate.platformAllowed();
      return ungated.switchTo(recordId);
    },
    async withApiKey(fn) {
      await deps.gate.platformAllowed();
      return ungated.withApiKey(fn);
    },
    async verifiedSummary() {
      await deps.gate.platformAllowed();
      return ungated.verifiedSummary();
    },
    async verifiedWith(alone, withMe) {
      await deps.gate.platformAllowed();
      return ungated.verifiedWith(alone, withMe);
    },
    async withKeyOfAccount(accountId, fn) {
      await deps.gate.platformAllowed();
      return keyOfAccount(accountId, fn);
    },
  };
  const vault = scopeToAccount(deps.vault, () => ungated.activeAccountId().catch(() => null));
  return { account, vault };
};

/** What the account routes do beyond the account service: the runtime lists follow the account. */
export const accountRoutesOf = (deps: {
  readonly account: ReturnType<typeof createAccounts>['account'];
  readonly directory: { detach(): void; forgetAccount(accountId: string): Promise<void> };
  /** The user's own app-proxy addresses (app-proxy-overrides.ts), kept per account. */
  readonly overrides?: {
    claimForActive(): Promise<void>;
    forgetAccount(accountId: string): Promise<void>;
  };
  /** No account is left: what sign-out clears goes (storage-keys.ts), as with one account before. */
  readonly lastSignedOut: () => Promise<void>;
}) => ({
  setApiKey: async (apiKey: string) => {
    const summary = await deps.account.setApiKey(apiKey);
    deps.directory.detach();
    return summary;
  },
  async signOut(recordId?: string, every = false) {
    await deps.overrides?.claimForActive();
    const records = every ? (await deps.account.accounts()).map((a) => a.id) : [recordId];
    for (const record of records) {
      const accountId = await deps.account.signOut(record);
      // Reads started for the account signed out of are not joined by later calls.
      deps.directory.detach();
      // The cached runtimes, their snapshot and the addresses set for its runtimes describe this
      // account: they go with its key; the other accounts' stay.
      if (accountId !== null) {
        await deps.directory.forgetAccount(accountId);
        await deps.overrides?.forgetAccount(accountId);
      }
    }
    if ((await deps.account.accounts()).length === 0) await deps.lastSignedOut();
  },
  async switchTo(recordId: string) {
    const summary = await deps.account.switchTo(recordId);
    deps.directory.detach();
    return summary;
  },
});
