import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { RuntimeView } from '../../shared/runtime-types';
import type { AccountService } from '../account/account-service';
import type { KeyOfAccount } from '../account/key-of-account';
import type { AppProxyClient } from '../codefresh/app-proxy-client';
import type { PlatformClient } from '../codefresh/platform-client';
import type { AppProxyOverrides } from './app-proxy-overrides';
import { directoryUserOf } from './directory-account';
import { createRuntimeViews } from './runtime-view';

export interface AccountRuntimesDeps {
  /** `withKeyOfAccount` runs a callback with one account's API key; `accounts` names them. */
  readonly account: Pick<AccountService, 'accounts'> & { readonly withKeyOfAccount: KeyOfAccount };
  readonly platform: Pick<PlatformClient, 'runtime'>;
  readonly appProxy: AppProxyClient;
  hasHostAccess(origin: string): Promise<boolean>;
  /** `readOf`: that account's own app-proxy addresses per runtime name (none: Codefresh's hosts). */
  readonly overrides?: Pick<AppProxyOverrides, 'readOf'>;
}

/**
 * The runtimes of a signed-in account that is not the one in use, reached with that account's own
 * API key: a key "operates only with entities in the current account, which owns the provided API
 * key" (terraform-provider-codefresh docs), so another account's runtime is never asked with the
 * key in use. Nothing here is cached: the runtime directory keeps the list of the account in use only.
 */
export const createAccountRuntimes = (deps: AccountRuntimesDeps) => {
  const { viewOf, reachableOrigin } = createRuntimeViews(deps);
  return {
    /** Each signed-in account's display name, by account id. */
    async names(): Promise<ReadonlyMap<string, string>> {
      return new Map((await deps.account.accounts()).map((a) => [a.accountId, a.accountName]));
    },

    /** One runtime of `accountId` as the UI shows it (`runtime-not-found` when the platform knows none). */
    find: (accountId: string, name: string): Promise<RuntimeView> =>
      deps.account.withKeyOfAccount(accountId, async (apiKey, me) => {
        const [runtime, overrides] = await Promise.all([
          deps.platform.runtime(apiKey, name),
          deps.overrides ? deps.overrides.readOf(accountId) : Promise.resolve({}),
        ]);
        if (!runtime) {
          throw new AppFailure('runtime-not-found', text('runtimeNotFound', [name.slice(0, 100)]));
        }
        return viewOf(runtime, directoryUserOf(me), apiKey, overrides);
      }),

    /** Removes the user's token from `runtime` of `accountId` (app-proxy `deregisterFromGitIntegration`). */
    async deregister(accountId: string, runtime: RuntimeView): Promise<void> {
      const origin = await reachableOrigin(runtime);
      await deps.account.withKeyOfAccount(accountId, (apiKey) => deps.appProxy.deregister(origin, apiKey));
    },
  };
};

export type AccountRuntimes = ReturnType<typeof createAccountRuntimes>;
