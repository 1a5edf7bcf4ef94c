import { defineListeners } from '../browser/listener-dispatch';
import type { ContextMenu } from './context-menu';

/**
 * The right-click menu's browser listeners: a chosen item acts on the runtime its id names
 * (context-menu.ts), and the menu is rebuilt when the extension is installed or updated and when the
 * browser starts, once the platform in use is known (its pages are where the menu shows).
 */
export const menuListeners = (
  menu: Pick<ContextMenu, 'handleClick' | 'refresh'>,
  platformKnown: () => Promise<void>,
) =>
  defineListeners({
    feature: 'menu',
    menuClicked: (menuItemId: string | number, tabId: number | undefined) =>
      menu.handleClick(menuItemId, tabId),
    installedOrStartup: () => platformKnown().then(() => menu.refresh()),
  });
