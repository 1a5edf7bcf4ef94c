import { describe, expect, it } from 'vitest';
import {
  buildMenu,
  type MenuText,
  menuDocumentPatterns,
  menuId,
  parseMenuId,
  runtimesMissingFor,
} from '../../../src/shared/menu-model';
import type { SavedToken } from '../../../src/shared/messages/vault';
import { runtime } from '../popup/fake-popup-api';

const text: MenuText = {
  addFocused: (r) => `Add saved token to ${r}`,
  addFocusedUnknown: () => 'Right-click a runtime row to add a saved token to it',
  noFittingToken: (r) => `No saved token fits ${r}`,
  addMissing: (n) => `Add saved token to all ${n} runtimes missing one`,
  replaceInvalid: () => 'Replace invalid tokens with…',
  addNew: () => 'Add a new token…',
  authorizeWith: (r, p) => `Authorize ${r} with ${p}…`,
  tokenLabel: (t, n) => `${t.login} ···${t.lastFour}${n === undefined ? '' : ` (${n})`}`,
};

const saved = (id: string, overrides: Partial<SavedToken> = {}): SavedToken => ({
  id,
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: 'octocat',
  tokenType: 'github-classic',
  scopes: ['repo'],
  lastFour: id.slice(-4).padStart(4, '0'),
  expiresAt: null,
  createdAt: 0,
  lastUsedAt: null,
  runtimes: [],
  ...overrides,
});

const runtimes = [
  runtime('production', { token: { kind: 'valid' } }),
  runtime('staging'),
  runtime('sandbox'),
  runtime('old', { token: { kind: 'invalid' } }),
  runtime('ghe', { gitApiUrl: 'https://ghe.example/api/v3' }),
  runtime('dev', { installationStatus: 'IN_PROGRESS' }),
  runtime('edge', { appProxyOrigin: null }),
  runtime('gitlab', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }),
];

