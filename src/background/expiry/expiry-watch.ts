import { AppFailure } from '../../shared/errors';
import {
  computeExpirySchedule,
  EXPIRY_CHECK_PERIOD_MINUTES,
  EXPIRY_LEAD_DAYS_MAX,
  EXPIRY_LEAD_DAYS_MIN,
  type ExpiringToken,
  type ExpirySchedule,
  type ExpirySettings,
  isCheckOverdue,
  parseExpirySettings,
  type RuntimeTokenState,
  type WatchedToken,
} from '../../shared/expiry-schedule';
import { text } from '../../shared/i18n';
import type { ExpiryStatusView } from '../../shared/messages/expiry';
import { providerName } from '../../shared/token-kind';
import type { PeriodicAlarms } from '../browser/periodic-alarms';
import { readStored, STORED, writeStored } from '../storage/storage-keys';
import type { ToolbarBadge } from './toolbar-badge';

/** The periodic alarm. Alarms outlive the sleeping worker; timers do not. */
export const EXPIRY_ALARM = 'expiry-check';
export const EXPIRY_SETTINGS_KEY = STORED.expirySettings.key;
export const EXPIRY_LAST_NOTIFIED_KEY = STORED.expiryLastNotified.key;
export const EXPIRY_LAST_CHECK_KEY = STORED.expiryLastCheck.key;
/** Notification ids are `expiry:<token id>`, so a click names the token to rotate. */
export const EXPIRY_NOTIFICATION_PREFIX = 'expiry:';

export interface ExpiryNotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  priority?: number;
}

const whose = (token: ExpiringToken): string => {
  const provider = token.provider ? providerName(token.provider) : null;
  if (token.login && provider) return text('expiryTokenOfLoginOnProvider', [token.login, provider]);
  if (token.login) return text('expiryTokenOfLogin', [token.login]);
  if (provider) return text('expiryTokenOnProvider', [provider]);
  return text('expiryTokenUnnamed');
};

/** One sentence: whose token, and when it expired or expires. */
const status = (token: ExpiringToken): string => {
  const { state, daysLeft } = token;
  const name = whose(token);
  if (state === 'expired') {
    if (daysLeft === 0) return text('expiryExpiredToday', [name]);
    return daysLeft === -1
      ? text('expiryExpiredOneDayAgo', [name])
      : text('expiryExpiredDaysAgo', [name, -daysLeft]);
  }
  if (daysLeft === 0) return text('expiryExpiresWithinDay', [name]);
  return daysLeft === 1
    ? text('expiryExpiresInOneDay', [name])
    : text('expiryExpiresInDays', [name, daysLeft]);
};

const usedOn = (runtimes: readonly string[]): string => {
  const shown = runtimes.slice(0, 3).join(', ');
  return runtimes.length > 3 ? text('expiryRuntimesAndMore', [shown, runtimes.length - 3]) : shown;
};

/**
 * Names the token by owner, provider and where it is used. Never the token, and not even its last
 * four characters: a notification can be read over a shoulder or land in an OS notification log.
 */
export const expiryNotificationText = (token: ExpiringToken): { title: string; message: string } => ({
  title: text(token.state === 'expired' ? 'expiryTitleExpired' : 'expiryTitleSoon'),
  message:
    token.runtimes.length === 0
      ? text('expiryNotificationMessage', [status(token)])
      : text('expiryNotificationMessageUsedOn', [status(token), usedOn(token.runtimes)]),
});

