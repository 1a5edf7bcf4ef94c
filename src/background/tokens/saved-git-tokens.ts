import { type AppError, AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import type { SavedToken } from '../../shared/messages/vault';
import type { RuntimeView } from '../../shared/runtime-types';
import { sameGitApi, type TokenTarget, tokenFitsRuntime } from '../../shared/token-fit';
import type { TokenValidation } from '../../shared/validation-types';
import { vaultErrors } from '../vault/vault-errors';
import { createSharedExclusive } from '../vault/vault-queue';
import type { ListedRecord, TokenVault } from '../vault/vault-types';
import { withAccessState } from './host-revocation';
import type { KeptToken, TokenKeeper } from './token-service';

/**
 * Saved Git tokens, in one place: the token service, Replace everywhere, host revocation, the menu
 * and the saved-token list all read and write them through here. Records are git-token vault
 * records; `username` is the Bitbucket username or email kept beside a token that needs both.
 */

/** The runtimes `token` fits, and the others (each caller says why in its own words). */
export const splitByFit = <R extends Pick<RuntimeView, 'gitProvider' | 'gitApiUrl'>>(
  token: TokenTarget,
  runtimes: readonly R[],
) => {
  const fitting = runtimes.filter((r) => tokenFitsRuntime(token, r));
  return { fitting, misfits: runtimes.filter((r) => !fitting.includes(r)) };
};

/**
 * The answer for a runtime a saved token no longer fits: its Git integration moved to another host
 * since the token was added there, so the token is not sent (Replace everywhere and rotation alike).
 */
export const movedHostResult = (
  runtime: Pick<RuntimeView, 'name' | 'gitApiUrl'>,
  tokenApiUrl: string,
): RuntimeApplyResult => ({
  runtimeName: runtime.name,
  ok: false,
  error: {
    code: 'token-wrong-host',
    message: runtime.gitApiUrl
      ? text('rotateRuntimeMovedHost', [runtime.name, runtime.gitApiUrl, tokenApiUrl])
      : text('rotateRuntimeMovedUnknownHost', [runtime.name, tokenApiUrl]),
  },
});

/** Results in the order the runtimes were named (by the user, or in the saved record). */
export const inNamedOrder = <T extends { readonly runtimeName: string }>(
  names: readonly string[],
  results: readonly T[],
): T[] => names.map((n) => results.find((r) => r.runtimeName === n)).filter((r): r is T => r !== undefined);

/** Why keeping a token failed, for the answer: the vault's own reason, or `fallback`. */
export const keepErrorOf = (error: unknown, fallback: string): AppError =>
  error instanceof AppFailure ? error.appError : { code: 'keep-failed', message: fallback };

/**
 * A readable saved token (other than `exceptId`) holding exactly `token`. Only records with the
 * same last four, provider and API are decrypted, so the usual case decrypts nothing.
 */
export const findSavedCopy = async (
  saved: Pick<TokenKeeper, 'listTokens' | 'withSecret'>,
  token: string,
  target: TokenTarget & { readonly lastFour: string },
  exceptId?: string,
): Promise<KeptToken | undefined> => {
  const candidates = (await saved.listTokens()).filter(
    (k) =>
      k.id !== exceptId &&
      k.lastFour === target.lastFour &&
      target.provider !== null &&
      k.provider === target.provider &&
      sameGitApi(target.provider, k.apiUrl, target.apiUrl),
  );
  for (const candidate of candidates) {
    const same = await saved.withSecret(candidate.id, async (secret) => secret === token).catch(() => false);
    if (same) return candidate;
  }
  return undefined;
};

const keptOf = (r: ListedRecord): KeptToken => ({
  id: r.id,
  provider: r.provider,
  apiUrl: r.apiUrl,
  lastFour: r.lastFour,
  login: r.login,
  runtimes: r.runtimes,
  ...(r.username ? { username: r.username } : {}),
});

/**
 * One instance per worker (create-services.ts): its gate is what keeps a replacement of a saved
 * token apart from the adds and removals that use saved tokens meanwhile.
 */
export const createSavedGitTokens = (
  vault: Pick<TokenVault, 'list' | 'save' | 'withSecret' | 'updateMeta' | 'remove'>,
  hasHostAccess: (origin: string) => Promise<boolean> = async () => true,
) => {
  const gate = createSharedExclusive();
  return {
    /**
     * An add or removal of a token on runtimes, from reading a saved token to noting where it went:
     * many at once (each note is merged into the record as stored), never while `replacing` runs.
     */
    adding: <T>(fn: () => Promise<T>): Promise<T> => gate.shared(fn),

    /**
     * Replacing a saved token's secret everywhere it is used (Replace everywhere, GitLab rotation),
     * alone: the adds already under way finish first, so the runtimes they put the old token on are
     * in the list the replacement reads and get the new one too; adds asked for meanwhile wait, then
     * read the saved token as the replacement left it. Without this, a runtime given the old token
     * while the record was being replaced ended up listed under the new one, which it never got.
     */
    replacing: <T>(fn: () => Promise<T>): Promise<T> => gate.exclusive(fn),

    /** Every saved Git token, unreadable ones included (flagged): what the user can see and remove. */
    all: () => vault.list('git-token'),

    /** A saved Git token by id, readable or not; `vault-record-missing` when there is none. */
    async get(id: string): Promise<ListedRecord> {
      const record = (await vault.list('git-token')).find((r) => r.id === id);
      if (!record) throw vaultErrors.recordMissing();
      return record;
    },

    async listTokens(): Promise<readonly KeptToken[]> {
      // An unreadable record cannot be reused, so it is not offered here; `all` still shows it.
      return (await vault.list('git-token')).filter((r) => !r.unreadable).map(keptOf);
    },

    /** What extension pages (saved-token list, menu) see: metadata, access state, never the secret. */
    async listSaved(): Promise<readonly SavedToken[]> {
      const records = await withAccessState(await vault.list('git-token'), hasHostAccess);
      return records.map((r) => ({
        id: r.id,
        provider: r.provider,
        apiUrl: r.apiUrl,
        login: r.login,
        tokenType: r.tokenType,
        scopes: r.scopes,
        lastFour: r.lastFour,
        expiresAt: r.expiresAt,
        createdAt: r.createdAt,
        lastUsedAt: r.lastUsedAt,
        runtimes: r.runtimes,
        ...(r.usedByOtherAccounts?.length
          ? {
              otherAccounts: r.usedByOtherAccounts.map((accountId) => ({
                accountId,
                runtimes: r.usedOn?.[accountId] ?? [],
              })),
            }
          : {}),
        ...(r.needsAccess ? { needsAccess: r.needsAccess } : {}),
        ...(r.unreadable ? { unreadable: { message: r.unreadable.message } } : {}),
      }));
    },

    save: (secret: string, validation: TokenValidation, runtimeNames: readonly string[], username?: string) =>
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

    withSecret: <T>(recordId: string, fn: (secret: string) => Promise<T>) => vault.withSecret(recordId, fn),

    addRuntimes: (recordId: string, runtimeNames: readonly string[]) =>
      vault.updateMeta(recordId, { addRuntimes: runtimeNames }),

    dropRuntimes: (recordId: string, runtimeNames: readonly string[]) =>
      vault.updateMeta(recordId, { dropRuntimes: runtimeNames }),

    remove: (recordId: string) => vault.remove(recordId),
  };
};

export type SavedGitTokens = ReturnType<typeof createSavedGitTokens>;
