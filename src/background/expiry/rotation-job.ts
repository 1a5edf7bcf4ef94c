import { canSelfRotate, nextExpiryDate, type RotatedToken } from '../../providers/gitlab/self-rotate';
import { type AppError, AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { RotationAnswer, RotationFinishedEvent } from '../../shared/messages/rotation';
import type { ApplyProgressEvent, RuntimeApplyResult } from '../../shared/messages/token';
import type { RuntimeView } from '../../shared/runtime-types';
import type { TokenTarget } from '../../shared/token-fit';
import { runPooled } from '../network/request-pool';
import { runtimeErrorOf } from '../runtimes/runtime-directory';
import {
  inNamedOrder,
  keepErrorOf,
  movedHostResult,
  type SavedGitTokens,
  splitByFit,
} from '../tokens/saved-git-tokens';
import type { TokenServiceDeps } from '../tokens/token-service';
import { vaultErrors } from '../vault/vault-errors';
import type { TokenVault } from '../vault/vault-types';
import type { RotationStore, StoredRotationJob } from './rotation-store';

export interface RotationJobDeps {
  readonly saved: Pick<SavedGitTokens, 'get' | 'withSecret' | 'replacing'>;
  readonly vault: Pick<TokenVault, 'status' | 'replaceSecret'>;
  readonly store: RotationStore;
  findRuntime(name: string): Promise<RuntimeView>;
  /** Null when the runtime's app-proxy answers readyz; else why not (runtime-reachability.ts). */
  checkReachable(runtime: RuntimeView): Promise<AppError | null>;
  /** GitLab's self-rotation with the old token (providers/gitlab/self-rotate.ts). */
  rotateAtGitLab(input: { apiUrl: string; token: string; expiresAt: string }): Promise<RotatedToken>;
  applyToRuntimes: TokenServiceDeps['applyToRuntimes'];
  broadcast?(event: ApplyProgressEvent | RotationFinishedEvent): void;
  invalidateRuntimeCache?(): Promise<void>;
  readonly now?: () => number;
}

/** readyz probes in flight at once: small, since each is only a question. */
const PROBE_LIMITS = { limit: 8, perHost: 2 };

/**
 * GitLab rotation as a job that loses nothing (issue 24): check every runtime that uses the token
 * answers readyz; note the job; rotate at GitLab; save the new token in the vault record at once
 * (same id: the old token is dead everywhere); put it on every runtime, each outcome noted as it
 * comes; try the refused ones once more. A worker that stops midway finishes from the notes on
 * its next start (`resumeAll`). GitLab is never asked twice for one job: its reuse detection would
 * revoke the new token (docs/git-provider-contracts.md §5.7).
 */
export const createRotationJobs = (deps: RotationJobDeps) => {
  const now = deps.now ?? Date.now;
  // One run per saved token at a time within this worker; the store keeps it across workers.
  const running = new Set<string>();
  const exclusive = async <T>(recordId: string, fn: () => Promise<T>): Promise<T> => {
    if (running.has(recordId)) throw new AppFailure('rotation-in-progress', text('rotationInProgress'));
    running.add(recordId);
    try {
      return await fn();
    } finally {
      running.delete(recordId);
    }
  };

  /**
   * The runtimes by name; a runtime now on another Git host (it no longer uses this token) is
   * neither probed nor sent the new one, and says so, as Replace everywhere does.
   */
  const resolve = async (record: TokenTarget, names: readonly string[]) => {
    const listed: RuntimeView[] = [];
    const missing: RuntimeApplyResult[] = [];
    await Promise.all(
      names.map(async (name) => {
        try {
          listed.push(await deps.findRuntime(name));
        } catch (error) {
          missing.push({ runtimeName: name, ok: false, error: runtimeErrorOf(error) });
        }
      }),
    );
    const { fitting, misfits } = splitByFit(record, listed);
    const moved = misfits.map((runtime) => movedHostResult(runtime, record.apiUrl));
    return { found: fitting, missing, moved };
  };

  /** Every runtime must answer first: the old token dies under any runtime that cannot be reached. */
  const assertAllReachable = async (record: TokenTarget, names: readonly string[]) => {
    const { found, missing } = await resolve(record, names);
    const probed = await runPooled(
      found,
      PROBE_LIMITS,
      (r) => (r.appProxyOrigin ? new URL(r.appProxyOrigin).host : null),
      async (runtime) => ({ runtime, problem: await deps.checkReachable(runtime) }),
    );
    const blocked = [
      ...missing.map((m) => ({ name: m.runtimeName, why: m.ok ? '' : m.error.message })),
      ...probed.filter((p) => p.problem).map((p) => ({ name: p.runtime.name, why: p.problem!.message })),
    ];
    if (blocked.length === 0) return;
    const names_ = inNamedOrder(
      names,
      blocked.map((b) => ({ runtimeName: b.name, ...b })),
    );
    throw new AppFailure(
      'rotation-runtime-unreachable',
      text('rotationRuntimesUnreachable', [names_.map((b) => b.name).join(', '), names_[0]!.why]),
    );
  };

  /** Puts the saved (new) token on the job's runtimes that have not taken it; one retry each. */
  const register = async (job: StoredRotationJob, inMemory?: string): Promise<RuntimeApplyResult[]> => {
    const withToken = <T>(fn: (token: string) => Promise<T>) =>
      inMemory === undefined ? deps.saved.withSecret(job.recordId, fn) : fn(inMemory);
    const record = await deps.saved.get(job.recordId);
    const attempt = async (names: readonly string[]) => {
      const { found, missing: gone, moved } = await resolve(record, names);
      const missing = [...gone, ...moved];
      for (const m of missing)
        if (!m.ok) await deps.store.recordOutcome(job.recordId, m.runtimeName, m.error);
      // Each outcome is noted the moment it is known, so a worker stopped mid-round resends only
      // to the runtimes still open (the store serialises the writes).
      const notes: Promise<void>[] = [];
      const applied = await deps.applyToRuntimes({
        runtimes: found,
        withToken,
        ...(record.username ? { username: record.username } : {}),
        onProgress: (runtimeName, state, error) => {
          if (state === 'done') notes.push(deps.store.recordOutcome(job.recordId, runtimeName, true));
          if (state === 'failed' && error)
            notes.push(deps.store.recordOutcome(job.recordId, runtimeName, error));
          deps.broadcast?.({ type: 'token/apply-progress', runtimeName, state, ...(error ? { error } : {}) });
        },
      });
      await Promise.all(notes);
      return [...applied, ...missing];
    };
    const open = job.runtimes.filter((n) => job.outcomes[n] !== true);
    const first = await attempt(open);
    const refused = first.filter((r) => !r.ok).map((r) => r.runtimeName);
    const second = refused.length > 0 ? await attempt(refused) : [];
    await deps.invalidateRuntimeCache?.().catch(() => {});
    const latest = new Map([...first, ...second].map((r) => [r.runtimeName, r]));
    const earlier = job.runtimes
      .filter((n) => job.outcomes[n] === true)
      .map((n): RuntimeApplyResult => ({ runtimeName: n, ok: true }));
    return inNamedOrder(job.runtimes, [...earlier, ...latest.values()]);
  };

  /** Ends a job after registering: gone when every runtime took the token, else kept for a retry. */
  const finish = async (job: StoredRotationJob, results: RuntimeApplyResult[], expiresAt: string) => {
    const pending = results.some((r) => !r.ok);
    if (pending) await deps.store.setPhase(job.recordId, 'needs-retry');
    else await deps.store.remove(job.recordId);
    return { results, expiresAt, pending };
  };

  // Apart from adds of saved tokens (saved-git-tokens.ts `replacing`): a runtime given the old
  // token meanwhile is in the list read here, so it is not left with a token GitLab revoked.
  const rotate = (recordId: string, options: { auto: boolean } = { auto: false }): Promise<RotationAnswer> =>
    exclusive(recordId, () =>
      deps.saved.replacing(async () => {
        const record = await deps.saved.get(recordId);
        if (
          record.provider !== 'GITLAB' ||
          record.tokenType !== 'gitlab-personal' ||
          !canSelfRotate(record.scopes)
        ) {
          throw new AppFailure('rotation-not-possible', text('rotationNeedsSelfRotateScope'));
        }
        if (await deps.store.get(recordId))
          throw new AppFailure('rotation-in-progress', text('rotationInProgress'));
        // GitLab revokes the old token at once: runtimes of another signed-in account would keep it.
        if (record.usedByOtherAccounts?.length)
          throw new AppFailure('rotation-other-account', text('rotationUsedInOtherAccount'));
        // The new token is saved before anything else; a locked vault would be found out too late.
        if ((await deps.vault.status()).locked) throw vaultErrors.locked();
        await assertAllReachable(record, record.runtimes);

        const job: StoredRotationJob = {
          recordId,
          phase: 'rotating',
          oldLastFour: record.lastFour,
          runtimes: record.runtimes,
          outcomes: {},
          startedAt: now(),
          auto: options.auto,
        };
        await deps.store.put(job);
        let rotated: RotatedToken;
        try {
          rotated = await deps.saved.withSecret(recordId, (token) =>
            deps.rotateAtGitLab({
              apiUrl: record.apiUrl,
              token,
              expiresAt: nextExpiryDate(record.createdAt, record.expiresAt, now()),
            }),
          );
        } catch (error) {
          // GitLab refused (or could not be asked): the old token is as it was.
          await deps.store.remove(recordId);
          throw error;
        }

        let keepError: AppError | undefined;
        try {
          await deps.vault.replaceSecret(recordId, rotated.token, {
            expiresAt: rotated.expiresAt,
            scopes: rotated.scopes,
          });
        } catch (error) {
          keepError = keepErrorOf(error, text('rotationKeepFailed'));
        }
        const registering = { ...job, phase: 'registering' as const };
        if (keepError) {
          // Unsaved, the new token is still put on the runtimes from memory (the old one is dead
          // there); no job is kept, since nothing saved could finish it.
          await deps.store.remove(recordId);
          const results = await register(registering, rotated.token);
          return { results, expiresAt: rotated.expiresAt, pending: false, keepError };
        }
        await deps.store.put(registering);
        const results = await register(registering);
        return finish(registering, results, rotated.expiresAt);
      }),
    );

  /** Finishes one job from its notes: the vault record already holds the new token. */
  const resume = (recordId: string): Promise<RotationAnswer> =>
    exclusive(recordId, async () => {
      const job = await deps.store.get(recordId);
      if (!job) throw new AppFailure('rotation-none', text('rotationNothingToFinish'));
      const record = await deps.saved.get(recordId).catch(async (error: unknown) => {
        // The user forgot the saved token meanwhile: there is nothing left to finish with.
        if (error instanceof AppFailure && error.appError.code === 'vault-record-missing') {
          await deps.store.remove(recordId);
        }
        throw error;
      });
      if (job.phase === 'rotating' || job.phase === 'interrupted') {
        // Re-saved already (other last four): only the note of it was lost. Otherwise GitLab's
        // answer never reached the vault, and asking again would revoke whatever it issued.
        if (record.lastFour === job.oldLastFour) {
          await deps.store.setPhase(recordId, 'interrupted');
          throw new AppFailure('rotation-interrupted', text('rotationInterrupted'));
        }
      }
      if ((await deps.vault.status()).locked) throw vaultErrors.locked();
      const registering = { ...job, phase: 'registering' as const };
      await deps.store.put(registering);
      const results = await register(registering);
      return finish(registering, results, record.expiresAt ?? '');
    });

  return {
    rotate,
    resume,
    /**
     * At worker start (and after an unlock): finishes every job a stopped worker left, where the
     * vault is open, and tells open pages each outcome, since no click of theirs is waiting for it.
     */
    async resumeAll(): Promise<void> {
      for (const job of await deps.store.all()) {
        if (job.phase === 'needs-retry' || job.phase === 'interrupted') continue;
        const answer = await resume(job.recordId).catch(() => null);
        if (answer) deps.broadcast?.({ type: 'rotation/finished', recordId: job.recordId, answer });
      }
    },
  };
};

export type RotationJobs = ReturnType<typeof createRotationJobs>;
