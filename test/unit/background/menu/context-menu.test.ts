import { describe, expect, it } from 'vitest';
import { composeBadge } from '../../../../src/background/expiry/toolbar-badge';
import { createContextMenu, type MenuCreateProperties } from '../../../../src/background/menu/context-menu';
import type { ApplyAnswer } from '../../../../src/shared/messages/token';
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
  runtimes: ['production'],
};

/** `focused` is the runtime whose row was right-clicked last: the tab's report carries that row's text. */
const setup = (focused: string | null, failOn: string[] = []) => {
  let focusedText = focused === null ? null : `${focused} ••••abcd +Add Token`;
  const created: MenuCreateProperties[][] = [];
  let current: MenuCreateProperties[] = [];
  const applied: [string, readonly string[]][] = [];
  const notes: [string, string][] = [];
  const badges: string[] = [];
  const opened: (string | null)[] = [];
  const authorized: (readonly string[])[] = [];
  const menu = createContextMenu({
    menus: {
      removeAll: async () => {
        current = [];
        created.push(current);
      },
      create: (p) => current.push(p),
    },
    platformOrigins: () => ['https://g.codefresh.io'],
    listRuntimes: async () => [
      runtime('production', { token: { kind: 'valid' } }),
      runtime('staging'),
      runtime('sandbox'),
      runtime('gitlab', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }),
    ],
    listSaved: async () => [token],
    focusedText: async () => focusedText,
    apply: async (recordId, names): Promise<ApplyAnswer> => {
      applied.push([recordId, names]);
      return {
        recordId,
        results: names.map((runtimeName) =>
          failOn.includes(runtimeName)
            ? {
                runtimeName,
                ok: false,
                error: { code: 'app-proxy-down', message: `${runtimeName} is down.` },
              }
            : { runtimeName, ok: true },
        ),
      };
    },
    authorize: async (names) => {
      authorized.push(names);
      return {
        results: names.map((runtimeName) =>
          failOn.includes(runtimeName)
            ? {
                runtimeName,
                ok: false as const,
                error: { code: 'oauth-denied', message: 'Access was denied. Paste a token instead.' },
              }
            : { runtimeName, ok: true as const },
        ),
      };
    },
    notify: async (title, message) => {
      notes.push([title, message]);
    },
    badge: {
      // The text the badge's owner shows for this outcome alone (no expiry warning).
      showMenuOutcome: async (outcome) => {
        badges.push(composeBadge(null, outcome).text);
      },
    },
    openNewTokenFlow: async (name) => {
      opened.push(name);
    },
    text: {
      addFocused: (r) => `Add saved token to ${r}`,
      addFocusedUnknown: () => 'Right-click a runtime row',
      noFittingToken: (r) => `No saved token fits ${r}`,
      addMissing: (n) => `Add to all ${n} missing`,
      replaceInvalid: () => 'Replace invalid tokens with…',
      addNew: () => 'Add a new token…',
      authorizeWith: (r, p) => `Authorize ${r} with ${p}…`,
      tokenLabel: (t) => `${t.login} ···${t.lastFour}`,
      resultTitle: (failed) => (failed ? 'Some runtimes failed' : 'Token added'),
      resultLine: (added, failed) =>
        `Added to ${added.join(', ') || 'none'}.${failed.map((f) => ` ${f.name}: ${f.message}`).join('')}`,
      nothingToDo: () => 'Nothing to add.',
    },
  });
  const rightClick = (text: string | null) => {
    focusedText = text;
  };
  return { menu, created, applied, notes, badges, opened, authorized, current: () => current, rightClick };
};

