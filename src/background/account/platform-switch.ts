import { DEFAULT_PLATFORM_ORIGIN } from '../../shared/constants';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { platformOriginFrom } from '../../shared/platform-origin';
import type { EffectiveSettings } from '../../shared/policy';
import { isPlatformHostAllowed } from '../../shared/policy';
import { type ClearableArea, clearDeclared, RECORD_KINDS_CLEARED } from '../storage/storage-clear';
import type { ClearEvent } from '../storage/storage-keys';
import type { SecretKind } from '../vault/vault-types';
import type { PlatformSettings } from './platform-settings';

/**
 * Sign-out, a platform change and an erase: every API key and the user's own app-proxy addresses
 * (vault records of the kinds storage-keys.ts names), then
 * every key storage-keys.ts declares as cleared by `event`: the account summary, the cached
 * runtimes whole (only marking them in doubt would let a lookup by name still find a runtime of the
 * platform left and send a token there), the platform's app-proxy addresses and last-used runtime.
 */
export const leavePlatform = async (
  event: ClearEvent,
  deps: {
    readonly account: { signOut(): Promise<void> };
    /** The vault's records of the kinds declared to go (an erase has removed them all already). */
    readonly records?: { removeKind(kind: SecretKind): Promise<void> };
    readonly areas: { readonly local: ClearableArea; readonly session?: ClearableArea };
  },
) => {
  await deps.account.signOut();
  if (event !== 'erase') for (const kind of RECORD_KINDS_CLEARED[event]) await deps.records?.removeKind(kind);
  await clearDeclared(event, deps.areas);
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
