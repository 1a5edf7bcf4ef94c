import type { AccountChoice, StatusView } from '../../shared/messages/status';
import type { EffectiveSettings } from '../../shared/policy';
import type { VaultStatus } from '../vault/vault-types';
import type { AccountSummary } from './account-service';

export interface StatusViewDeps {
  readonly account: {
    summary(): Promise<AccountSummary | null>;
    accounts(): Promise<readonly AccountChoice[]>;
  };
  readonly vault: { status(): Promise<VaultStatus> };
  /** `forDisplay`: the policy as last read (policy-service.ts: never waits on a slow first read). */
  readonly policy: { forDisplay(): Promise<EffectiveSettings> };
  readonly platformOrigin: () => string;
  readonly hasHostAccess: (origin: string) => Promise<boolean>;
  readonly version: () => string;
}

/**
 * `status/get`: what every page shows first. It carries no secret, only the vault's mode and lock
 * state, the policy as the UI shows it, and whether the platform in use still has host access.
 */
export const createStatusView = (deps: StatusViewDeps) => async (): Promise<StatusView> => {
  const origin = deps.platformOrigin();
  const [summary, accounts, vaultStatus, effective, platformReachable] = await Promise.all([
    deps.account.summary(),
    deps.account.accounts(),
    deps.vault.status(),
    deps.policy.forDisplay(),
    deps.hasHostAccess(origin).catch(() => false),
  ]);
  return {
    version: deps.version(),
    account: summary,
    accounts,
    vault: {
      mode: vaultStatus.mode,
      locked: vaultStatus.locked,
      ...(vaultStatus.unreadable ? { unreadable: { message: vaultStatus.unreadable.message } } : {}),
    },
    platformOrigin: origin,
    ...(platformReachable ? {} : { platformNeedsAccess: true }),
    policy: {
      requirePassphrase: effective.enforced.requirePassphrase,
      keepTokensAllowed: effective.keepTokens,
      maxAutoLockMinutes: effective.maxAutoLockMinutes,
      allowedPlatformHosts: effective.allowedPlatformHosts,
      ignored: effective.ignored.map((i) => `${i.key}: ${i.reason}`),
    },
  };
};
