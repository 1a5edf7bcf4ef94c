import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { AccountService as ApiKeys } from '../account/account-service';
import type { AccountSummary } from '../account/account-summary';
import type { createPlatformClient } from '../codefresh/platform-client';
import type { RuntimeDirectoryDeps } from './runtime-directory';

/** The signed-in user as the runtime directory needs it; nobody signed in means "API key first". */
export const directoryUserOf = (me: AccountSummary | null) => {
  if (!me) throw new AppFailure('no-api-key', text('accountApiKeyFirst'));
  const { userId, accountId, gitApiUrl, gitProvider } = me;
  return { userId, accountId, accountGitApiUrl: gitApiUrl, accountGitProvider: gitProvider };
};

/**
 * What the runtime directory asks of the account in use: its API key, the verified user, and, for
 * a new session, `me` and the runtimes in one request.
 */
export const directoryAccount = (
  account: Pick<ApiKeys, 'withApiKey' | 'verifiedSummary' | 'verifiedWith'>,
  platform: Pick<ReturnType<typeof createPlatformClient>, 'runtimes' | 'meAndRuntimes'>,
): Pick<RuntimeDirectoryDeps, 'getApiKey' | 'getMe' | 'meAndRuntimes'> => ({
  getApiKey: () => account.withApiKey(async (key) => key),
  getMe: async () => directoryUserOf(await account.verifiedSummary()),
  meAndRuntimes: async () => {
    const both = await account.verifiedWith(
      (key) => platform.runtimes(key),
      async (key) => {
        const { me, runtimes } = await platform.meAndRuntimes(key);
        return { me, value: runtimes };
      },
    );
    return { me: directoryUserOf(both?.summary ?? null), runtimes: both?.value ?? [] };
  },
});
