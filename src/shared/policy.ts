/**
 * Administrator policy (`storage.managed`, schema in managed_schema.json) merged over the user's own
 * options. Reads no storage itself: the worker reads `browser.storage.managed.get()` and passes the result here as
 * `unknown`, because Firefox applies no schema to it and a broken policy file must never break the
 * extension. Every key is parsed on its own; an invalid one is ignored with a reason (shown to the
 * user and the admin, worded from `_locales` like every sentence), and the valid ones still apply.
 *
 * Keys (README "Policy for administrators"):
 * - `allowedPlatformHosts`: the only Codefresh platform origins allowed. An allowlist fails closed:
 *   when every entry is invalid, no platform is allowed, rather than all.
 * - `requirePassphrase`: `true` makes the passphrase mandatory; `false` requires nothing.
 * - `maxAutoLockMinutes`: a ceiling on the auto-lock time; a longer user choice is clamped.
 * - `disallowKeepingTokens`: `true` means Git tokens are used once and never saved.
 */
import * as v from 'valibot';
import { toHttpsOrigin } from './app-proxy-origin';
import { text } from './i18n';

/** Same bounds as the vault's auto-lock setting and managed_schema.json. */
export const POLICY_AUTO_LOCK_MIN_MINUTES = 1;
export const POLICY_AUTO_LOCK_MAX_MINUTES = 24 * 60;
/** Far above any real deployment; stops a runaway policy from costing time on every check. */
export const POLICY_MAX_PLATFORM_HOSTS = 100;

export const POLICY_KEYS = [
  'allowedPlatformHosts',
  'requirePassphrase',
  'maxAutoLockMinutes',
  'disallowKeepingTokens',
] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

/** The user's own choices (options page and vault state). */
export interface PolicyOptions {
  /** Every Codefresh platform origin the user works with, the SaaS one included. */
  readonly platformHosts: readonly string[];
  /** Saved tokens are protected by a passphrase (rather than the device key). */
  readonly requirePassphrase: boolean;
  readonly autoLockMinutes: number;
  /** Validated Git tokens are saved (encrypted) for reuse. */
  readonly keepTokens: boolean;
}

/** A valid, normalised policy: only the keys the administrator set (and that parsed). */
export interface ManagedPolicy {
  readonly allowedPlatformHosts?: readonly string[];
  readonly requirePassphrase?: boolean;
  readonly maxAutoLockMinutes?: number;
  readonly disallowKeepingTokens?: boolean;
}

export interface PolicyIssue {
  /** The key (with an index for a list entry), or `(policy)` for the whole value. */
  readonly key: string;
  readonly reason: string;
}

export interface EffectiveSettings extends PolicyOptions {
  /** Which of the options the policy decides; the UI shows those as set by the administrator. */
  readonly enforced: Readonly<Record<keyof PolicyOptions, boolean>>;
  /** The allowlist in force, or null when any platform may be used. */
  readonly allowedPlatformHosts: readonly string[] | null;
  /** The user's platforms that the allowlist removed. */
  readonly blockedPlatformHosts: readonly string[];
  /** The ceiling in force, or null. */
  readonly maxAutoLockMinutes: number | null;
  readonly ignored: readonly PolicyIssue[];
  /**
   * The managed policy could not be read: it may forbid anything, so the worker refuses what a
   * policy could forbid (and says so) rather than acting as if there were none.
   */
  readonly unknown: boolean;
}

const booleanSchema = v.boolean();
const minutesSchema = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(POLICY_AUTO_LOCK_MIN_MINUTES),
  v.maxValue(POLICY_AUTO_LOCK_MAX_MINUTES),
);
const listSchema = v.array(v.unknown());

const describe = (value: unknown): string =>
  value === null
    ? text('policyValueNull')
    : Array.isArray(value)
      ? text('policyValueArray')
      : text('policyValueOfType', [typeof value]);

