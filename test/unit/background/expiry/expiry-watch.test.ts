import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { attachListeners } from '../../../../src/background/browser/listener-dispatch';
import { expiryListeners } from '../../../../src/background/expiry/expiry-listeners';
import {
  createExpiryWatch,
  EXPIRY_ALARM,
  EXPIRY_LAST_CHECK_KEY,
  EXPIRY_SETTINGS_KEY,
  type ExpiryNotificationOptions,
  expiryNotificationText,
} from '../../../../src/background/expiry/expiry-watch';
import { BADGE_AMBER, BADGE_RED, createToolbarBadge } from '../../../../src/background/expiry/toolbar-badge';
import { AppFailure } from '../../../../src/shared/errors';
import type { ExpiringToken, RuntimeTokenState, WatchedToken } from '../../../../src/shared/expiry-schedule';
import { SEED_TOKENS } from '../../../simulator/git-providers/seed-tokens';
import { fakeListenedEvents, fakeWake } from '../browser/fake-listened-events';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-03-10T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

const hexOf = (rgba: number[]) =>
  `#${rgba
    .slice(0, 3)
    .map((n) => n.toString(16).padStart(2, '0'))
    .join('')}`;

describe('expiry watch', () => {
  let clock: number;
  let tokens: WatchedToken[];
  let states: RuntimeTokenState[] | Error;
  let shown: [string, ExpiryNotificationOptions][];
  let opened: string[];

  const makeWatch = () =>
    createExpiryWatch({
      listTokens: async () => tokens,
      listRuntimeStates: async () => {
        if (states instanceof Error) throw states;
        return states;
      },
      alarms: fakeBrowser.alarms,
      badge: createToolbarBadge({ action: fakeBrowser.action, session: fakeBrowser.storage.session }),
      notifications: {
        create: async (id, options) => {
          shown.push([id, options]);
          return fakeBrowser.notifications.create(id, options);
        },
        clear: (id) => fakeBrowser.notifications.clear(id),
      },
      storage: fakeBrowser.storage.local,
      openRotation: (tokenId) => {
        opened.push(tokenId);
      },
      iconUrl: 'chrome-extension://ext/icons/icon-128.png',
      now: () => clock,
    });

  /** The alarm rings: what the dispatcher calls for the watch's alarm name (expiry-listeners.ts). */
  const ring = (watch: ReturnType<typeof makeWatch>) => expiryListeners(watch).alarms[EXPIRY_ALARM]();

  const badge = async () => ({
    text: await fakeBrowser.action.getBadgeText({}),
    color: hexOf(await fakeBrowser.action.getBadgeBackgroundColor({})),
  });

  beforeEach(() => {
    clock = START;
    shown = [];
    opened = [];
    states = [];
    tokens = [
      {
        id: 'rec-soon',
        expiresAt: at(START + 3 * DAY + HOUR),
        login: 'octocat',
        provider: 'GITHUB',
        runtimes: ['production', 'staging'],
      },
      { id: 'rec-never', expiresAt: null, login: 'octocat', provider: 'GITHUB', runtimes: ['qa'] },
      { id: 'rec-far', expiresAt: at(START + 60 * DAY), login: 'alice', provider: 'GITLAB', runtimes: [] },
    ];
  });

  it('creates the periodic alarm once, however often the worker starts', async () => {
    const watch = makeWatch();
    await watch.ensureScheduled();
    const first = await fakeBrowser.alarms.get(EXPIRY_ALARM);
    expect(first).toMatchObject({ name: EXPIRY_ALARM, periodInMinutes: 360 });
    await watch.ensureScheduled();
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    expect(await fakeBrowser.alarms.get(EXPIRY_ALARM)).toEqual(first);
  });

  it('checks when its own alarm rings, and is not given another', async () => {
    const events = fakeListenedEvents();
    attachListeners(events, [expiryListeners(makeWatch())], fakeWake());
    events.alarms.onAlarm.fire({ name: 'vault-auto-lock' });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(shown).toEqual([]);
    events.alarms.onAlarm.fire({ name: EXPIRY_ALARM });
    await vi.waitFor(() => expect(shown).toHaveLength(1));
  });

  it('sets an amber badge and names the owner and runtimes, never the token, in the notification', async () => {
    tokens = [{ ...tokens[0]!, id: 'rec-seed', expiresAt: SEED_TOKENS.githubClassicNearExpiry.expiresAt }];
    clock = Date.parse(SEED_TOKENS.githubClassicNearExpiry.expiresAt) - 3 * DAY - HOUR;
    await makeWatch().check();
    expect(await badge()).toEqual({ text: '1', color: BADGE_AMBER });
    expect(shown).toHaveLength(1);
    const [id, options] = shown[0]!;
    expect(id).toBe('expiry:rec-seed');
    expect(options).toMatchObject({ type: 'basic', title: 'A Git token expires soon' });
    expect(options.message).toBe(
      "octocat's GitHub token expires in 3 days. It is used on production, staging. Click to replace it everywhere.",
    );
    const everything = JSON.stringify([shown, await fakeBrowser.storage.local.get(null)]);
    expect(everything).not.toContain(SEED_TOKENS.githubClassicNearExpiry.token);
    expect(everything).not.toContain(SEED_TOKENS.githubClassicNearExpiry.token.slice(-4));
  });

  it('turns the badge red for an expired token or an invalid runtime', async () => {
    tokens = [{ ...tokens[0]!, expiresAt: at(START - 2 * DAY - HOUR) }];
    await makeWatch().check();
    expect(await badge()).toEqual({ text: '1', color: BADGE_RED });
    expect(shown[0]![1]).toMatchObject({
      title: 'A Git token has expired',
      message: expect.stringContaining("octocat's GitHub token expired 2 days ago."),
    });

    tokens = [];
    states = [
      { name: 'production', kind: 'invalid' },
      { name: 'staging', kind: 'invalid' },
      { name: 'qa', kind: 'valid' },
    ];
    await makeWatch().check();
    expect(await badge()).toEqual({ text: '2', color: BADGE_RED });
  });

  it('clears the badge when nothing needs attention', async () => {
    await fakeBrowser.action.setBadgeText({ text: '3' });
    tokens = [tokens[1]!, tokens[2]!];
    await makeWatch().check();
    expect((await badge()).text).toBe('');
    expect(shown).toEqual([]);
  });

  it('still checks expiry when the runtime states cannot be read', async () => {
    states = new AppFailure('no-api-key', 'Enter your Codefresh API key first.');
    const schedule = await makeWatch().check();
    expect(schedule.invalidRuntimes).toEqual([]);
    expect(await badge()).toEqual({ text: '1', color: BADGE_AMBER });
  });

  it('notifies each token once a day across alarms and worker restarts', async () => {
    await ring(makeWatch());
    for (let hours = 6; hours < 24; hours += 6) {
      clock = START + hours * HOUR;
      // A new watch each time: the worker slept in between and only storage remembers.
      await ring(makeWatch());
    }
    expect(shown.map(([id]) => id)).toEqual(['expiry:rec-soon']);
    clock = START + 24 * HOUR;
    await ring(makeWatch());
    expect(shown.map(([id]) => id)).toEqual(['expiry:rec-soon', 'expiry:rec-soon']);
    expect(shown[1]![1].message).toContain('expires in 2 days');
  });

  it('does not notify twice when the alarm and the start-up catch-up overlap', async () => {
    const watch = makeWatch();
    await Promise.all([watch.catchUp(), ring(watch), watch.check()]);
    expect(shown).toHaveLength(1);
  });

  it('catches up a missed alarm at start, and skips the check when the last one is recent', async () => {
    // Never checked (first start after install): check now.
    expect(await makeWatch().catchUp()).toBe(true);
    expect(shown).toHaveLength(1);
    expect((await fakeBrowser.storage.local.get(EXPIRY_LAST_CHECK_KEY))[EXPIRY_LAST_CHECK_KEY]).toBe(START);

    clock = START + 2 * HOUR;
    expect(await makeWatch().catchUp()).toBe(false);

    // The browser was closed for two days: the alarms in between never fired.
    clock = START + 2 * DAY;
    expect(await makeWatch().catchUp()).toBe(true);
    expect(shown).toHaveLength(2);
    expect(shown[1]![1].message).toContain('expires in 1 day.');
    expect((await fakeBrowser.storage.local.get(EXPIRY_LAST_CHECK_KEY))[EXPIRY_LAST_CHECK_KEY]).toBe(clock);
  });

  it('follows the lead-time setting and refreshes the badge at once, without notifying', async () => {
    const watch = makeWatch();
    expect(await watch.getSettings()).toEqual({ leadDays: 7, notifications: true });
    await watch.setSettings({ leadDays: 2, notifications: true });
    expect((await badge()).text).toBe('');
    await watch.check();
    expect(shown).toEqual([]);

    expect(await watch.setSettings({ leadDays: 90, notifications: true })).toEqual({
      leadDays: 90,
      notifications: true,
    });
    expect((await badge()).text).toBe('2');
    expect(shown).toEqual([]);
    await watch.check();
    expect(shown.map(([id]) => id).sort()).toEqual(['expiry:rec-far', 'expiry:rec-soon']);
  });

  it('raises no notification when they are off, and keeps the badge', async () => {
    const watch = makeWatch();
    await watch.setSettings({ leadDays: 7, notifications: false });
    await watch.check();
    expect(shown).toEqual([]);
    expect((await badge()).text).toBe('1');
    expect((await fakeBrowser.storage.local.get(EXPIRY_SETTINGS_KEY))[EXPIRY_SETTINGS_KEY]).toEqual({
      leadDays: 7,
      notifications: false,
    });
  });

  it('refuses settings out of range', async () => {
    await expect(makeWatch().setSettings({ leadDays: 0, notifications: true })).rejects.toMatchObject({
      appError: { code: 'expiry-settings-invalid', message: 'Choose a warning time from 1 to 90 days.' },
    });
    await expect(makeWatch().setSettings({ leadDays: 91, notifications: true })).rejects.toBeInstanceOf(
      AppFailure,
    );
  });

  it('tries a notification again at the next check when it could not be shown', async () => {
    let failures = 1;
    const watch = createExpiryWatch({
      listTokens: async () => tokens,
      alarms: fakeBrowser.alarms,
      badge: createToolbarBadge({ action: fakeBrowser.action, session: fakeBrowser.storage.session }),
      notifications: {
        create: async (id, options) => {
          if (failures-- > 0) throw new Error('notifications blocked');
          shown.push([id, options]);
          return id;
        },
      },
      storage: fakeBrowser.storage.local,
      openRotation: () => {},
      iconUrl: 'icon.png',
      now: () => clock,
    });
    await watch.check();
    expect(shown).toEqual([]);
    clock += 6 * HOUR;
    await watch.check();
    expect(shown).toHaveLength(1);
  });

  it('status lists what is expiring with the settings, and never notifies', async () => {
    states = [{ name: 'edge', kind: 'invalid' }];
    const status = await makeWatch().status();
    expect(status.expiring.map((t) => t.tokenId)).toEqual(['rec-soon']);
    expect(status.invalidRuntimes).toEqual(['edge']);
    expect(status.settings).toEqual({ leadDays: 7, notifications: true });
    expect(shown).toEqual([]);
    expect(await badge()).toEqual({ text: '2', color: BADGE_RED });
  });

  it('opens the rotation flow for the token a notification names', async () => {
    const watch = makeWatch();
    await watch.check();
    expect(await fakeBrowser.notifications.getAll()).toHaveProperty(['expiry:rec-soon']);
    const events = fakeListenedEvents();
    attachListeners(events, [expiryListeners(watch)], fakeWake());
    events.notifications.onClicked.fire('expiry:rec-soon');
    await vi.waitFor(() => expect(opened).toEqual(['rec-soon']));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    events.notifications.onClicked.fire('context-menu:result');
    events.notifications.onClicked.fire('expiry:');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(opened).toEqual(['rec-soon']);
  });
});