describe('the context menu model', () => {
  it('appears only on the settings pages of each platform origin', () => {
    expect(menuDocumentPatterns(['https://g.codefresh.io', 'https://cf.acme.example'])).toEqual([
      'https://g.codefresh.io/2.0/user-settings*',
      'https://g.codefresh.io/2.0/git-personal-access-token*',
      'https://g.codefresh.io/2.0/account-settings/runtimes*',
      'https://cf.acme.example/2.0/user-settings*',
      'https://cf.acme.example/2.0/git-personal-access-token*',
      'https://cf.acme.example/2.0/account-settings/runtimes*',
    ]);
  });

  it('names the right-clicked runtime and offers the one fitting token directly', () => {
    const items = buildMenu({ focusedRuntime: 'staging', runtimes, saved: [saved('r1')], text });
    expect(items[0]).toEqual({
      id: 'add-focused:r1:staging',
      title: 'Add saved token to staging',
      enabled: true,
    });
  });

  it('lets the user pick when several saved tokens fit, and never offers a token for another host', () => {
    const tokens = [
      saved('r1'),
      saved('r2', { login: 'hubot' }),
      saved('r3', { apiUrl: 'https://ghe.example/api/v3' }),
    ];
    const items = buildMenu({ focusedRuntime: 'staging', runtimes, saved: tokens, text });
    const children = items.filter((i) => i.parentId === 'add-focused::staging').map((i) => i.id);
    expect(children).toEqual(['add-focused:r1:staging', 'add-focused:r2:staging']);
  });

  it('disables the first item when nothing was right-clicked or nothing fits', () => {
    expect(buildMenu({ focusedRuntime: null, runtimes, saved: [saved('r1')], text })[0]).toMatchObject({
      enabled: false,
    });
    expect(buildMenu({ focusedRuntime: 'gitlab', runtimes, saved: [saved('r1')], text })[0]).toEqual({
      id: 'add-focused::gitlab',
      title: 'No saved token fits gitlab',
      enabled: false,
    });
  });

  it('counts only installed, reachable runtimes of the same host that have no token', () => {
    expect(runtimesMissingFor(saved('r1'), runtimes)).toEqual(['staging', 'sandbox']);
    const items = buildMenu({ focusedRuntime: null, runtimes, saved: [saved('r1')], text });
    expect(items).toContainEqual({
      id: 'add-missing:r1',
      title: 'Add saved token to all 2 runtimes missing one',
      enabled: true,
    });
  });

  it('offers replacing invalid tokens with any token that fits them', () => {
    const items = buildMenu({ focusedRuntime: null, runtimes, saved: [saved('r1')], text });
    expect(items).toContainEqual({
      id: 'replace-invalid:r1',
      parentId: 'replace-invalid',
      title: 'octocat ···00r1 (1)',
      enabled: true,
    });
  });

  it('skips unreadable saved tokens', () => {
    const broken = saved('r1', { unreadable: { message: 'cannot be read' } });
    const items = buildMenu({ focusedRuntime: 'staging', runtimes, saved: [broken], text });
    expect(items.filter((i) => i.enabled).map((i) => i.id)).toEqual([
      'oauth-focused::staging',
      'add-new::staging',
    ]);
  });

  it('offers the Git OAuth flow for the right-clicked runtime when its provider has one', () => {
    const byFocus = (focusedRuntime: string | null) =>
      buildMenu({ focusedRuntime, runtimes, saved: [], text }).find((i) => i.id.startsWith('oauth-focused'));
    expect(byFocus('staging')).toEqual({
      id: 'oauth-focused::staging',
      title: 'Authorize staging with GitHub…',
      enabled: true,
    });
    // oauth-setup.md: GitHub only; a GitLab runtime gets no authorize item.
    expect(byFocus('gitlab')).toBeUndefined();
    // Not installed, no address, nothing right-clicked: no item.
    expect(byFocus('dev')).toBeUndefined();
    expect(byFocus('edge')).toBeUndefined();
    expect(byFocus(null)).toBeUndefined();
    const bitbucketCloud = runtime('bb', { gitProvider: 'BITBUCKET' });
    const dc = runtime('dc', { gitProvider: 'BITBUCKET_SERVER' });
    const items = (name: string) =>
      buildMenu({ focusedRuntime: name, runtimes: [bitbucketCloud, dc], saved: [], text });
    expect(items('bb').some((i) => i.id.startsWith('oauth-focused'))).toBe(false);
    expect(items('dc').some((i) => i.id.startsWith('oauth-focused'))).toBe(false);
    const ghe = runtime('ghe', { gitApiUrl: 'https://ghe.acme.example/api/v3' });
    expect(
      buildMenu({ focusedRuntime: 'ghe', runtimes: [ghe], saved: [], text }).find((i) =>
        i.id.startsWith('oauth-focused'),
      )?.title,
    ).toBe('Authorize ghe with GitHub Enterprise…');
  });

  it.each([
    ['add-focused:r1', { action: 'add-focused', recordId: 'r1' }],
    ['add-focused:r1:staging', { action: 'add-focused', recordId: 'r1', runtimeName: 'staging' }],
    ['add-new', { action: 'add-new' }],
    ['add-new::prod.eu', { action: 'add-new', runtimeName: 'prod.eu' }],
    ['oauth-focused', { action: 'oauth-focused' }],
    ['something-else:r1', null],
    ['add-focused:r1:staging:extra', null],
    ['add-focused:%E0%A4%A:x', null],
    [42, null],
  ])('parses menu id %j', (id, parsed) => {
    expect(parseMenuId(id)).toEqual(parsed);
  });

  it('round-trips a runtime name with separators through an item id', () => {
    const name = 'team:a/b c%';
    expect(parseMenuId(menuId('add-focused', 'r1', name))).toEqual({
      action: 'add-focused',
      recordId: 'r1',
      runtimeName: name,
    });
  });
});
