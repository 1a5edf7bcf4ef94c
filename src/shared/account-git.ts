import { cloudApiUrlOf } from '../providers/registry';
import type { GitProvider, RuntimeView } from './runtime-types';
import { sameGitApi } from './token-fit';

/**
 * The account's one Git provider. Codefresh docs (runtime install, "Set up GitOps Git provider"):
 * "The Git provider you select for the first GitOps Runtime applies to all Runtimes in the same
 * account"; `me.activeAccount { gitProvider gitApiUrl }` names it (docs/platform-contract.md §3c).
 * So a pasted token can be checked before any runtime is chosen.
 */
export interface AccountGit {
  readonly provider: GitProvider;
  readonly apiUrl: string;
}

export const accountGitOf = (
  account: { readonly gitProvider: GitProvider | null; readonly gitApiUrl: string | null } | null,
): AccountGit | null => {
  if (!account?.gitProvider) return null;
  const apiUrl = account.gitApiUrl || cloudApiUrlOf(account.gitProvider);
  return apiUrl ? { provider: account.gitProvider, apiUrl } : null;
};

/**
 * What a runtime's Git integration reports when that is not the account's provider (or API URL),
 * or null when it matches or nothing is known. Such a runtime gets no token of the account's provider.
 */
export const otherGitOf = (
  runtime: Pick<RuntimeView, 'gitProvider' | 'gitApiUrl'>,
  account: AccountGit | null,
): { readonly provider: GitProvider; readonly apiUrl: string | null } | null => {
  if (!account || !runtime.gitProvider) return null;
  const same =
    runtime.gitProvider === account.provider &&
    (runtime.gitApiUrl === null || sameGitApi(account.provider, runtime.gitApiUrl, account.apiUrl));
  return same ? null : { provider: runtime.gitProvider, apiUrl: runtime.gitApiUrl };
};
