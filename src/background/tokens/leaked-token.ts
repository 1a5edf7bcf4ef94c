import { text } from '../../shared/i18n';
import type { LeakAccountResults, LeakAnswer, ProviderRevocation } from '../../shared/messages/leak';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import type { RuntimeView } from '../../shared/runtime-types';
import { tokenFitsRuntime } from '../../shared/token-fit';
import type { RevokeInput } from '../providers/revoke-token';
import type { AccountRuntimes } from '../runtimes/account-runtimes';
import { runtimeErrorOf } from '../runtimes/runtime-directory';
import { vaultErrors } from '../vault/vault-errors';
import type { ListedRecord, TokenVault } from '../vault/vault-types';
import { inNamedOrder, keepErrorOf, type SavedGitTokens } from './saved-git-tokens';

export interface LeakedTokenDeps {
  readonly vault: Pick<TokenVault, 'status' | 'list' | 'withSecret' | 'save' | 'updateMeta' | 'remove'>;
  /** The worker's one saved-token store (create-services.ts), not a copy of its own. */
  readonly saved: Pick<SavedGitTokens, 'get' | 'withSecret'>;
  /** Revokes at the provider (`revokeAtProvider`); never throws. */
  revoke(
    input: RevokeInput,
    withToken: <T>(fn: (token: string) => Promise<T>) => Promise<T>,
  ): Promise<ProviderRevocation>;
  findRuntime(name: string): Promise<RuntimeView>;
  /**
   * Removes the user's token from one runtime (app-proxy `deregisterFromGitIntegration`) and drops
   * the runtime from every saved token's list: the token service's `removeFromRuntime`.
   */
  removeFromRuntime(runtimeName: string): Promise<unknown>;
  /**
   * The other signed-in accounts whose runtimes hold the token (the record's `usedOn`), each reached
   * with its own API key (runtimes/account-runtimes.ts); `names` gives each account's display name.
   */
  readonly otherAccounts?: Pick<AccountRuntimes, 'find' | 'deregister' | 'names'>;
}

/**
 * "This token leaked" (issue 24 point 2). Three steps, in the order that closes the leak first:
 * revoke at the provider, remove from every runtime the saved token was added to (in the account in
 * use and in every other signed-in account, each with its own key), forget the saved copy. A failure at one step does not stop the next, and each is named in the answer. The user
 * asked to forget it, so it is forgotten even when revocation failed; the answer then says the
 * token may still work and links the provider's page (SECURITY.md, "A leaked token").
 */
export const createLeakedToken = (deps: LeakedTokenDeps) => {
  const { saved } = deps;

  const atProvider = async (record: ListedRecord, id: string): Promise<ProviderRevocation> => {
    if (!record.provider) {
      return {
        outcome: 'failed',
        place: record.apiUrl,
        link: record.apiUrl,
        error: { code: 'revoke-failed', message: text('leakProviderUnknown') },
      };
    }
    const input = { provider: record.provider, apiUrl: record.apiUrl };
    // An unreadable copy cannot be sent: the attempt fails inside, with the provider's page to go to.
    return deps.revoke(input, (fn) => saved.withSecret(id, fn));
  };

  /** Where a runtime is looked up and its token removed: the account in use, or another one. */
  interface RuntimeAccess {
    find(name: string): Promise<RuntimeView>;
    remove(runtime: RuntimeView): Promise<unknown>;
  }
  const inUse: RuntimeAccess = {
    find: (name) => deps.findRuntime(name),
    remove: (runtime) => deps.removeFromRuntime(runtime.name),
  };

  const fromRuntime = async (
    record: { provider: RuntimeView['gitProvider']; apiUrl: string },
    name: string,
    access: RuntimeAccess,
  ) => {
    try {
      const runtime = await access.find(name);
      if (!tokenFitsRuntime(record, runtime)) {
        // Its Git host changed since: the token there is another one, so it is left alone.
        return {
          runtimeName: name,
          ok: false,
          error: {
            code: 'token-wrong-host',
            message: text('leakRuntimeOtherHost', [name, runtime.gitApiUrl ?? '', record.apiUrl]),
          },
        } satisfies RuntimeApplyResult;
      }
      await access.remove(runtime);
      return { runtimeName: name, ok: true } satisfies RuntimeApplyResult;
    } catch (error) {
      return { runtimeName: name, ok: false, error: runtimeErrorOf(error) } satisfies RuntimeApplyResult;
    }
  };

  const fromRuntimes = async (record: ListedRecord, names: readonly string[], access: RuntimeAccess) =>
    inNamedOrder(names, await Promise.all(names.map((name) => fromRuntime(record, name, access))));

  /** Each other account's runtimes, in parallel; one account's failure (its key refused) is its own. */
  const fromOtherAccounts = async (record: ListedRecord): Promise<LeakAccountResults[]> => {
    const others = deps.otherAccounts;
    const ids = record.usedByOtherAccounts ?? [];
    if (!others || ids.length === 0) return [];
    const names = await others.names().catch(() => new Map<string, string>());
    return Promise.all(
      ids.map(async (accountId) => ({
        accountId,
        accountName: names.get(accountId) ?? accountId,
        runtimes: await fromRuntimes(record, record.usedOn?.[accountId] ?? [], {
          find: (name) => others.find(accountId, name),
          remove: (runtime) => others.deregister(accountId, runtime),
        }),
      })),
    );
  };

  /** The saved copy stays (forgetting failed): its lists no longer name the runtimes it left. */
  const dropRemoved = async (recordId: string, accounts: readonly LeakAccountResults[]) => {
    for (const { accountId, runtimes } of accounts) {
      const removed = runtimes.filter((r) => r.ok).map((r) => r.runtimeName);
      if (removed.length === 0) continue;
      await deps.vault.updateMeta(recordId, { account: accountId, dropRuntimes: removed }).catch(() => {});
    }
  };

  return {
    async handle(recordId: string): Promise<LeakAnswer> {
      const record = await saved.get(recordId);
      // Revoking needs the secret: with the vault locked nothing is done, and the popup asks to unlock.
      if ((await deps.vault.status()).locked) throw vaultErrors.locked();

      const provider = await atProvider(record, recordId);
      const [runtimes, accounts] = await Promise.all([
        fromRuntimes(record, record.runtimes, inUse),
        fromOtherAccounts(record),
      ]);
      const otherAccounts = accounts.length > 0 ? { otherAccounts: accounts } : {};
      try {
        // Only now: the record holds the other accounts' lists, which the steps above needed.
        await deps.vault.remove(recordId);
        return { provider, runtimes, ...otherAccounts, forgotten: true };
      } catch (error) {
        await dropRemoved(recordId, accounts);
        return {
          provider,
          runtimes,
          ...otherAccounts,
          forgotten: false,
          forgetError: keepErrorOf(error, text('leakForgetFailed')),
        };
      }
    },
  };
};

export type LeakedToken = ReturnType<typeof createLeakedToken>;
