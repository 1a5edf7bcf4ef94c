import { describe, expect, it } from 'vitest';
import { createContextMenu, type MenuCreateProperties } from '../../../../src/background/menu/context-menu';
import { createPageReportIntake } from '../../../../src/background/runtimes/page-report-intake';
import { createPageReports } from '../../../../src/background/runtimes/page-reports';
import type { SavedToken } from '../../../../src/shared/messages/vault';
import { runtime } from '../../popup/fake-popup-api';

const token: SavedToken = {
  id: 'r1',
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: 'octocat',
  tokenType: 'github-classic',
  scopes: ['repo'],
  lastFour: 'abcd',
  expiresAt: null,
  createdAt: 0,
  lastUsedAt: null,
  runtimes: [],
};

const URL = 'https://g.codefresh.io/2.0/user-settings';

/**
 * The real intake, page-report store and context menu, over a fake session area and a vault that,
 * like the real one, answers one call at a time in order. `release()` ends the intake's pause.
 */
const setup = () => {
  const session = new Map<string, unknown>();
  let sessionWrites = 0;
  const reports = createPageReports({
    get: async (key) => (session.has(key) ? { [key]: session.get(key) } : {}),
    set: async (items) => {
      sessionWrites += 1;
      for (const [k, v] of Object.entries(items)) session.set(k, v);
    },
    remove: async (key) => {
      session.delete(key);
    },
  });

  const vaultCalls: string[] = [];
  let vaultQueue: Promise<unknown> = Promise.resolve();
  const vault = (who: string): Promise<readonly SavedToken[]> => {
    const run = vaultQueue.then(() => {
      vaultCalls.push(who);
      return [token];
    });
    vaultQueue = run;
    return run;
  };

  let rebuilds = 0;
  let items: MenuCreateProperties[] = [];
  const menu = createContextMenu({
    menus: {
      removeAll: async () => {
        rebuilds += 1;
        items = [];
      },
      create: (p) => items.push(p),
    },
    platformOrigins: () => ['https://g.codefresh.io'],
    listRuntimes: async () => [runtime('production'), runtime('staging'), runtime('sandbox')],
    listSaved: () => vault('menu'),
    focusedText: async (tabId) =>
      tabId === undefined ? null : ((await reports.get(tabId))?.focusedText ?? null),
    apply: async (recordId) => ({ recordId, results: [] }),
    notify: async () => {},
    badge: { showMenuOutcome: async () => {} },
    openNewTokenFlow: async () => {},
    text: {
      addFocused: (r) => `Add saved token to ${r}`,
      addFocusedUnknown: () => 'Right-click a runtime row',
      noFittingToken: (r) => `No saved token fits ${r}`,
      addMissing: (n) => `Add to all ${n} missing`,
      replaceInvalid: () => 'Replace invalid tokens with…',
      addNew: () => 'Add a new token…',
      authorizeWith: (r, p) => `Authorize ${r} with ${p}…`,
      tokenLabel: (t) => `${t.login} ···${t.lastFour}`,
      resultTitle: () => 'Token added',
      resultLine: () => '',
      nothingToDo: () => 'Nothing to add.',
    },
  });

  const releases: (() => void)[] = [];
  const intake = createPageReportIntake({
    store: (tabId, report) => reports.put(tabId, report),
    rebuildMenu: (tabId) => menu.refresh(tabId),
    pause: () => new Promise<void>((resolve) => releases.push(resolve)),
  });
  const paused = () => releases.length;
  /** Lets the intake's pauses end until it is idle. */
  const finish = async () => {
    for (let i = 0; i < 10; i += 1) {
      await new Promise((r) => setTimeout(r, 0));
      while (releases.length > 0) releases.shift()!();
    }
    await intake.settled();
  };
  const flush = async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    intake,
    reports,
    vault,
    vaultCalls,
    finish,
    flush,
    paused,
    counts: () => ({ rebuilds, sessionWrites }),
    firstItem: () => items[0],
  };
};

const rowReport = (i: number, runtimeName: string) => ({
  url: URL,
  rowTexts: ['production', 'staging', 'sandbox'],
  focusedText: `${runtimeName} report ${i}`,
});

describe('page/report intake', () => {
  it('turns 5,000 reports from one tab into two rounds, and the popup’s vault call still answers', async () => {
    const t = setup();
    for (let i = 0; i < 5000; i += 1) t.intake.accept(7, rowReport(i, i % 2 ? 'staging' : 'sandbox'));
    const answeredAfter = t.vault('popup').then(() => [...t.vaultCalls]);

    // The first report went at once; the rest wait for the pause to end, and the popup is answered
    // with at most the one menu rebuild that was already under way ahead of it.
    await t.flush();
    expect(t.paused()).toBe(1);
    const ahead = await answeredAfter;
    expect(ahead.at(-1)).toBe('popup');
    expect(ahead.filter((c) => c === 'menu').length).toBeLessThanOrEqual(1);
    expect(t.counts()).toEqual({ rebuilds: 1, sessionWrites: 1 });
    expect((await t.reports.get(7))?.focusedText).toBe('sandbox report 0');

    await t.finish();
    // One more round, with the latest report only.
    expect(t.counts()).toEqual({ rebuilds: 2, sessionWrites: 2 });
    expect(t.vaultCalls.filter((c) => c === 'menu')).toHaveLength(2);
    expect((await t.reports.get(7))?.focusedText).toBe('staging report 4999');
    expect(t.firstItem()).toMatchObject({
      id: 'add-focused:r1:staging',
      title: 'Add saved token to staging',
    });
  });

  it('keeps the latest report of every tab, and rebuilds once per round for the tab that reported last', async () => {
    const t = setup();
    t.intake.accept(1, rowReport(0, 'production'));
    for (let i = 1; i <= 300; i += 1) {
      t.intake.accept(2, rowReport(i, 'staging'));
      t.intake.accept(3, rowReport(i, 'production'));
      t.intake.accept(1, rowReport(i, 'sandbox'));
    }
    expect(t.intake.pendingFor(1)?.focusedText).toBe('sandbox report 300');
    await t.finish();
    expect(t.counts()).toEqual({ rebuilds: 2, sessionWrites: 4 });
    expect((await t.reports.get(1))?.focusedText).toBe('sandbox report 300');
    expect((await t.reports.get(2))?.focusedText).toBe('staging report 300');
    expect((await t.reports.get(3))?.focusedText).toBe('production report 300');
    expect(t.intake.pendingFor(1)).toBeUndefined();
    expect(t.firstItem()).toMatchObject({ title: 'Add saved token to sandbox' });
  });

  it('handles a report that arrives after it went idle', async () => {
    const t = setup();
    t.intake.accept(7, rowReport(1, 'staging'));
    await t.finish();
    t.intake.accept(7, rowReport(2, 'sandbox'));
    await t.finish();
    expect(t.counts()).toEqual({ rebuilds: 2, sessionWrites: 2 });
    expect((await t.reports.get(7))?.focusedText).toBe('sandbox report 2');
  });
});
