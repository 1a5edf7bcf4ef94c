import { type EffectiveSettings, mergePolicy } from '../shared/policy';

export interface PolicyInputs {
  /** What `storage.managed.get()` answers; may throw where no policy is installed (Firefox). */
  readonly managed: () => Promise<unknown>;
  readonly platformOrigin: () => string;
  readonly vaultStatus: () => Promise<{ mode: 'device' | 'passphrase'; autoLockMinutes: number }>;
}

/**
 * The administrator's policy merged over the user's choices, read fresh each time: policies change
 * while the browser runs, and reading `storage.managed` costs a few microseconds.
 */
export const createPolicyService = (inputs: PolicyInputs) => ({
  async effective(): Promise<EffectiveSettings> {
    const [managed, vault] = await Promise.all([
      inputs.managed().catch(() => undefined),
      inputs.vaultStatus().catch(() => ({ mode: 'device' as const, autoLockMinutes: 15 })),
    ]);
    return mergePolicy(
      {
        platformHosts: [inputs.platformOrigin()],
        requirePassphrase: vault.mode === 'passphrase',
        autoLockMinutes: vault.autoLockMinutes,
        keepTokens: true,
      },
      managed,
    );
  },
});

export type PolicyService = ReturnType<typeof createPolicyService>;
