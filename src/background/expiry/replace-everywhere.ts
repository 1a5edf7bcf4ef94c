import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { ApplyProgressEvent, RotateAnswer, RuntimeApplyResult } from '../../shared/messages/token';
import type { RuntimeView } from '../../shared/runtime-types';
import { cleanTokenInput } from '../../shared/token-input';
import { runtimeErrorOf } from '../runtimes/runtime-directory';
import {
  findSavedCopy,
  inNamedOrder,
  keepErrorOf,
  movedHostResult,
  type SavedGitTokens,
  splitByFit,
} from '../tokens/saved-git-tokens';
import type { TokenServiceDeps } from '../tokens/token-service';
import { vaultErrors } from '../vault/vault-errors';
import type { ListedRecord, TokenVault } from '../vault/vault-types';

export interface RotateInput {
  readonly oldRecordId: string;
  /** The new token as pasted; cleaned here, held only for this call. */
  readonly newToken: string;
  /** Bitbucket Cloud's username or email; the saved record's is used when absent. */
  readonly username?: string;
  /** The user saw that the new token belongs to someone else and chose to go on. */
  readonly confirmDifferentOwner: boolean;
}

export interface ReplaceEverywhereDeps {
  readonly vault: Pick<
    TokenVault,
    'status' | 'list' | 'withSecret' | 'save' | 'updateMeta' | 'replaceSecret' | 'remove'
  >;
  /** The worker's one saved-token repository: its gate keeps adds apart from this replacement. */
  readonly saved: Pick<SavedGitTokens, 'get' | 'listTokens' | 'withSecret' | 'replacing'>;
  validate: TokenServiceDeps['validate'];
  applyToRuntimes: TokenServiceDeps['applyToRuntimes'];
  findRuntime(name: string): Promise<RuntimeView>;
  /** Tells open extension pages how it is going (same events as `token/apply`); never a secret. */
  broadcast?(event: ApplyProgressEvent): void;
  /** Forgets cached token states so the next list shows what just changed. */
  invalidateRuntimeCache?(): Promise<void>;
}

/** Git logins are case-insensitive on every provider we support. */
const sameOwner = (a: string | null, b: string | null) =>
  a === null || b === null || a.toLowerCase() === b.toLowerCase();

/**
 * Replace everywhere (issue 10): puts a new token on every runtime a saved token was added to.
 * Validated once against the saved token's provider and API URL before anything is sent. When
 * every runtime takes it, the saved record is re-encrypted with it in place (same id). When only
 * some do, the old record is left exactly as it was (its token still works where the new one was
 * refused) and the new token is saved as its own record for the runtimes that took it, so the user
 * can retry the rest. A token no runtime took is not saved.
 *
 * It runs alone among the adds of tokens (`saved.replacing`). A careful user who adds the saved
 * token to another runtime while it is being replaced expects that runtime to end with the new
 * token and be listed under it, or to stay listed under the old one: never to be listed under the
 * new token while it holds the old one, nor dropped from both. So an add already under way
 * finishes first and its runtime is in the list replaced here (it gets the new token too); an add
 * asked for meanwhile waits and then reads the saved token as this left it. Likewise a runtime
 * added to the copy a partial replacement saved is not lost when that copy is merged and removed.
 */
