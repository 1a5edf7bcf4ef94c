import type { ListedRecord, MetaPatch, NewRecord, TokenVault } from '../vault/vault-types';

/**
 * A saved Git token can serve runtimes of several Codefresh accounts (one user in two teams), and
 * runtime names repeat across accounts, so each account keeps its own "used on" list in the
 * record (`usedOn[accountId]`). This view of the vault shows and changes only the active account's
 * list through the usual `runtimes` field, so every caller (token flow, Replace everywhere, the
 * expiry watch, the menu) keeps reading `record.runtimes` and never sees another account's.
 *
 * `activeAccount` is the id of the account whose API key is in use (null: none signed in; then the
 * records' own `runtimes` are shown and changed, as before accounts were kept apart).
 */
export const scopeToAccount = (
  vault: TokenVault,
  activeAccount: () => Promise<string | null>,
): TokenVault => {
  const viewOf = (record: ListedRecord, account: string | null): ListedRecord => {
    if (record.kind !== 'git-token' || account === null) return record;
    // A record saved before accounts were kept apart belongs to the one account there was.
    const runtimes = record.usedOn ? (record.usedOn[account] ?? []) : record.runtimes;
    const others = Object.entries(record.usedOn ?? {}).filter(
      ([id, names]) => id !== account && names.length,
    );
    return {
      ...record,
      runtimes,
      ...(others.length ? { usedByOtherAccounts: others.map(([id]) => id) } : {}),
    };
  };
  /**
   * A patch changes the active account's list, unless it names another account itself: "This token
   * leaked" drops the runtimes it removed with another account's key from that account's list.
   */
  const scoped = async <P extends MetaPatch>(patch: P | undefined): Promise<P | undefined> => {
    if (patch?.account !== undefined) return patch;
    const account = await activeAccount();
    return account === null ? patch : ({ ...patch, account } as P);
  };

  return {
    ...vault,
    async list(kind) {
      const records = await vault.list(kind);
      if (!records.some((r) => r.kind === 'git-token')) return records;
      const account = await activeAccount();
      return records.map((r) => viewOf(r, account));
    },
    async save(secret, meta: NewRecord) {
      const account = meta.kind === 'git-token' ? await activeAccount() : null;
      if (account === null) return vault.save(secret, meta);
      return vault.save(secret, { ...meta, runtimes: [], usedOn: { [account]: [...meta.runtimes] } });
    },
    async updateMeta(id, patch) {
      return vault.updateMeta(id, (await scoped(patch)) ?? {});
    },
    async replaceSecret(id, secret, patch) {
      return vault.replaceSecret(id, secret, await scoped(patch));
    },
  };
};

/**
 * Gives every Git token saved before accounts were kept apart (no `usedOn`) to `accountId`: called
 * when a second account is added, while the first is still the only one those lists can be of.
 */
export const claimUnscopedUsedOn = async (
  vault: Pick<TokenVault, 'list' | 'updateMeta'>,
  accountId: string,
): Promise<void> => {
  for (const record of await vault.list('git-token')) {
    if (record.usedOn || record.unreadable || record.runtimes.length === 0) continue;
    await vault.updateMeta(record.id, { account: accountId, addRuntimes: [] }).catch(() => {});
  }
};
