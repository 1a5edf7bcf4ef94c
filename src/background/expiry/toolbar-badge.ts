import type { ExpiryBadge } from '../../shared/expiry-schedule';
import { readStored, STORED, writeStored } from '../storage/storage-keys';
import type { MenuOutcome } from '../storage/stored-values';

export type { MenuOutcome } from '../storage/stored-values';

/** Badge colours: GitHub Primer's danger, attention and success tones, readable under white text. */
export const BADGE_RED = '#cf222e';
export const BADGE_AMBER = '#9a6700';
export const BADGE_GREEN = '#1a7f37';

export interface ToolbarBadgeDeps {
  readonly action: {
    setBadgeText(details: { text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  };
  /**
   * `storage.session`: the menu's last outcome, so a worker that slept and woke for the expiry
   * alarm still shows it (storage-keys.ts `badge.menuOutcome.v1`).
   */
  readonly session: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(key: string): Promise<void>;
  };
}

const OUTCOME = STORED.badgeMenuOutcome;
export const MENU_OUTCOME_KEY = OUTCOME.key;

const count = (n: number) => (n > 99 ? '99+' : String(n));

/**
 * What the badge shows, from both of its inputs. The menu's last outcome answers a click the user
 * just made, so it shows until the popup or options page is opened; then the expiry count (tokens
 * that expire, runtimes whose token is invalid) is back. Neither input erases the other.
 */
export const composeBadge = (
  expiry: ExpiryBadge | null,
  menu: MenuOutcome | null,
): { text: string; color: string | null } => {
  if (menu && menu.failed > 0) return { text: `!${count(menu.failed)}`, color: BADGE_RED };
  if (menu && menu.added > 0) return { text: `✓${count(menu.added)}`, color: BADGE_GREEN };
  if (expiry && expiry.count > 0) {
    return { text: count(expiry.count), color: expiry.color === 'red' ? BADGE_RED : BADGE_AMBER };
  }
  return { text: '', color: null };
};

/**
 * The one owner of the toolbar badge. The expiry watch and the context menu each report their own
 * input here; the badge is recomputed from both every time, never written by either directly.
 */
export const createToolbarBadge = (deps: ToolbarBadgeDeps) => {
  let expiry: ExpiryBadge | null = null;
  let queue: Promise<void> = Promise.resolve();

  const menuOutcome = async (): Promise<MenuOutcome | null> =>
    (await readStored(deps.session, OUTCOME).catch(() => undefined)) ?? null;

  const render = async () => {
    const shown = composeBadge(expiry, await menuOutcome());
    if (shown.color) await deps.action.setBadgeBackgroundColor({ color: shown.color });
    await deps.action.setBadgeText({ text: shown.text });
  };
  // One render at a time, so the badge always ends on the newest inputs.
  const serial = (change: () => Promise<void>): Promise<void> => {
    const run = queue.then(change).then(render);
    queue = run.catch(() => {});
    return run;
  };

  return {
    /** The expiry watch's latest count and colour. */
    showExpiry: (badge: ExpiryBadge) =>
      serial(async () => {
        expiry = badge;
      }),
    /** The context menu's latest action. */
    showMenuOutcome: (outcome: MenuOutcome) => serial(() => writeStored(deps.session, OUTCOME, outcome)),
    /** The user opened the popup or options page (the outcome's notification was seen): the badge drops it. */
    acknowledgeMenuOutcome: () => serial(() => deps.session.remove(OUTCOME.key)),
  };
};

export type ToolbarBadge = ReturnType<typeof createToolbarBadge>;
