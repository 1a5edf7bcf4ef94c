import { type EffectiveSettings, mergePolicy } from '../shared/policy';

export interface PolicyInputs {
  /** What `storage.managed.get()` answers; may throw where no policy is installed (Firefox). */
  readonly managed: () => Promise<unknown>;
  readonly platformOrigin: () => string;
  readonly vaultStatus: () => Promise<{ mode: 'device' | 'passphrase'; autoLockMinutes: number }>;
  /** Where the last policy read is remembered, for a first screen that must not wait for it. */
  readonly memory?: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  /** How long a first screen waits for a fresh read before using the remembered policy. */
  readonly quickWaitMs?: number;
}

const MEMORY_KEY = 'policy.lastManaged';
/**
 * Chromium's first `storage.managed.get()` after a start took 2.8 s on this machine (it loads the
 * policy store); later reads take under a millisecond. A first screen waits this long at most.
 */
const QUICK_WAIT_MS = 250;

/**
 * The administrator's policy merged over the user's choices. The managed read is started once per
 * worker and shared; `invalidate()` (on `storage.managed.onChanged`) starts a fresh one. Actions that
 * the policy restricts always wait for the real read; only status display may use the last one.
 */
export const createPolicyService = (inputs: PolicyInputs) => {
  let managedRead: Promise<unknown> | null = null;
  const readManaged = () => {
    managedRead ??= inputs
      .managed()
      .catch(() => undefined)
      .then(async (managed) => {
        await inputs.memory?.set({ [MEMORY_KEY]: managed ?? null }).catch(() => {});
        return managed;
      });
    return managedRead;
  };

  const merge = async (managed: unknown): Promise<EffectiveSettings> => {
    const vault = await inputs.vaultStatus().catch(() => ({ mode: 'device' as const, autoLockMinutes: 15 }));
    return mergePolicy(
      {
        platformHosts: [inputs.platformOrigin()],
        requirePassphrase: vault.mode === 'passphrase',
        autoLockMinutes: vault.autoLockMinutes,
        keepTokens: true,
      },
      managed,
    );
  };

  return {
    /** Starts the managed read early (worker start), so the first popup rarely waits. */
    prewarm: () => void readManaged(),
    invalidate: () => {
      managedRead = null;
    },
    async effective(): Promise<EffectiveSettings> {
      return merge(await readManaged());
    },
    /** For display: the fresh policy if it comes quickly, else the one read last time. */
    async forDisplay(): Promise<EffectiveSettings> {
      const remembered = async (): Promise<unknown> => {
        const stored: Record<string, unknown> =
          (await inputs.memory?.get(MEMORY_KEY).catch(() => ({}))) ?? {};
        return stored[MEMORY_KEY] ?? undefined;
      };
      const timeout = new Promise<'late'>((done) =>
        setTimeout(() => done('late'), inputs.quickWaitMs ?? QUICK_WAIT_MS),
      );
      const first = await Promise.race([readManaged(), timeout]);
      return merge(first === 'late' ? await remembered() : first);
    },
  };
};

export type PolicyService = ReturnType<typeof createPolicyService>;
