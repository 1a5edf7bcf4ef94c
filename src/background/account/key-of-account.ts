import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { readStored, STORED } from '../storage/storage-keys';
import { type AccountServiceDeps, type AccountSummary, toSummary } from './account-summary';

/** Runs a callback with one account's API key: see `createKeyOfAccount`. */
export type KeyOfAccount = <T>(
  accountId: string,
  fn: (apiKey: string, me: AccountSummary) => Promise<T>,
) => Promise<T>;

/**
 * Runs `fn` with the API key of account `accountId` on the platform in use, and what the platform
 * says of that key, without putting that account in use: "This token leaked" reaches another
 * signed-in account's runtimes with that account's own key (runtimes/account-runtimes.ts). As with
 * `withApiKey`, the key stays in the callback. Only a key bound to the platform in use is chosen
 * (account-service.ts), and a key whose `me` now names another account is not used for this one.
 */
export const createKeyOfAccount =
  (deps: Pick<AccountServiceDeps, 'vault' | 'me' | 'platformOrigin' | 'session'>): KeyOfAccount =>
  async (accountId, fn) => {
    const missing = () => new AppFailure('account-key-missing', text('accountKeyMissing'));
    const origin = deps.platformOrigin();
    const record = (await deps.vault.list('codefresh-api-key')).find(
      (r) => r.apiUrl === origin && r.accountId === accountId,
    );
    if (!record) throw missing();
    return deps.vault.withSecret(record.id, async (apiKey) => {
      // What the platform said of this key this session (storage.session), else asked now.
      const known = deps.session
        ? (await readStored(deps.session, STORED.accountVerified))?.[record.id]
        : undefined;
      const me = known ?? toSummary(await deps.me(apiKey));
      if (me.accountId !== accountId) throw missing();
      return fn(apiKey, me);
    });
  };
