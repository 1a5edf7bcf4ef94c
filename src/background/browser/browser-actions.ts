import browser from 'webextension-polyfill';
import type { AnyWorkerEvent } from '../../shared/messages';
import type { ContextMenuDeps } from '../menu/context-menu';
import type { ConsentTabs } from '../oauth/oauth-consent-tab';

/**
 * The worker's browser-facing actions that the features are given: notifications, progress
 * broadcasts, opening the popup's page, the consent tabs and the menu. Each looks the same
 * wherever it is used, and tests give the features fakes instead.
 */
export const notify = async (title: string, message: string) => {
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title,
    message,
  });
};

/** Every progress broadcast (declared in shared/messages beside its request) goes out here. */
export const broadcast = (event: AnyWorkerEvent) => {
  // Nobody may be listening (popup closed): that is fine, the result is returned anyway.
  browser.runtime.sendMessage(event).catch(() => {});
};

/** The expiry notification's button: the popup's page in a tab, on the token to rotate. */
export const openRotation = async (tokenId: string) => {
  await browser.tabs.create({
    url: browser.runtime.getURL(`src/popup/index.html?rotate=${encodeURIComponent(tokenId)}`),
  });
};

/**
 * The menu's "new token" item. The popup detects the right-clicked runtime from the page report by
 * itself. Browsers that cannot open it from here get the same page in a tab, told which runtime to
 * start on.
 */
export const openNewTokenFlow = async (runtimeName: string | null) => {
  try {
    await browser.action.openPopup();
  } catch {
    const query = runtimeName ? `?runtime=${encodeURIComponent(runtimeName)}` : '';
    await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html${query}`) });
  }
};

/** The tabs the OAuth flow opens, watches and closes (oauth-consent-tab.ts). */
export const consentTabs: ConsentTabs = {
  create: (properties) => browser.tabs.create(properties),
  get: (tabId) => browser.tabs.get(tabId),
  remove: (tabId) => browser.tabs.remove(tabId),
  // Read when used, like every other browser call here, not when this module loads.
  get onUpdated() {
    return browser.tabs.onUpdated;
  },
  get onRemoved() {
    return browser.tabs.onRemoved;
  },
};

/** The right-click menu's items (context-menu.ts rebuilds them whole). */
export const contextMenus: ContextMenuDeps['menus'] = {
  removeAll: () => browser.contextMenus.removeAll(),
  create: (properties) => browser.contextMenus.create(properties),
};
