import type { GitProvider, TokenState } from './runtime-types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Days before `expiresAt` that a token starts to warn. A week leaves a working week to create a
 * replacement; GitHub's own expiry e-mail also arrives seven days ahead
 * (https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens).
 */
export const EXPIRY_LEAD_DAYS_DEFAULT = 7;
/** The lead-time setting's bounds: at least a day, at most GitLab's shortest maximum lifetime (90 days). */
export const EXPIRY_LEAD_DAYS_MIN = 1;
export const EXPIRY_LEAD_DAYS_MAX = 90;
/**
 * How often the worker looks again. Expiry moves in days, so four checks a day catch every
 * transition within hours while costing nothing (metadata only, no request to a Git host).
 */
export const EXPIRY_CHECK_PERIOD_MINUTES = 6 * 60;
/** A token is named in a notification at most once in this window, however often checks run. */
export const EXPIRY_NOTIFY_INTERVAL_MS = DAY_MS;

/** The user's choices for the watch (options page); stored in `storage.local`, nothing secret. */
export interface ExpirySettings {
  readonly leadDays: number;
  readonly notifications: boolean;
}

export const DEFAULT_EXPIRY_SETTINGS: ExpirySettings = {
  leadDays: EXPIRY_LEAD_DAYS_DEFAULT,
  notifications: true,
};

/** A saved token's metadata: what the schedule needs, never the secret. */
export interface WatchedToken {
  readonly id: string;
  /** ISO-8601 instant; null (or unparseable) means it does not expire and never warns. */
  readonly expiresAt: string | null;
  readonly login: string | null;
  readonly provider: GitProvider | null;
  readonly runtimes: readonly string[];
}

/** The current user's token state on one runtime, as the runtime directory read it. */
export interface RuntimeTokenState {
  readonly name: string;
  readonly kind: TokenState['kind'];
}

export type ExpiryState = 'expires-soon' | 'expired';

export interface ExpiringToken {
  readonly tokenId: string;
  readonly login: string | null;
  readonly provider: GitProvider | null;
  readonly expiresAt: string;
  readonly state: ExpiryState;
  /**
   * Whole days between now and the expiry, rounded towards zero: 3 = in three days (or a little
   * more), 0 = within a day either side, −2 = expired two days ago.
   */
  readonly daysLeft: number;
  readonly runtimes: readonly string[];
}

export interface ExpiryNotice {
  readonly tokenId: string;
  readonly kind: ExpiryState;
  readonly daysLeft: number;
}

export type BadgeColor = 'red' | 'amber' | '';

export interface ExpiryBadge {
  /** Tokens expired or due soon, plus invalid runtimes not already explained by one of them. */
  readonly count: number;
  /** Red when anything is expired or invalid, amber when something is only due soon. */
  readonly color: BadgeColor;
}

export interface ExpiryScheduleInput {
  readonly tokens: readonly WatchedToken[];
  /** Empty when the runtime states could not be read: the token part still works. */
  readonly runtimeStates: readonly RuntimeTokenState[];
  readonly now: number;
  readonly leadDays?: number;
  /** Token id → epoch ms of its last notification. */
  readonly lastNotified: Readonly<Record<string, number>>;
  /** False when the user turned notifications off: nothing is due, the badge still shows. */
  readonly notifications?: boolean;
}

export interface ExpirySchedule {
  readonly badge: ExpiryBadge;
  readonly notify: readonly ExpiryNotice[];
  /** Soonest first. */
  readonly expiring: readonly ExpiringToken[];
  /** Runtimes where Codefresh marks the user's token invalid, in input order. */
  readonly invalidRuntimes: readonly string[];
  /**
   * `lastNotified` after sending `notify`: entries for tokens that no longer exist are dropped, so
   * the map cannot grow without bound.
   */
  readonly lastNotified: Readonly<Record<string, number>>;
}

