import { describe, expect, it } from 'vitest';
import {
  clampLeadDays,
  computeExpirySchedule,
  EXPIRY_CHECK_PERIOD_MINUTES,
  EXPIRY_LEAD_DAYS_DEFAULT,
  type ExpiryScheduleInput,
  isCheckOverdue,
  nextCheckAt,
  parseExpirySettings,
  type WatchedToken,
} from '../../../src/shared/expiry-schedule';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

const token = (id: string, expiresAt: string | null, runtimes: string[] = []): WatchedToken => ({
  id,
  expiresAt,
  login: 'octocat',
  provider: 'GITHUB',
  runtimes,
});

const schedule = (overrides: Partial<ExpiryScheduleInput> = {}) =>
  computeExpirySchedule({ tokens: [], runtimeStates: [], now: NOW, lastNotified: {}, ...overrides });

describe('expiry schedule', () => {
  it('shows nothing when no token expires soon', () => {
    const result = schedule({ tokens: [token('far', at(NOW + 30 * DAY)), token('never', null)] });
    expect(result).toMatchObject({ badge: { count: 0, color: '' }, notify: [], expiring: [] });
  });

  it('never warns about a token without expiry, or with an expiry it cannot read', () => {
    const result = schedule({ tokens: [token('never', null), token('garbled', 'next tuesday')] });
    expect(result.expiring).toEqual([]);
    expect(result.notify).toEqual([]);
  });

  it('warns amber within the default lead time of 7 days, with the whole days left', () => {
    expect(EXPIRY_LEAD_DAYS_DEFAULT).toBe(7);
    const result = schedule({
      tokens: [token('soon', at(NOW + 3 * DAY + HOUR), ['production']), token('later', at(NOW + 8 * DAY))],
    });
    expect(result.badge).toEqual({ count: 1, color: 'amber' });
    expect(result.expiring).toEqual([
      {
        tokenId: 'soon',
        login: 'octocat',
        provider: 'GITHUB',
        expiresAt: at(NOW + 3 * DAY + HOUR),
        state: 'expires-soon',
        daysLeft: 3,
        runtimes: ['production'],
      },
    ]);
    expect(result.notify).toEqual([{ tokenId: 'soon', kind: 'expires-soon', daysLeft: 3 }]);
  });

  it('calls a token already past its expiry expired, in red, soonest first', () => {
    const result = schedule({
      tokens: [token('soon', at(NOW + 2 * DAY)), token('gone', at(NOW - 2 * DAY - HOUR))],
    });
    expect(result.badge).toEqual({ count: 2, color: 'red' });
    expect(result.expiring.map((t) => [t.tokenId, t.state, t.daysLeft])).toEqual([
      ['gone', 'expired', -2],
      ['soon', 'expires-soon', 2],
    ]);
    expect(result.notify).toContainEqual({ tokenId: 'gone', kind: 'expired', daysLeft: -2 });
  });

  it('treats the expiry instant itself as expired, and a few hours either side as day 0', () => {
    const result = schedule({
      tokens: [token('now', at(NOW)), token('hours', at(NOW + 5 * HOUR)), token('ago', at(NOW - 5 * HOUR))],
    });
    expect(result.expiring.map((t) => [t.tokenId, t.state, t.daysLeft])).toEqual([
      ['ago', 'expired', 0],
      ['now', 'expired', 0],
      ['hours', 'expires-soon', 0],
    ]);
  });

  it('follows the lead-time setting', () => {
    const tokens = [token('t', at(NOW + 20 * DAY))];
    expect(schedule({ tokens, leadDays: 7 }).expiring).toEqual([]);
    expect(schedule({ tokens, leadDays: 30 }).expiring).toHaveLength(1);
    expect(schedule({ tokens, leadDays: 1 }).badge.count).toBe(0);
  });

  it('notifies a token at most once per 24 hours', () => {
    const tokens = [token('t', at(NOW + 2 * DAY))];
    const first = schedule({ tokens });
    expect(first.notify).toHaveLength(1);
    expect(first.lastNotified).toEqual({ t: NOW });

    // Every six-hour check of the same day stays quiet, while the badge keeps showing it.
    for (const hours of [6, 12, 18, 23]) {
      const later = schedule({ tokens, now: NOW + hours * HOUR, lastNotified: first.lastNotified });
      expect(later.notify).toEqual([]);
      expect(later.badge.count).toBe(1);
      expect(later.lastNotified).toEqual({ t: NOW });
    }
    const nextDay = schedule({ tokens, now: NOW + 24 * HOUR, lastNotified: first.lastNotified });
    expect(nextDay.notify).toEqual([{ tokenId: 't', kind: 'expires-soon', daysLeft: 1 }]);
    expect(nextDay.lastNotified).toEqual({ t: NOW + 24 * HOUR });
  });

  it('raises nothing when notifications are off, but keeps the badge', () => {
    const result = schedule({ tokens: [token('t', at(NOW - DAY))], notifications: false });
    expect(result.notify).toEqual([]);
    expect(result.badge).toEqual({ count: 1, color: 'red' });
    expect(result.lastNotified).toEqual({});
  });

  it('forgets the notification history of tokens that no longer exist', () => {
    const result = schedule({
      tokens: [token('kept', at(NOW + 2 * DAY))],
      lastNotified: { kept: NOW - HOUR, removed: NOW - HOUR },
    });
    expect(result.lastNotified).toEqual({ kept: NOW - HOUR });
  });

  it('counts invalid runtimes in red, once when a warned token explains them', () => {
    const states = [
      { name: 'production', kind: 'invalid' as const },
      { name: 'staging', kind: 'invalid' as const },
      { name: 'qa', kind: 'valid' as const },
      { name: 'edge', kind: 'unknown' as const },
    ];
    const onlyRuntimes = schedule({ runtimeStates: states });
    expect(onlyRuntimes.invalidRuntimes).toEqual(['production', 'staging']);
    expect(onlyRuntimes.badge).toEqual({ count: 2, color: 'red' });
    expect(onlyRuntimes.notify).toEqual([]);

    const withToken = schedule({
      runtimeStates: states,
      tokens: [token('soon', at(NOW + 2 * DAY), ['production'])],
    });
    // The soon-expiring token on production and the invalid token on staging: two problems.
    expect(withToken.badge).toEqual({ count: 2, color: 'red' });
  });

  it('schedules the next check one period later and sees a missed one as overdue', () => {
    expect(EXPIRY_CHECK_PERIOD_MINUTES).toBe(360);
    expect(nextCheckAt(NOW)).toBe(NOW + 6 * HOUR);
    expect(isCheckOverdue(null, NOW)).toBe(true);
    expect(isCheckOverdue(NOW - 5 * HOUR, NOW)).toBe(false);
    expect(isCheckOverdue(NOW - 6 * HOUR, NOW)).toBe(true);
    expect(isCheckOverdue(NOW - 3 * DAY, NOW)).toBe(true);
    // A clock that went backwards must not postpone checks forever.
    expect(isCheckOverdue(NOW + DAY, NOW)).toBe(true);
  });

  it('reads settings defensively', () => {
    expect(parseExpirySettings(undefined)).toEqual({ leadDays: 7, notifications: true });
    expect(parseExpirySettings({ leadDays: 14, notifications: false })).toEqual({
      leadDays: 14,
      notifications: false,
    });
    expect(parseExpirySettings({ leadDays: 'x', notifications: 'yes' })).toEqual({
      leadDays: 7,
      notifications: true,
    });
    expect(clampLeadDays(0)).toBe(1);
    expect(clampLeadDays(365)).toBe(90);
  });
});
