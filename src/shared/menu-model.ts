import type { SavedToken } from './messages/vault';
import { oauthProviderLabel } from './oauth-providers';
import type { RuntimeView } from './runtime-types';
import { canTakeTokenNow, tokenFitsRuntime } from './token-fit';

/**
 * The right-click menu on Codefresh settings pages, as data. Pure, so what the menu offers for a
 * given page, runtime list and set of saved tokens is tested without a browser; the worker only
 * turns this into `contextMenus.create` calls.
 */
export type MenuAction = 'add-focused' | 'oauth-focused' | 'add-missing' | 'replace-invalid' | 'add-new';

export interface MenuItem {
  readonly id: string;
  readonly title: string;
  readonly parentId?: string;
  readonly enabled: boolean;
}

export interface MenuInput {
  readonly focusedRuntime: string | null;
  readonly runtimes: readonly RuntimeView[];
  readonly saved: readonly SavedToken[];
  readonly text: MenuText;
}

/** Strings come from `_locales` in the worker; tests pass plain English. */
export interface MenuText {
  addFocused(runtime: string): string;
  addFocusedUnknown(): string;
  noFittingToken(runtime: string): string;
  addMissing(count: number): string;
  replaceInvalid(): string;
  addNew(): string;
  /** "Authorize <runtime> with GitHub": the runtime's Git OAuth flow (docs/platform-contract.md §1c). */
  authorizeWith(runtime: string, provider: string): string;
  tokenLabel(token: SavedToken, count?: number): string;
}

/** Paths of the settings pages where tokens and runtimes are managed (docs/platform-contract.md §5). */
export const MENU_PAGE_PATHS = [
  '/2.0/user-settings*',
  '/2.0/git-personal-access-token*',
  '/2.0/account-settings/runtimes*',
] as const;

/** Chromium match patterns for the menu's `documentUrlPatterns`, one set per platform origin. */
export const menuDocumentPatterns = (platformOrigins: readonly string[]): string[] =>
  platformOrigins.flatMap((origin) => MENU_PAGE_PATHS.map((path) => `${origin}${path}`));

/** A saved token fits a runtime whose integration uses the same provider and Git API. */
export const tokenFits = (token: SavedToken, runtime: RuntimeView): boolean =>
  !token.unreadable && tokenFitsRuntime(token, runtime);

const actionable = canTakeTokenNow;

export const runtimesMissingFor = (token: SavedToken, runtimes: readonly RuntimeView[]) =>
  runtimes.filter((r) => actionable(r) && r.token.kind === 'none' && tokenFits(token, r)).map((r) => r.name);

export const runtimesInvalidFor = (token: SavedToken, runtimes: readonly RuntimeView[]) =>
  runtimes
    .filter((r) => actionable(r) && r.token.kind === 'invalid' && tokenFits(token, r))
    .map((r) => r.name);

/**
 * An item's id says what it does: the action, the saved token, and the runtime the menu was built
 * for. A click acts on exactly that, so a page that reports another row after the menu opened cannot
 * redirect the token (the item names the runtime the user saw).
 */
export const menuId = (action: MenuAction, recordId?: string, runtimeName?: string) =>
  [action, recordId ?? '', runtimeName ?? ''].map(encodeURIComponent).join(':').replace(/:+$/, '');

export interface ParsedMenuId {
  readonly action: MenuAction;
  readonly recordId?: string;
  readonly runtimeName?: string;
}

export const parseMenuId = (id: string | number): ParsedMenuId | null => {
  const parts = String(id).split(':');
  if (parts.length > 3) return null;
  let action: string;
  let recordId: string;
  let runtimeName: string;
  try {
    [action, recordId = '', runtimeName = ''] = parts.map(decodeURIComponent) as [string, string?, string?];
  } catch {
    return null;
  }
  if (!['add-focused', 'oauth-focused', 'add-missing', 'replace-invalid', 'add-new'].includes(action))
    return null;
  return {
    action: action as MenuAction,
    ...(recordId ? { recordId } : {}),
    ...(runtimeName ? { runtimeName } : {}),
  };
};

/**
 * One entry per choice; when several saved tokens fit, the entry becomes a submenu so the user
 * picks. Tokens for another provider or host are never offered.
 */
export const buildMenu = ({ focusedRuntime, runtimes, saved, text }: MenuInput): MenuItem[] => {
  const items: MenuItem[] = [];
  const focused = runtimes.find((r) => r.name === focusedRuntime);

  if (!focused) {
    items.push({ id: menuId('add-focused'), title: text.addFocusedUnknown(), enabled: false });
  } else {
    const fitting = saved.filter((t) => tokenFits(t, focused));
    if (fitting.length === 0) {
      items.push({
        id: menuId('add-focused', undefined, focused.name),
        title: text.noFittingToken(focused.name),
        enabled: false,
      });
    } else if (fitting.length === 1) {
      items.push({
        id: menuId('add-focused', fitting[0]!.id, focused.name),
        title: text.addFocused(focused.name),
        enabled: true,
      });
    } else {
      const parentId = menuId('add-focused', undefined, focused.name);
      items.push({ id: parentId, title: text.addFocused(focused.name), enabled: true });
      for (const t of fitting) {
        items.push({
          id: menuId('add-focused', t.id, focused.name),
          parentId,
          title: text.tokenLabel(t),
          enabled: true,
        });
      }
    }
  }

  // The right-clicked runtime's Git OAuth flow, where Codefresh documents one (GitHub and GHE).
  const oauthLabel = focused ? oauthProviderLabel(focused) : null;
  if (focused && oauthLabel && actionable(focused)) {
    items.push({
      id: menuId('oauth-focused', undefined, focused.name),
      title: text.authorizeWith(focused.name, oauthLabel),
      enabled: true,
    });
  }

  // Each saved token with the runtimes an action would reach; tokens that reach none are left out.
  const reaching = (runtimesFor: (t: SavedToken) => readonly string[]) =>
    saved.map((t) => ({ t, names: runtimesFor(t) })).filter((x) => x.names.length > 0);
  // One child item per token under an action's parent item, titled with how many runtimes it reaches.
  const pushTokenChildren = (action: MenuAction, entries: ReturnType<typeof reaching>) => {
    for (const { t, names } of entries) {
      items.push({
        id: menuId(action, t.id),
        parentId: menuId(action),
        title: text.tokenLabel(t, names.length),
        enabled: true,
      });
    }
  };

  const withMissing = reaching((t) => runtimesMissingFor(t, runtimes));
  const missingTotal = new Set(withMissing.flatMap((x) => x.names)).size;
  if (withMissing.length === 1) {
    items.push({
      id: menuId('add-missing', withMissing[0]!.t.id),
      title: text.addMissing(missingTotal),
      enabled: true,
    });
  } else {
    items.push({
      id: menuId('add-missing'),
      title: text.addMissing(missingTotal),
      enabled: withMissing.length > 0,
    });
    pushTokenChildren('add-missing', withMissing);
  }

  const withInvalid = reaching((t) => runtimesInvalidFor(t, runtimes));
  items.push({
    id: menuId('replace-invalid'),
    title: text.replaceInvalid(),
    enabled: withInvalid.length > 0,
  });
  pushTokenChildren('replace-invalid', withInvalid);

  items.push({ id: menuId('add-new', undefined, focused?.name), title: text.addNew(), enabled: true });
  return items;
};
