// webcrypto-shim patches only legacy engines (IE11's msCrypto, old Safari's webkitSubtle); every
// browser that runs MV3 has native WebCrypto, so here it is a documented no-op kept for the card.
import 'webcrypto-shim';
import browser from 'webextension-polyfill';
import { DEFAULT_PLATFORM_ORIGIN } from '../shared/constants';
import { createServices } from './create-services';
import { buildRoutes } from './handlers';
import { createMessageListener } from './message-router';
import { classifySender } from './sender-guard';

// Wiring only: each feature lives in its own module.
const extensionOrigin = `${new URL(browser.runtime.getURL('/')).protocol}//${browser.runtime.id}`;
const platformOrigins = [DEFAULT_PLATFORM_ORIGIN];

const { services, onAlarm, onTabRemoved, contextMenu, watch, touchVault } = createServices({
  platformOrigin: DEFAULT_PLATFORM_ORIGIN,
});

browser.runtime.onMessage.addListener(
  createMessageListener(buildRoutes(services), (sender) => {
    const kind = classifySender(sender, {
      extensionId: browser.runtime.id,
      extensionOrigin,
      platformOrigins,
    });
    // Use of the extension's own pages counts as activity for the vault's idle auto-lock.
    if (kind === 'extension-page') touchVault();
    return kind;
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0],
);
browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name));
browser.notifications.onClicked.addListener((id) => void watch.handleNotificationClick(id));
browser.tabs.onRemoved.addListener((tabId) => void onTabRemoved(tabId));

browser.contextMenus.onClicked.addListener(
  (info, tab) => void contextMenu.handleClick(info.menuItemId, tab?.id),
);
browser.runtime.onInstalled.addListener(() => void contextMenu.refresh());
browser.runtime.onStartup.addListener(() => void contextMenu.refresh());

// Alarms survive the worker sleeping; a check missed while the browser was closed runs now.
void watch.ensureScheduled().then(() => watch.catchUp());

// The same click handler, reachable only from inside this worker (its DevTools console): headless
// Chromium draws no native menus, so the end-to-end tests call it after a real right-click event.
Object.assign(globalThis, {
  contextMenuClick: (menuItemId: string, tabId: number) => contextMenu.handleClick(menuItemId, tabId),
});
