import { DEFAULT_PLATFORM_ORIGIN } from '../shared/constants';
import { AppFailure } from '../shared/errors';
import { text } from '../shared/i18n';
import { platformOriginFrom } from '../shared/platform-origin';
import type { EffectiveSettings } from '../shared/policy';
import { isPlatformHostAllowed } from '../shared/policy';
import type { PlatformSettings } from './platform-settings';
import { PLATFORM_SCOPED_LOCAL_KEYS } from './storage-keys';

/**
 * What belongs to a platform goes with it: every API key and the account summary (sign-out) and
 * the cached runtimes, whole. Only marking them in doubt would let a lookup by name still find a
 * runtime of the platform left and send a token there.
 */
export const leavePlatform = async (deps: {
  readonly account: { signOut(): Promise<void> };
  readonly directory: { forget(): Promise<void> };
  /** `storage.local`: the platform's own app-proxy addresses and last-used runtime go too. */
  readonly local: { remove(keys: string[]): Promise<void> };
}) => {
  await deps.account.signOut();
  await deps.directory.forget();
  await deps.local.remove([...PLATFORM_SCOPED_LOCAL_KEYS]);
};

export interface PlatformSwitchDeps {
  readonly settings: PlatformSettings;
  readonly policy: () => Promise<Pick<EffectiveSettings, 'allowedPlatformHosts' | 'unknown'>>;
  readonly hasHostAccess: (origin: string) => Promise<boolean>;
  /** Forgets what belonged to the platform being left: its API key and cached runtimes. */
  readonly forgetPlatformData: () => Promise<void>;
  /** Runs the page script on the self-hosted origin only (null: on none). */
  readonly followPages: (origin: string | null) => Promise<void>;
  readonly refreshMenus: () => Promise<void>;
}

/**
 * Moves the extension to another Codefresh platform (a self-hosted origin, or back to the SaaS one
 * with `null`): allowed by policy, reachable by the user's grant, and nothing of the previous
 * platform carried over.
 */
export const createPlatformSwitch = (deps: PlatformSwitchDeps) => ({
  async set(raw: string | null): Promise<{ platformOrigin: string }> {
    const origin = raw === null ? DEFAULT_PLATFORM_ORIGIN : platformOriginFrom(raw);
    const policy = await deps.policy();
    if (policy.unknown) throw new AppFailure('policy-unknown', text('policyUnknown'));
    if (!isPlatformHostAllowed(policy, origin)) {
      throw new AppFailure('platform-not-allowed', text('platformNotAllowed', [origin]));
    }
    if (origin !== DEFAULT_PLATFORM_ORIGIN && !(await deps.hasHostAccess(origin))) {
      throw new AppFailure('host-access-missing', text('platformHostAccessMissing', [origin]));
    }
    if (origin === deps.settings.current()) return { platformOrigin: origin };
    await deps.forgetPlatformData();
    if (origin === DEFAULT_PLATFORM_ORIGIN) await deps.settings.reset();
    else await deps.settings.set(origin);
    await deps.followPages(origin === DEFAULT_PLATFORM_ORIGIN ? null : origin);
    await deps.refreshMenus();
    return { platformOrigin: origin };
  },
});
