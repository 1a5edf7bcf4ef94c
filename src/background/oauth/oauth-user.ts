import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { AccountSummary } from '../account/account-summary';
import type { OAuthUser } from './git-oauth';

/** Whose runtimes the OAuth flow is for: the account in use; nobody signed in means "API key first". */
export const oauthUserOf = (me: AccountSummary | null): OAuthUser => {
  if (!me) throw new AppFailure('no-api-key', text('accountApiKeyFirst'));
  return { userId: me.userId, accountId: me.accountId };
};