describe('expiry notification text', () => {
  const token = (over: Partial<ExpiringToken>): ExpiringToken => ({
    tokenId: 'rec',
    login: 'octocat',
    provider: 'GITHUB',
    expiresAt: '2026-03-13T12:00:00.000Z',
    state: 'expires-soon',
    daysLeft: 3,
    runtimes: [],
    ...over,
  });

  it('says when, in words for each number of days', () => {
    const say = (state: ExpiringToken['state'], daysLeft: number) =>
      expiryNotificationText(token({ state, daysLeft })).message;
    expect(say('expires-soon', 0)).toBe(
      "octocat's GitHub token expires within a day. Click to replace it everywhere.",
    );
    expect(say('expires-soon', 1)).toBe(
      "octocat's GitHub token expires in 1 day. Click to replace it everywhere.",
    );
    expect(say('expires-soon', 5)).toBe(
      "octocat's GitHub token expires in 5 days. Click to replace it everywhere.",
    );
    expect(say('expired', 0)).toBe("octocat's GitHub token expired today. Click to replace it everywhere.");
    expect(say('expired', -1)).toBe(
      "octocat's GitHub token expired 1 day ago. Click to replace it everywhere.",
    );
    expect(say('expired', -4)).toBe(
      "octocat's GitHub token expired 4 days ago. Click to replace it everywhere.",
    );
    expect(expiryNotificationText(token({ state: 'expired', daysLeft: -4 })).title).toBe(
      'A Git token has expired',
    );
  });

  it('names whose token it is with what is known', () => {
    const whose = (login: string | null, provider: ExpiringToken['provider']) =>
      expiryNotificationText(token({ login, provider, state: 'expired', daysLeft: 0 })).message;
    expect(whose('octocat', null)).toBe("octocat's Git token expired today. Click to replace it everywhere.");
    expect(whose(null, 'GITLAB')).toBe(
      'Your saved GitLab token expired today. Click to replace it everywhere.',
    );
    expect(whose(null, null)).toBe('A saved Git token expired today. Click to replace it everywhere.');
  });

  it('lists at most three runtimes and counts the rest', () => {
    expect(expiryNotificationText(token({ runtimes: ['a', 'b', 'c', 'd', 'e'] })).message).toBe(
      "octocat's GitHub token expires in 3 days. It is used on a, b, c and 2 more. Click to replace it everywhere.",
    );
    expect(expiryNotificationText(token({ runtimes: ['a', 'b', 'c'] })).message).toBe(
      "octocat's GitHub token expires in 3 days. It is used on a, b, c. Click to replace it everywhere.",
    );
  });
});
