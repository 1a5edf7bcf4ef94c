import type { KeptToken, TokenKeeper } from '../token-service';
import type { TokenVault } from './vault-types';

/**
 * The token flow's view of the vault: git-token records only. `username` is the Bitbucket
 * username or email the draft carried; it is kept beside the token because Bitbucket needs both.
 */
export const createTokenKeeper = (vault: TokenVault): TokenKeeper => ({
  async listTokens(): Promise<readonly KeptToken[]> {
    const records = await vault.list('git-token');
    // An unreadable record cannot be reused, so it is not offered here; the vault list still shows it.
    return records
      .filter((r) => !r.unreadable)
      .map((r) => ({
        id: r.id,
        provider: r.provider,
        apiUrl: r.apiUrl,
        lastFour: r.lastFour,
        login: r.login,
        runtimes: r.runtimes,
        ...(r.username ? { username: r.username } : {}),
      }));
  },

  save: (secret, validation, runtimeNames, username) =>
    vault.save(secret, {
      kind: 'git-token',
      provider: validation.provider,
      apiUrl: validation.apiUrl,
      login: validation.login,
      ...(username ? { username } : {}),
      scopes: validation.scopes,
      expiresAt: validation.expiresAt,
      tokenType: validation.tokenType,
      runtimes: runtimeNames,
    }),

  withSecret: (recordId, fn) => vault.withSecret(recordId, fn),

  addRuntimes: (recordId, runtimeNames) => vault.updateMeta(recordId, { addRuntimes: runtimeNames }),

  dropRuntimes: (recordId, runtimeNames) => vault.updateMeta(recordId, { dropRuntimes: runtimeNames }),
});
