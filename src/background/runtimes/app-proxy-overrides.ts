import { AppFailure, isAppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { platformOriginFrom } from '../../shared/platform-origin';
import { parseOverrides } from '../storage/stored-values';
import type { ListedRecord, TokenVault } from '../vault/vault-types';

const KIND = 'app-proxy-addresses';

type OverridesVault = Pick<TokenVault, 'list' | 'saveOnly' | 'withSecret' | 'updateMeta' | 'remove'>;

const changedOutside = () =>
  new AppFailure('overrides-changed-outside', text('appProxyOverridesChangedOutside'));

const recordsOn = async (vault: Pick<TokenVault, 'list'>, platformOrigin: string) =>
  (await vault.list(KIND)).filter((r) => r.apiUrl === platformOrigin);

/**
 * Gives the addresses set before they were kept per account (a record without `accountId`) to
 * `accountId`. Called when a second account is added, while the first is still the only one they
 * can have been set for (accounts-setup.ts), and on the first read after the update: addresses set
 * while several accounts were already signed in do not say for which, so they go to the account in
 * use then, never dropped. Re-sealed with the account bound (envelope.ts `recordAad`). The returned
 * record is the claimed one, or the unscoped one as it was when it could not be claimed.
 */
export const claimUnscopedOverrides = async (
  vault: Pick<TokenVault, 'list' | 'updateMeta'>,
  platformOrigin: string,
  accountId: string,
): Promise<ListedRecord | undefined> => {
  const here = await recordsOn(vault, platformOrigin);
  const unscoped = here.find((r) => r.accountId === undefined);
  // An account that has its own record already keeps it; the older one is left as it is.
  if (!unscoped || unscoped.unreadable || here.some((r) => r.accountId === accountId)) return unscoped;
  await vault.updateMeta(unscoped.id, { accountId });
  return { ...unscoped, accountId };
};

/**
 * The user's own app-proxy address for a runtime, for when Codefresh lists none or only an
 * internal one the browser cannot reach (docs/platform-contract.md §2: "let the user override").
 * Stored per platform and Codefresh account, by runtime name, https origins only: two accounts
 * may each have a runtime of the same name, and an address set in one must never steer the other's
 * token (issue 24).
 *
 * An address decides where a Git token is sent, so it is kept as a vault record (issue 21, finding
 * 5): sealed with the data key and bound (AAD) to the platform and the account it was set for,
 * never in plain page-writable `storage.local`. A record changed outside the extension (another
 * account's record relabelled, say) does not decrypt: it is not used, nothing is sent, and the user
 * is told to set the addresses again or erase.
 */
export const createAppProxyOverrides = (deps: {
  /** The vault without the account-scoped view (account-scoped-vault.ts scopes "used on" lists). */
  readonly vault: OverridesVault;
  /** Read at call time: the record of the platform in use, never another platform's. */
  readonly platformOrigin: () => string;
  /** The Codefresh account in use (account-service.ts `activeAccountId`), null when none. */
  readonly activeAccount: () => Promise<string | null>;
  readonly hasHostAccess: (origin: string) => Promise<boolean>;
  /** Addresses of before were given to an account: lists built with them are read again. */
  readonly onClaimed?: () => Promise<void>;
}) => {
  /** The record of `account` on the platform in use, claiming an unscoped one of before. */
  const recordOf = async (account: string): Promise<ListedRecord | undefined> => {
    const own = (await recordsOn(deps.vault, deps.platformOrigin())).find((r) => r.accountId === account);
    if (own) return own;
    const claimed = await claimUnscopedOverrides(deps.vault, deps.platformOrigin(), account).catch(
      (error: unknown) => {
        if (isAppFailure(error) && error.appError.code === 'vault-record-unreadable') throw changedOutside();
        throw error;
      },
    );
    if (claimed?.accountId === account) await deps.onClaimed?.();
    return claimed;
  };

  /** The addresses as sealed, or `overrides-changed-outside` when the record does not open or parse. */
  const readRecord = async (record: ListedRecord | undefined): Promise<Readonly<Record<string, string>>> => {
    if (!record) return {};
    if (record.unreadable?.code === 'vault-record-unreadable') throw changedOutside();
    if (record.unreadable) throw new AppFailure(record.unreadable.code, record.unreadable.message);
    let sealed: string;
    try {
      sealed = await deps.vault.withSecret(record.id, async (secret) => secret);
    } catch (error) {
      if (isAppFailure(error) && error.appError.code === 'vault-record-unreadable') throw changedOutside();
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(sealed);
    } catch {
      throw changedOutside();
    }
    // Sealed by this module; checked all the same, as everything read back.
    const parsed = parseOverrides(value);
    if (!parsed) throw changedOutside();
    return parsed;
  };

  /** The account in use's addresses; none while no account is signed in (nothing is sent then). */
  const read = async (): Promise<Readonly<Record<string, string>>> => {
    const account = await deps.activeAccount();
    return account === null ? {} : readRecord(await recordOf(account));
  };

  return {
    read,
    async set(runtimeName: string, raw: string | null): Promise<Readonly<Record<string, string>>> {
      const account = await deps.activeAccount();
      if (account === null) {
        throw new AppFailure('no-api-key', text('accountApiKeyFirstInPopupOrOptions'));
      }
      const record = await recordOf(account).catch((error: unknown) => {
        if (isAppFailure(error) && error.appError.code === 'overrides-changed-outside') return undefined;
        throw error;
      });
      // Addresses changed outside the extension are not trusted: setting one starts afresh.
      const current = {
        ...(await readRecord(record).catch((error: unknown) => {
          if (isAppFailure(error) && error.appError.code === 'overrides-changed-outside') return {};
          throw error;
        })),
      };
      if (raw === null) {
        delete current[runtimeName];
      } else {
        let origin: string;
        try {
          origin = platformOriginFrom(raw);
        } catch {
          throw new AppFailure('override-invalid', text('appProxyOverrideInvalid'));
        }
        if (!(await deps.hasHostAccess(origin))) {
          throw new AppFailure('host-access-missing', text('appProxyOverrideHostAccessMissing', [origin]));
        }
        current[runtimeName] = origin;
      }
      // One record per platform and account (token-vault.ts `saveOnly`): a damaged one is replaced.
      await deps.vault.saveOnly(JSON.stringify(current), {
        kind: KIND,
        provider: null,
        apiUrl: deps.platformOrigin(),
        login: null,
        scopes: null,
        expiresAt: null,
        tokenType: KIND,
        runtimes: [],
        accountId: account,
      });
      // The damaged record of before accounts were kept apart goes too: the user was told and started afresh.
      for (const r of await recordsOn(deps.vault, deps.platformOrigin())) {
        if (r.accountId === undefined && r.unreadable) await deps.vault.remove(r.id);
      }
      return current;
    },
    /**
     * Before signing out of an account: addresses of before still unclaimed are the account in
     * use's (as on a read), so they go with it if it is the one signed out of, and stay otherwise.
     */
    async claimForActive(): Promise<void> {
      const account = await deps.activeAccount();
      if (account !== null) await recordOf(account).catch(() => undefined);
    },
    /**
     * Another signed-in account's addresses, for reaching its runtimes without putting it in use
     * (This token leaked, account-runtimes.ts): its own record only, nothing claimed for it.
     */
    async readOf(accountId: string): Promise<Readonly<Record<string, string>>> {
      const records = await recordsOn(deps.vault, deps.platformOrigin());
      return readRecord(records.find((r) => r.accountId === accountId));
    },
    /** Signed out of `accountId`: its addresses go; every other account's stay. */
    async forgetAccount(accountId: string): Promise<void> {
      for (const record of await recordsOn(deps.vault, deps.platformOrigin())) {
        if (record.accountId === accountId) await deps.vault.remove(record.id);
      }
    },
  };
};

export type AppProxyOverrides = ReturnType<typeof createAppProxyOverrides>;
