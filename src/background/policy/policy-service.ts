import { type EffectiveSettings, mergePolicy } from '../../shared/policy';
import { readStored, STORED, writeStored } from '../storage/storage-keys';

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
  /** Called with each fresh read, so the policy applies to existing state at once. */
  readonly onRead?: (settings: EffectiveSettings) => Promise<void>;
}

/** A read that failed, as opposed to no policy installed: the policy is then unknown. */
interface ManagedRead {
  readonly managed: unknown;
  readonly unknown: boolean;
}

/**
 * Firefox rejects `storage.managed.get()` when no policy is installed at all ("Managed storage
 * manifest not found"); that is "no policy". Any other failure leaves the policy unknown.
 */
const NO_POLICY_INSTALLED = /manifest not found/i;

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
  let managedRead: Promise<ManagedRead> | null = null;
  /** The current read once it has answered: display uses it only then. */
  let settled: ManagedRead | null = null;
  const readManaged = () => {
    if (managedRead) return managedRead;
    const read: Promise<ManagedRead> = inputs.managed().then(
      async (managed): Promise<ManagedRead> => {
        const memory = STORED.policyMemory;
        if (inputs.memory) {
          // What a later read accepts, so nothing is remembered that could not be read back.
          const remembered = memory.parse(managed, memory.key) ?? null;
          await writeStored(inputs.memory, memory, remembered).catch(() => {});
        }
        return { managed, unknown: false };
      },
      (error: unknown): ManagedRead => ({
        managed: undefined,
        unknown: !NO_POLICY_INSTALLED.test(error instanceof Error ? error.message : String(error)),
      }),
    );
    managedRead = read;
    settled = null;
    void read.then((r) => {
      if (managedRead === read) settled = r;
    });
    void read.then(async (r) => inputs.onRead?.(await merge(r))).catch(() => {});
    return read;
  };

  const merge = async ({ managed, unknown }: ManagedRead): Promise<EffectiveSettings> => {
    const vault = await inputs.vaultStatus().catch(() => ({ mode: 'device' as const, autoLockMinutes: 15 }));
    return mergePolicy(
      {
        platformHosts: [inputs.platformOrigin()],
        requirePassphrase: vault.mode === 'passphrase',
        autoLockMinutes: vault.autoLockMinutes,
        keepTokens: true,
      },
      managed,
      unknown,
    );
  };

  return {
    /** Starts the managed read early (worker start), so the first popup rarely waits. */
    prewarm: () => void readManaged(),
    invalidate: () => {
      managedRead = null;
      settled = null;
    },
    async effective(): Promise<EffectiveSettings> {
      return merge(await readManaged());
    },
    /**
     * For display: the fresh policy once it has answered, else the one read last time at once, so
     * a waking worker's first answer starts no managed read (policy-listeners.ts starts it after that answer).
     * Only when nothing was ever read does display wait, at most `quickWaitMs`, for a fresh read.
     */
    async forDisplay(): Promise<EffectiveSettings> {
      if (settled) return merge(settled);
      // Checked as read: null is "no policy" remembered, anything but an object or null is nothing.
      const remembered = inputs.memory
        ? await readStored(inputs.memory, STORED.policyMemory).catch(() => undefined)
        : undefined;
      if (remembered !== undefined) return merge({ managed: remembered ?? undefined, unknown: false });
      const timeout = new Promise<'late'>((done) =>
        setTimeout(() => done('late'), inputs.quickWaitMs ?? QUICK_WAIT_MS),
      );
      const first = await Promise.race([readManaged(), timeout]);
      return merge(first === 'late' ? { managed: undefined, unknown: false } : first);
    },
  };
};

export type PolicyService = ReturnType<typeof createPolicyService>;
