import type { AccountGit } from '../../shared/account-git';
import { type AppError, AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type {
  ApplyAnswer,
  ApplyProgressEvent,
  RuntimeApplyResult,
  TokenSource,
} from '../../shared/messages/token';
import type { GitProvider, RuntimeView } from '../../shared/runtime-types';
import { cleanTokenInput } from '../../shared/token-input';
import type { TokenValidation } from '../../shared/validation-types';
import { vaultErrors } from '../vault/vault-errors';
import { createSerial } from '../vault/vault-queue';
import { findSavedCopy, inNamedOrder, keepErrorOf, splitByFit } from './saved-git-tokens';
import type { DraftStore } from './token-drafts';

/** The slice of the vault the token flow needs (metadata only leaves it; secrets stay in callbacks). */
export interface TokenKeeper {
  /** Saved git tokens' metadata. */
  listTokens(): Promise<readonly KeptToken[]>;
  /** `username`: the Bitbucket username or email sent beside the token (not secret). */
  save(
    secret: string,
    validation: TokenValidation,
    runtimeNames: readonly string[],
    username?: string,
  ): Promise<string>;
  withSecret<T>(recordId: string, fn: (secret: string) => Promise<T>): Promise<T>;
  /** Adds names to the record's list as it is when the write happens (inside the vault's queue). */
  addRuntimes(recordId: string, runtimeNames: readonly string[]): Promise<void>;
  dropRuntimes(recordId: string, runtimeNames: readonly string[]): Promise<void>;
  /** Runs an add or removal apart from any replacement of a saved token (saved-git-tokens.ts). */
  adding<T>(fn: () => Promise<T>): Promise<T>;
}

export interface KeptToken {
  readonly id: string;
  readonly provider: GitProvider | null;
  readonly apiUrl: string;
  readonly lastFour: string;
  readonly login: string | null;
  readonly runtimes: readonly string[];
  /** Bitbucket Cloud's username or email, kept beside the token because registering needs both. */
  readonly username?: string;
}

export interface TokenServiceDeps {
  readonly drafts: DraftStore;
  readonly keeper: TokenKeeper;
  /** The signed-in account's one Git provider, or null when the account names none. */
  accountGit(): Promise<AccountGit | null>;
  findRuntime(name: string): Promise<RuntimeView>;
  validate(input: {
    token: string;
    provider: RuntimeView['gitProvider'] & string;
    apiUrl: string;
    username?: string;
    repo?: string;
  }): Promise<TokenValidation>;
  applyToRuntimes(args: {
    runtimes: readonly RuntimeView[];
    withToken: <T>(fn: (token: string) => Promise<T>) => Promise<T>;
    username?: string;
    onProgress?: (runtimeName: string, state: ApplyProgressEvent['state'], error?: AppError) => void;
  }): Promise<readonly RuntimeApplyResult[]>;
  removeFromRuntime(runtime: RuntimeView): Promise<void>;
  /** Tells open extension pages how an apply is going; never carries a secret. */
  broadcast(event: ApplyProgressEvent): void;
  /** Forgets cached token states so the next list shows what just changed. */
  invalidateRuntimeCache(): Promise<void>;
}

const wrongHost = (runtime: RuntimeView, apiUrl: string): RuntimeApplyResult => ({
  runtimeName: runtime.name,
  ok: false,
  error: {
    code: 'token-wrong-host',
    message: runtime.gitApiUrl
      ? text('tokenWrongHost', [runtime.name, runtime.gitApiUrl, apiUrl])
      : text('tokenWrongHostUnknown', [runtime.name, apiUrl]),
  },
});

/**
 * The token flow in the worker: validate a pasted token once and hold it as a draft; add a draft or
 * a saved token to runtimes with one result each; keep it in the vault after the first success.
 * A failure on one runtime changes nothing elsewhere, and nothing in the vault is replaced by a
 * token that was not accepted.
 */
export const createTokenService = (deps: TokenServiceDeps) => {
  const runtimeGit = (runtime: RuntimeView) => {
    if (!runtime.gitProvider || !runtime.gitApiUrl) {
      throw new AppFailure('runtime-git-unknown', text('tokenRuntimeGitUnknown', [runtime.name]));
    }
    return { provider: runtime.gitProvider, apiUrl: runtime.gitApiUrl };
  };

  /**
   * Finding a saved copy of a token and saving it when there is none, one keep at a time: two adds
   * of one new token at once (the popup and the context menu's new-token tab, two popups) would
   * otherwise both find none and save two records of it, each listing only its own runtimes.
   */
  const oneKeepAtATime = createSerial();
  const keepDraft = (draft: NonNullable<ReturnType<DraftStore['get']>>, succeeded: readonly string[]) =>
    oneKeepAtATime(async () => {
      const existing = await findSavedCopy(deps.keeper, draft.token, draft.validation);
      if (!existing) return deps.keeper.save(draft.token, draft.validation, succeeded, draft.username);
      await deps.keeper.addRuntimes(existing.id, succeeded);
      return existing.id;
    });

  const apply = async (
    source: TokenSource,
    runtimeNames: readonly string[],
    keep: boolean,
  ): Promise<ApplyAnswer> => {
    const runtimes = await Promise.all(runtimeNames.map((name) => deps.findRuntime(name)));
    const onProgress = (runtimeName: string, state: ApplyProgressEvent['state'], error?: AppError) =>
      deps.broadcast({ type: 'token/apply-progress', runtimeName, state, ...(error ? { error } : {}) });

    if (source.kind === 'draft') {
      const draft = deps.drafts.get(source.draftId);
      if (!draft) {
        throw new AppFailure('draft-expired', text('tokenDraftExpired'));
      }
      if (draft.validation.blockers.length > 0) {
        throw new AppFailure('token-blocked', draft.validation.blockers[0]!.message);
      }
      const apiUrl = draft.validation.apiUrl;
      const { fitting, misfits } = splitByFit(draft.validation, runtimes);
      const applied = await deps.applyToRuntimes({
        runtimes: fitting,
        withToken: (fn) => fn(draft.token),
        ...(draft.username ? { username: draft.username } : {}),
        onProgress,
      });
      await deps.invalidateRuntimeCache();
      const results = inNamedOrder(runtimeNames, [...applied, ...misfits.map((r) => wrongHost(r, apiUrl))]);
      const succeeded = results.filter((r) => r.ok).map((r) => r.runtimeName);
      if (!keep || succeeded.length === 0) return { results, recordId: null };
      try {
        return { results, recordId: await keepDraft(draft, succeeded) };
      } catch (error) {
        return { results, recordId: null, keepError: keepErrorOf(error, text('tokenKeepFailed')) };
      }
    }

    const record = (await deps.keeper.listTokens()).find((k) => k.id === source.recordId);
    if (!record) throw vaultErrors.recordMissing();
    const { fitting, misfits } = splitByFit(record, runtimes);
    const applied = await deps.applyToRuntimes({
      runtimes: fitting,
      withToken: (fn) => deps.keeper.withSecret(record.id, fn),
      ...(record.username ? { username: record.username } : {}),
      onProgress,
    });
    await deps.invalidateRuntimeCache();
    const results = inNamedOrder(runtimeNames, [
      ...applied,
      ...misfits.map((r) => wrongHost(r, record.apiUrl)),
    ]);
    const succeeded = results.filter((r) => r.ok).map((r) => r.runtimeName);
    if (succeeded.length > 0) await deps.keeper.addRuntimes(record.id, succeeded);
    return { results, recordId: record.id };
  };

  const removeFromRuntime = async (runtimeName: string) => {
    const runtime = await deps.findRuntime(runtimeName);
    await deps.removeFromRuntime(runtime);
    await deps.invalidateRuntimeCache();
    for (const kept of await deps.keeper.listTokens()) {
      if (kept.runtimes.includes(runtimeName)) {
        await deps.keeper.dropRuntimes(kept.id, [runtimeName]);
      }
    }
    return { runtimeName };
  };

  return {
    /**
     * Checks the token against the account's Git provider, which every runtime of the account uses,
     * so no runtime need be chosen; only an account that names no provider falls back to the
     * runtime's. A runtime that reports another provider then simply does not fit the token.
     */
    async validate(rawToken: string, runtimeName: string | undefined, username?: string) {
      const cleaned = cleanTokenInput(rawToken);
      if (!cleaned.ok) throw new AppFailure(cleaned.error.code, cleaned.error.message);
      const account = await deps.accountGit();
      if (!account && !runtimeName) throw new AppFailure('no-runtime', text('pickRuntimeFirst'));
      // The chosen runtime, if any, still lends its repository (fine-grained tokens are checked on it).
      // With the account's provider known, a runtime that cannot be looked up does not stop the check.
      const runtime = runtimeName
        ? await deps.findRuntime(runtimeName).catch((error: unknown) => {
            if (!account) throw error;
            return null;
          })
        : null;
      const { provider, apiUrl } = account ?? runtimeGit(runtime!);
      const validation = await deps.validate({
        token: cleaned.value,
        provider,
        apiUrl,
        ...(username ? { username } : {}),
        ...(runtime?.repo ? { repo: runtime.repo } : {}),
      });
      return { draftId: deps.drafts.put(cleaned.value, username, validation), validation };
    },

    /** Adds a draft or a saved token to runtimes, with one result each; keeps a draft if asked. */
    apply: (source: TokenSource, runtimeNames: readonly string[], keep: boolean) =>
      deps.keeper.adding(() => apply(source, runtimeNames, keep)),

    removeFromRuntime: (runtimeName: string) => deps.keeper.adding(() => removeFromRuntime(runtimeName)),

    discardDraft: (draftId: string) => ({ discarded: deps.drafts.discard(draftId) }),
  };
};

export type TokenService = ReturnType<typeof createTokenService>;