describe('the context menu', () => {
  it('creates its items only for the settings pages, naming the right-clicked runtime', async () => {
    const { menu, current } = setup('staging');
    await menu.refresh(7);
    expect(current()[0]).toMatchObject({ id: 'add-focused:r1:staging', title: 'Add saved token to staging' });
    for (const item of current()) {
      expect(item.documentUrlPatterns).toEqual([
        'https://g.codefresh.io/2.0/user-settings*',
        'https://g.codefresh.io/2.0/git-personal-access-token*',
        'https://g.codefresh.io/2.0/account-settings/runtimes*',
      ]);
    }
  });

  it('does not duplicate items when rebuilds overlap', async () => {
    const { menu, current } = setup('staging');
    await Promise.all([menu.refresh(1), menu.refresh(1), menu.refresh(1)]);
    const ids = current().map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('adds the saved token to the right-clicked runtime and reports by badge and notification', async () => {
    const { menu, applied, notes, badges } = setup('staging');
    await menu.handleClick('add-focused:r1:staging', 7);
    expect(applied).toEqual([['r1', ['staging']]]);
    expect(badges).toEqual(['✓1']);
    expect(notes).toEqual([['Token added', 'Added to staging.']]);
  });

  it('adds to every runtime missing one and nowhere else, naming failures', async () => {
    const { menu, applied, notes, badges } = setup(null, ['sandbox']);
    await menu.handleClick('add-missing:r1', 7);
    expect(applied).toEqual([['r1', ['staging', 'sandbox']]]);
    expect(badges).toEqual(['!1']);
    expect(notes[0]).toEqual(['Some runtimes failed', 'Added to staging. sandbox: sandbox is down.']);
  });

  it('opens the new-token flow with the right-clicked runtime', async () => {
    const { menu, opened, applied } = setup('staging');
    await menu.handleClick('add-new::staging', 7);
    expect(opened).toEqual(['staging']);
    expect(applied).toEqual([]);
  });

  it('runs the Git OAuth flow for the right-clicked runtime and reports it like an add', async () => {
    const { menu, authorized, notes, badges, applied, current } = setup('staging');
    await menu.refresh(7);
    expect(current().find((i) => i.id === 'oauth-focused::staging')?.title).toBe(
      'Authorize staging with GitHub…',
    );
    await menu.handleClick('oauth-focused::staging', 7);
    expect(authorized).toEqual([['staging']]);
    expect(applied).toEqual([]);
    expect(badges).toEqual(['✓1']);
    expect(notes).toEqual([['Token added', 'Added to staging.']]);
  });

  it('names the OAuth failure, which offers the token path', async () => {
    const { menu, notes, badges } = setup('staging', ['staging']);
    await menu.handleClick('oauth-focused::staging', 7);
    expect(badges).toEqual(['!1']);
    expect(notes[0]?.[1]).toContain('Paste a token instead');
  });

  it('acts on the runtime its item was built for, not on a row reported after the menu opened', async () => {
    const { menu, applied, current, rightClick, opened, authorized } = setup('staging');
    await menu.refresh(7);
    const builtForStaging = current().map((i) => i.id);
    // The page reports another row (sandbox) before the user clicks the item that named staging.
    rightClick('sandbox ••••abcd +Add Token');
    await menu.refresh(7);
    expect(current()[0]?.id).toBe('add-focused:r1:sandbox');

    for (const id of builtForStaging) await menu.handleClick(id, 7);
    expect(applied).toEqual([
      ['r1', ['staging']],
      ['r1', ['staging', 'sandbox']], // "add to every runtime missing one" is not about the row
    ]);
    expect(authorized).toEqual([['staging']]);
    expect(opened).toEqual(['staging']);
  });

  it('refuses an item for a runtime that is gone or that its token does not fit', async () => {
    const { menu, applied, notes } = setup('staging');
    await menu.handleClick('add-focused:r1:deleted-runtime', 7);
    await menu.handleClick('add-focused:r1:gitlab', 7);
    await menu.handleClick('add-focused:r1', 7);
    expect(applied).toEqual([]);
    expect(notes.map(([, message]) => message)).toEqual([
      'Nothing to add.',
      'Nothing to add.',
      'Nothing to add.',
    ]);
  });

  it('names no runtime when the right-clicked row names two', async () => {
    const { menu, current, rightClick } = setup('staging');
    rightClick('staging sandbox');
    await menu.refresh(7);
    expect(current()[0]).toMatchObject({
      id: 'add-focused',
      title: 'Right-click a runtime row',
      enabled: false,
    });
  });

  it('ignores ids that are not ours', async () => {
    const { menu, applied, notes } = setup('staging');
    await menu.handleClick('someone-else', 7);
    expect(applied).toEqual([]);
    expect(notes).toEqual([]);
  });
});