/** A lead-time setting brought into bounds (whole days); anything unusable becomes the default. */
export const clampLeadDays = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return EXPIRY_LEAD_DAYS_DEFAULT;
  return Math.min(EXPIRY_LEAD_DAYS_MAX, Math.max(EXPIRY_LEAD_DAYS_MIN, Math.round(value)));
};

const expiryMs = (expiresAt: string | null): number | null => {
  if (!expiresAt) return null;
  const ms = Date.parse(expiresAt);
  return Number.isFinite(ms) ? ms : null;
};

/**
 * What the expiry watch should show and say right now. Pure: the clock, the settings and the
 * notification history are inputs, so every case is a plain test.
 */
export const computeExpirySchedule = (input: ExpiryScheduleInput): ExpirySchedule => {
  const leadMs = clampLeadDays(input.leadDays ?? EXPIRY_LEAD_DAYS_DEFAULT) * DAY_MS;
  const { now } = input;

  const expiring: ExpiringToken[] = [];
  for (const token of input.tokens) {
    const at = expiryMs(token.expiresAt);
    if (at === null) continue;
    const left = at - now;
    if (left > leadMs) continue;
    expiring.push({
      tokenId: token.id,
      login: token.login,
      provider: token.provider,
      expiresAt: new Date(at).toISOString(),
      state: left <= 0 ? 'expired' : 'expires-soon',
      // `|| 0` turns −0 into 0.
      daysLeft: Math.trunc(left / DAY_MS) || 0,
      runtimes: token.runtimes,
    });
  }
  expiring.sort(
    (a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.tokenId.localeCompare(b.tokenId),
  );

  const invalidRuntimes = input.runtimeStates.filter((r) => r.kind === 'invalid').map((r) => r.name);
  // An invalid runtime whose saved token already warns is the same problem; count it once.
  const explained = new Set(expiring.flatMap((t) => t.runtimes));
  const unexplained = invalidRuntimes.filter((name) => !explained.has(name));

  const anyRed = expiring.some((t) => t.state === 'expired') || invalidRuntimes.length > 0;
  const count = expiring.length + unexplained.length;
  const badge: ExpiryBadge = { count, color: count === 0 ? '' : anyRed ? 'red' : 'amber' };

  const notify: ExpiryNotice[] =
    input.notifications === false
      ? []
      : expiring
          .filter((t) => {
            const last = input.lastNotified[t.tokenId];
            return last === undefined || now - last >= EXPIRY_NOTIFY_INTERVAL_MS || last > now;
          })
          .map((t) => ({ tokenId: t.tokenId, kind: t.state, daysLeft: t.daysLeft }));

  const known = new Set(input.tokens.map((t) => t.id));
  const lastNotified: Record<string, number> = {};
  for (const [id, at] of Object.entries(input.lastNotified)) {
    if (known.has(id) && typeof at === 'number') lastNotified[id] = at;
  }
  for (const n of notify) lastNotified[n.tokenId] = now;

  return { badge, notify, expiring, invalidRuntimes, lastNotified };
};

/** When the next periodic check is due after one that ran at `now`. */
export const nextCheckAt = (now: number): number => now + EXPIRY_CHECK_PERIOD_MINUTES * 60_000;

/** True when the last check is a full period old (or never ran): an alarm was missed while asleep. */
export const isCheckOverdue = (lastCheckAt: number | null, now: number): boolean =>
  lastCheckAt === null || lastCheckAt > now || nextCheckAt(lastCheckAt) <= now;

/** Stored settings read defensively: a missing or damaged value falls back to the defaults. */
export const parseExpirySettings = (value: unknown): ExpirySettings => {
  if (typeof value !== 'object' || value === null) return DEFAULT_EXPIRY_SETTINGS;
  const { leadDays, notifications } = value as Partial<Record<keyof ExpirySettings, unknown>>;
  return {
    leadDays: clampLeadDays(leadDays),
    notifications: typeof notifications === 'boolean' ? notifications : DEFAULT_EXPIRY_SETTINGS.notifications,
  };
};