export const createReplaceEverywhere = (deps: ReplaceEverywhereDeps) => {
  const { saved } = deps;

  /** Each of the record's runtimes, or a failed result for one that is gone or on another host. */
  const resolveRuntimes = async (record: ListedRecord) => {
    const found: RuntimeView[] = [];
    const refused: RuntimeApplyResult[] = [];
    await Promise.all(
      record.runtimes.map(async (name) => {
        try {
          found.push(await deps.findRuntime(name));
        } catch (error) {
          refused.push({ runtimeName: name, ok: false, error: runtimeErrorOf(error) });
        }
      }),
    );
    const { fitting, misfits } = splitByFit(record, found);
    for (const runtime of misfits) refused.push(movedHostResult(runtime, record.apiUrl));
    return { fitting, refused };
  };

  const rotate = async (input: RotateInput): Promise<RotateAnswer> => {
    const cleaned = cleanTokenInput(input.newToken);
    if (!cleaned.ok) throw new AppFailure(cleaned.error.code, cleaned.error.message);
    const token = cleaned.value;

    const record = await saved.get(input.oldRecordId);
    if (!record.provider) {
      throw new AppFailure('rotation-provider-unknown', text('rotateProviderUnknown'));
    }
    // The new token is saved at the end; a locked vault would only be found out after every
    // runtime already had it.
    if ((await deps.vault.status()).locked) throw vaultErrors.locked();
    // Decrypted only when the last four match, so the old record is not even read (nor its
    // `lastUsedAt` moved) in the usual case.
    const unchanged =
      record.lastFour === token.slice(-4) &&
      (await deps.vault.withSecret(record.id, async (secret) => secret === token).catch(() => false));
    if (unchanged) {
      throw new AppFailure('rotation-same-token', text('rotateSameToken'));
    }

    const username = input.username?.trim() || record.username;
    const validation = await deps.validate({
      token,
      provider: record.provider,
      apiUrl: record.apiUrl,
      ...(username ? { username } : {}),
    });
    const blocker = validation.blockers[0];
    if (blocker) {
      throw new AppFailure('token-blocked', blocker.message, blocker.link ? { link: blocker.link } : {});
    }
    if (!input.confirmDifferentOwner && !sameOwner(record.login, validation.login)) {
      throw new AppFailure(
        'rotation-owner-changed',
        // Both logins are known here: sameOwner lets a missing one through.
        text('rotateOwnerChanged', [validation.login ?? '', record.login ?? '']),
      );
    }

    const { fitting, refused } = await resolveRuntimes(record);
    const applied = await deps.applyToRuntimes({
      runtimes: fitting,
      withToken: (fn) => fn(token),
      ...(username ? { username } : {}),
      onProgress: (runtimeName, state, error) =>
        deps.broadcast?.({ type: 'token/apply-progress', runtimeName, state, ...(error ? { error } : {}) }),
    });
    await deps.invalidateRuntimeCache?.().catch(() => {});
    const results = inNamedOrder(record.runtimes, [...applied, ...refused]);
    const succeeded = results.filter((r) => r.ok).map((r) => r.runtimeName);

    const fresh = {
      login: validation.login,
      scopes: validation.scopes,
      expiresAt: validation.expiresAt,
      ...(username ? { username } : {}),
    };
    try {
      // Refused everywhere: not saved. (A record used nowhere yet is simply replaced below.)
      if (succeeded.length === 0 && results.length > 0)
        return { results, replaced: false, newRecordId: null };
      // A retry after an earlier partial rotation finds the record that one saved: no second copy.
      const copy = await findSavedCopy(saved, token, validation, record.id);
      if (succeeded.length === results.length) {
        await deps.vault.replaceSecret(record.id, token, {
          ...fresh,
          tokenType: validation.tokenType,
          ...(copy ? { addRuntimes: copy.runtimes } : {}),
        });
        if (copy) await deps.vault.remove(copy.id).catch(() => {});
        return { results, replaced: true, newRecordId: null };
      }
      if (copy) {
        await deps.vault.updateMeta(copy.id, { ...fresh, addRuntimes: succeeded });
        return { results, replaced: false, newRecordId: copy.id };
      }
      const newRecordId = await deps.vault.save(token, {
        kind: 'git-token',
        provider: validation.provider,
        apiUrl: validation.apiUrl,
        ...fresh,
        tokenType: validation.tokenType,
        runtimes: succeeded,
      });
      return { results, replaced: false, newRecordId };
    } catch (error) {
      const keepError = keepErrorOf(error, text('rotateKeepFailed'));
      return { results, replaced: false, newRecordId: null, keepError };
    }
  };

  return {
    rotate: (input: RotateInput): Promise<RotateAnswer> => saved.replacing(() => rotate(input)),
  };
};

export type ReplaceEverywhere = ReturnType<typeof createReplaceEverywhere>;
