import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createExpiryWatch } from '../../../../src/background/expiry/expiry-watch';
import {
  BADGE_AMBER,
  BADGE_GREEN,
  BADGE_RED,
  createToolbarBadge,
  MENU_OUTCOME_KEY,
} from '../../../../src/background/expiry/toolbar-badge';
import { createContextMenu } from '../../../../src/background/menu/context-menu';
import type { WatchedToken } from '../../../../src/shared/expiry-schedule';
import type { ApplyAnswer } from '../../../../src/shared/messages/token';
import type { SavedToken } from '../../../../src/shared/messages/vault';
import { runtime } from '../../popup/fake-popup-api';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');

const hexOf = (rgba: number[]) =>
  `#${rgba
    .slice(0, 3)
    .map((n) => n.toString(16).padStart(2, '0'))
    .join('')}`;
const shown = async () => ({
  text: await fakeBrowser.action.getBadgeText({}),
  color: hexOf((await fakeBrowser.action.getBadgeBackgroundColor({})) as number[]),
});

const saved: SavedToken = {
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

/** The real watch and the real menu, both reporting to one badge owner, as create-services.ts wires them. */
const setup = (failOn: readonly string[]) => {
  const badge = createToolbarBadge({ action: fakeBrowser.action, session: fakeBrowser.storage.session });
  const expiring: WatchedToken[] = [
    {
      id: 'old',
      provider: 'GITHUB',
      login: 'octocat',
      runtimes: [],
      expiresAt: new Date(NOW + 2 * DAY).toISOString(),
    },
  ];
  const watch = createExpiryWatch({
    listTokens: async () => expiring,
    alarms: fakeBrowser.alarms,
    badge,
    notifications: { create: async (id) => id },
    storage: fakeBrowser.storage.local,
    openRotation: () => {},
    iconUrl: 'icon.png',
    now: () => NOW,
  });
  const menu = createContextMenu({
    menus: { removeAll: async () => {}, create: () => {} },
    platformOrigins: () => ['https://g.codefresh.io'],
    listRuntimes: async () => [runtime('staging'), runtime('sandbox')],
    listSaved: async () => [saved],
    focusedText: async () => null,
    apply: async (recordId, names): Promise<ApplyAnswer> => ({
      recordId,
      results: names.map((runtimeName) =>
        failOn.includes(runtimeName)
          ? { runtimeName, ok: false as const, error: { code: 'x', message: 'refused' } }
          : { runtimeName, ok: true as const },
      ),
    }),
    notify: async () => {},
    badge,
    openNewTokenFlow: async () => {},
    text: {
      addFocused: (r) => r,
      addFocusedUnknown: () => '',
      noFittingToken: () => '',
      addMissing: () => '',
      replaceInvalid: () => '',
      addNew: () => '',
      authorizeWith: () => '',
      tokenLabel: () => '',
      resultTitle: () => '',
      resultLine: () => '',
      nothingToDo: () => '',
    },
  });
  return { badge, watch, menu, expiring };
};

describe('the toolbar badge has one owner', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps a failed menu action when the expiry watch checks afterwards', async () => {
    const { watch, menu } = setup(['staging']);
    await menu.handleClick('add-focused:r1:staging', 7);
    expect(await shown()).toEqual({ text: '!1', color: BADGE_RED });
    await watch.check();
    expect(await shown()).toEqual({ text: '!1', color: BADGE_RED });
  });

  it('shows a menu success over the expiry count, and the count again once the popup is opened', async () => {
    const { badge, watch, menu } = setup([]);
    await watch.check();
    expect(await shown()).toEqual({ text: '1', color: BADGE_AMBER });
    await menu.handleClick('add-focused:r1:staging', 7);
    expect(await shown()).toEqual({ text: '✓1', color: BADGE_GREEN });
    await watch.check();
    expect(await shown()).toEqual({ text: '✓1', color: BADGE_GREEN });
    await badge.acknowledgeMenuOutcome();
    expect(await shown()).toEqual({ text: '1', color: BADGE_AMBER });
  });

  it('shows the expiry count again once the popup has been opened after a failed menu action', async () => {
    const { badge, watch, menu } = setup(['staging']);
    await watch.check();
    await menu.handleClick('add-focused:r1:staging', 7);
    expect((await shown()).text).toBe('!1');
    await badge.acknowledgeMenuOutcome();
    expect(await shown()).toEqual({ text: '1', color: BADGE_AMBER });
  });

  it('keeps the menu outcome across a worker restart (a new owner reads it from storage.session)', async () => {
    const first = setup(['staging']);
    await first.menu.handleClick('add-focused:r1:staging', 7);
    const restarted = setup([]);
    await restarted.watch.check();
    expect(await shown()).toEqual({ text: '!1', color: BADGE_RED });
  });

  it('treats a malformed stored outcome as none', async () => {
    await fakeBrowser.storage.session.set({ [MENU_OUTCOME_KEY]: { added: 'x', failed: -1 } });
    const { watch, expiring } = setup([]);
    expiring.length = 0;
    await watch.check();
    expect((await shown()).text).toBe('');
  });
});