export interface ExpiryWatchDeps {
  /** Saved Git tokens' metadata (the vault lists it while locked). */
  listTokens(): Promise<readonly WatchedToken[]>;
  /**
   * The user's token state per runtime. May be absent or fail (no API key, platform down): the
   * runtime part of the check is then skipped and the expiry part still runs.
   */
  listRuntimeStates?(): Promise<readonly RuntimeTokenState[]>;
  readonly alarms: PeriodicAlarms;
  /** The badge's owner (toolbar-badge.ts): the watch reports its count, the owner draws the badge. */
  readonly badge: Pick<ToolbarBadge, 'showExpiry'>;
  readonly notifications: {
    create(id: string, options: ExpiryNotificationOptions): Promise<unknown>;
    clear?(id: string): Promise<unknown>;
  };
  /** `browser.storage.local`: settings, notification history, last check time. No secret. */
  readonly storage: {
    get(keys: string | string[]): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  /** Opens the rotation flow for a saved token (a notification was clicked). */
  openRotation(tokenId: string): Promise<void> | void;
  readonly iconUrl: string;
  readonly now?: () => number;
}

/**
 * The expiry watch (issue 10): a periodic alarm reads saved tokens' expiry and the runtimes' token
 * states, reports the badge's count to its owner, and raises at most one notification per token per day. Works on
 * metadata only; it never decrypts a token and makes no request to a Git host.
 */
export const createExpiryWatch = (deps: ExpiryWatchDeps) => {
  const now = deps.now ?? Date.now;
  // Alarm, start-up catch-up and a settings change may overlap; one evaluation at a time keeps the
  // notification history consistent (no double notification).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  const getSettings = async (): Promise<ExpirySettings> =>
    (await readStored(deps.storage, STORED.expirySettings)) ?? parseExpirySettings(undefined);

  const runtimeStates = async (): Promise<readonly RuntimeTokenState[]> => {
    if (!deps.listRuntimeStates) return [];
    try {
      return await deps.listRuntimeStates();
    } catch {
      return [];
    }
  };

  /** Reads everything, sets the badge, and (when `notify`) raises the due notifications. */
  const evaluate = async (notify: boolean) => {
    const at = now();
    const [settings, tokens, states, notified] = await Promise.all([
      getSettings(),
      deps.listTokens(),
      runtimeStates(),
      readStored(deps.storage, STORED.expiryLastNotified),
    ]);
    const previous = notified ?? {};
    const schedule = computeExpirySchedule({
      tokens,
      runtimeStates: states,
      now: at,
      leadDays: settings.leadDays,
      lastNotified: previous,
      notifications: notify && settings.notifications,
    });
    await deps.badge.showExpiry(schedule.badge);

    const lastNotified = { ...schedule.lastNotified };
    for (const notice of schedule.notify) {
      const token = schedule.expiring.find((t) => t.tokenId === notice.tokenId)!;
      try {
        await deps.notifications.create(`${EXPIRY_NOTIFICATION_PREFIX}${notice.tokenId}`, {
          type: 'basic',
          iconUrl: deps.iconUrl,
          ...expiryNotificationText(token),
          priority: notice.kind === 'expired' ? 2 : 1,
        });
      } catch {
        // Not shown (notifications blocked by the OS): try again at the next check, not in a day.
        if (previous[notice.tokenId] === undefined) delete lastNotified[notice.tokenId];
        else lastNotified[notice.tokenId] = previous[notice.tokenId]!;
      }
    }
    await deps.storage.set({
      [EXPIRY_LAST_NOTIFIED_KEY]: lastNotified,
      ...(notify ? { [EXPIRY_LAST_CHECK_KEY]: at } : {}),
    });
    return { schedule, settings, checkedAt: at };
  };

  const check = () => serial(() => evaluate(true));

  return {
    /** Creates the periodic alarm unless it exists. Call on install and on every worker start. */
    async ensureScheduled(): Promise<void> {
      if (await deps.alarms.get(EXPIRY_ALARM)) return;
      await deps.alarms.create(EXPIRY_ALARM, {
        periodInMinutes: EXPIRY_CHECK_PERIOD_MINUTES,
        delayInMinutes: EXPIRY_CHECK_PERIOD_MINUTES,
      });
    },

    /** Runs a full check now: badge and notifications. */
    check: async (): Promise<ExpirySchedule> => (await check()).schedule,

    /**
     * At worker start: checks now when the last check is a period old or never happened. A browser
     * that was closed when the alarm was due fires it late or not at all; this catches that up.
     */
    async catchUp(): Promise<boolean> {
      const last = (await readStored(deps.storage, STORED.expiryLastCheck)) ?? null;
      if (!isCheckOverdue(last, now())) return false;
      await check().catch(() => {});
      return true;
    },

    /** For the popup and options: what is expiring and the settings. Refreshes the badge; never notifies. */
    async status(): Promise<ExpiryStatusView> {
      const { schedule, settings } = await serial(() => evaluate(false));
      return { expiring: schedule.expiring, invalidRuntimes: schedule.invalidRuntimes, settings };
    },

    getSettings,

    async setSettings(settings: ExpirySettings): Promise<ExpirySettings> {
      const { leadDays, notifications } = settings;
      if (
        !Number.isInteger(leadDays) ||
        leadDays < EXPIRY_LEAD_DAYS_MIN ||
        leadDays > EXPIRY_LEAD_DAYS_MAX ||
        typeof notifications !== 'boolean'
      ) {
        throw new AppFailure(
          'expiry-settings-invalid',
          text('expirySettingsInvalid', [EXPIRY_LEAD_DAYS_MIN, EXPIRY_LEAD_DAYS_MAX]),
        );
      }
      const next: ExpirySettings = { leadDays, notifications };
      await writeStored(deps.storage, STORED.expirySettings, next);
      // The badge follows the new lead time at once; notifications wait for the next check.
      await serial(() => evaluate(false)).catch(() => {});
      return next;
    },

    /**
     * A click on one of the watch's notifications (the dispatcher gives it only ids that start with
     * `EXPIRY_NOTIFICATION_PREFIX`, expiry-listeners.ts): opens the rotation of the token it names.
     */
    async openFromNotification(notificationId: string): Promise<void> {
      const tokenId = notificationId.slice(EXPIRY_NOTIFICATION_PREFIX.length);
      if (tokenId.length === 0 || tokenId.length > 200) return;
      await deps.notifications.clear?.(notificationId);
      await deps.openRotation(tokenId);
    },
  };
};

export type ExpiryWatch = ReturnType<typeof createExpiryWatch>;