/** `https://host[:port]` when `raw` is exactly an https origin (a trailing slash is tolerated). */
const exactHttpsOrigin = (raw: unknown): string | null =>
  typeof raw === 'string' && /^https:\/\/[^/?#\s]+\/?$/i.test(raw.trim()) ? toHttpsOrigin(raw) : null;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses what `storage.managed.get()` returned; never throws. */
export const parseManagedPolicy = (
  managed: unknown,
): { readonly policy: ManagedPolicy; readonly ignored: readonly PolicyIssue[] } => {
  const ignored: PolicyIssue[] = [];
  if (managed === undefined || managed === null) return { policy: {}, ignored };
  if (!isPlainObject(managed)) {
    return {
      policy: {},
      ignored: [{ key: '(policy)', reason: text('policyExpectedObject', [describe(managed)]) }],
    };
  }
  const policy: {
    allowedPlatformHosts?: string[];
    requirePassphrase?: boolean;
    maxAutoLockMinutes?: number;
    disallowKeepingTokens?: boolean;
  } = {};

  for (const key of Object.keys(managed).sort()) {
    const value = managed[key];
    switch (key) {
      case 'allowedPlatformHosts': {
        if (!v.is(listSchema, value)) {
          ignored.push({ key, reason: text('policyExpectedHostList', [describe(value)]) });
          break;
        }
        const hosts: string[] = [];
        value.forEach((entry, i) => {
          if (i >= POLICY_MAX_PLATFORM_HOSTS) {
            if (i === POLICY_MAX_PLATFORM_HOSTS) {
              ignored.push({
                key: `${key}[${i}…]`,
                reason: text('policyTooManyHosts', [POLICY_MAX_PLATFORM_HOSTS]),
              });
            }
            return;
          }
          const origin = exactHttpsOrigin(entry);
          if (origin === null) {
            ignored.push({
              key: `${key}[${i}]`,
              reason: text('policyNotHttpsOrigin'),
            });
          } else if (!hosts.includes(origin)) {
            hosts.push(origin);
          }
        });
        policy.allowedPlatformHosts = hosts;
        break;
      }
      case 'requirePassphrase':
      case 'disallowKeepingTokens':
        if (v.is(booleanSchema, value)) policy[key] = value;
        else ignored.push({ key, reason: text('policyExpectedBoolean', [describe(value)]) });
        break;
      case 'maxAutoLockMinutes':
        if (v.is(minutesSchema, value)) policy.maxAutoLockMinutes = value;
        else {
          ignored.push({
            key,
            reason: text('policyExpectedMinutes', [
              POLICY_AUTO_LOCK_MIN_MINUTES,
              POLICY_AUTO_LOCK_MAX_MINUTES,
            ]),
          });
        }
        break;
      default:
        ignored.push({ key, reason: text('policyUnknownKey') });
    }
  }
  return { policy, ignored };
};

/** The settings in force: the policy wins over the user's options wherever it says something. */
export const mergePolicy = (options: PolicyOptions, managed: unknown, unknown = false): EffectiveSettings => {
  const { policy, ignored } = parseManagedPolicy(unknown ? undefined : managed);

  const userHosts = [
    ...new Set(options.platformHosts.map((h) => toHttpsOrigin(h)).filter((h): h is string => h !== null)),
  ];
  const allowed = policy.allowedPlatformHosts ?? null;
  const platformHosts = allowed ? userHosts.filter((h) => allowed.includes(h)) : userHosts;

  const ceiling = policy.maxAutoLockMinutes ?? null;
  const requirePassphrase = policy.requirePassphrase === true;
  const disallowKeeping = policy.disallowKeepingTokens === true;

  return {
    platformHosts,
    requirePassphrase: requirePassphrase || options.requirePassphrase,
    autoLockMinutes: ceiling === null ? options.autoLockMinutes : Math.min(options.autoLockMinutes, ceiling),
    keepTokens: disallowKeeping || unknown ? false : options.keepTokens,
    enforced: {
      platformHosts: allowed !== null,
      requirePassphrase,
      autoLockMinutes: ceiling !== null,
      keepTokens: disallowKeeping,
    },
    allowedPlatformHosts: allowed,
    blockedPlatformHosts: allowed ? userHosts.filter((h) => !allowed.includes(h)) : [],
    maxAutoLockMinutes: ceiling,
    ignored,
    unknown,
  };
};

/** Whether the user may add or use `origin` as a platform under the policy in force. */
export const isPlatformHostAllowed = (
  settings: Pick<EffectiveSettings, 'allowedPlatformHosts'>,
  origin: string,
) => {
  const normalised = toHttpsOrigin(origin);
  if (normalised === null) return false;
  return settings.allowedPlatformHosts === null || settings.allowedPlatformHosts.includes(normalised);
};

/** Whether the user may pick `minutes` for auto-lock under the policy in force. */
export const isAutoLockAllowed = (settings: Pick<EffectiveSettings, 'maxAutoLockMinutes'>, minutes: number) =>
  settings.maxAutoLockMinutes === null || minutes <= settings.maxAutoLockMinutes;
