import { rotateGitLabToken } from '../../providers/gitlab/self-rotate';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { RotationFinishedEvent } from '../../shared/messages/rotation';
import type { ApplyProgressEvent } from '../../shared/messages/token';
import type { RuntimeView } from '../../shared/runtime-types';
import type { PeriodicAlarms } from '../browser/periodic-alarms';
import type { HostAccessCheck } from '../network/secret-destination';
import { createReachabilityCheck } from '../runtimes/runtime-reachability';
import type { SavedGitTokens } from '../tokens/saved-git-tokens';
import type { TokenServiceDeps } from '../tokens/token-service';
import type { TokenVault } from '../vault/vault-types';
import { createAutoRotation } from './auto-rotation';
import { createRotationJobs } from './rotation-job';
import { rotationListeners } from './rotation-listeners';
import type { RotationRouteDeps } from './rotation-routes';
import { createRotationStore, jobView, type RotationStorage } from './rotation-store';

export interface RotationWiringDeps {
  readonly fetch: typeof fetch;
  readonly hasHostAccess: HostAccessCheck;
  readonly storage: RotationStorage;
  readonly alarms: PeriodicAlarms;
  readonly vault: Pick<TokenVault, 'status' | 'replaceSecret'>;
  readonly savedTokens: SavedGitTokens;
  findRuntime(name: string): Promise<RuntimeView>;
  applyToRuntimes: TokenServiceDeps['applyToRuntimes'];
  broadcast(event: ApplyProgressEvent | RotationFinishedEvent): void;
  invalidateRuntimeCache(): Promise<void>;
  /** A policy that forbids keeping tokens forbids rotation: the new token must be saved. */
  keepingAllowed(): Promise<boolean>;
  notify(title: string, message: string): Promise<void>;
  /** The expiry badge follows a rotated token at once. */
  refreshExpiry(): Promise<void>;
  /** Which platform is in use, read from storage at each wake (`PlatformSettings.ready`). */
  platformKnown(): Promise<void>;
}

/** GitLab rotation's object graph (issue 24), built from the worker's own services. */
export const createRotation = (deps: RotationWiringDeps) => {
  const store = createRotationStore(deps.storage);
  const jobs = createRotationJobs({
    saved: deps.savedTokens,
    vault: deps.vault,
    store,
    findRuntime: deps.findRuntime,
    checkReachable: createReachabilityCheck({ fetch: deps.fetch, hasHostAccess: deps.hasHostAccess }),
    rotateAtGitLab: (input) =>
      rotateGitLabToken(input, { fetch: deps.fetch, hasHostAccess: deps.hasHostAccess }),
    applyToRuntimes: deps.applyToRuntimes,
    broadcast: deps.broadcast,
    invalidateRuntimeCache: deps.invalidateRuntimeCache,
  });
  const guarded = async (recordId: string, auto: boolean) => {
    if (!(await deps.keepingAllowed())) throw new AppFailure('policy-no-keeping', text('keepNotAllowed'));
    try {
      return await jobs.rotate(recordId, { auto });
    } finally {
      await deps.refreshExpiry().catch(() => {});
    }
  };
  const auto = createAutoRotation({
    storage: deps.storage,
    alarms: deps.alarms,
    listTokens: () => deps.savedTokens.all(),
    rotate: (recordId) => guarded(recordId, true),
    notify: deps.notify,
  });
  const status = async () => ({ jobs: (await store.all()).map(jobView), auto: await auto.days() });

  const routes: RotationRouteDeps = {
    rotate: (recordId) => guarded(recordId, false),
    resume: (recordId) => jobs.resume(recordId),
    dismiss: (recordId) => store.remove(recordId),
    status,
    async setAuto(recordId, days) {
      await deps.savedTokens.get(recordId);
      await auto.set(recordId, days);
      return status();
    },
  };

  return {
    routes,
    listeners: rotationListeners({
      auto,
      platformKnown: deps.platformKnown,
      async start() {
        await jobs.resumeAll().catch(() => {});
        await auto.ensureScheduled().catch(() => {});
      },
    }),
    /**
     * The passphrase vault was just unlocked: a job the wake's start found behind the locked vault is
     * finished now, without waiting for the user to click Finish rotation. Not awaited by the
     * unlock: it talks to the runtimes, and the popup follows it by the job's status.
     */
    afterUnlock(): void {
      void jobs.resumeAll().catch(() => {});
    },
  };
};
