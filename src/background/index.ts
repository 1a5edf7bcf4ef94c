import './browser/browser-i18n';
import browser from 'webextension-polyfill';
import { allMessages } from '../shared/messages';
import { createPlatformSettings } from './account/platform-settings';
import { createServices } from './create-services';
import { createMessageListener } from './messaging/message-router';
import { buildRoutes } from './messaging/routes';
import { classifySender, extensionOriginOf } from './messaging/sender-guard';
import { keepLocalStorageToTrustedContexts } from './storage/storage-access';
import { createWakeQueue } from './wake';

// Wiring only: each feature lives in its own module.
// Content scripts may not read or write storage.local where the browser can prevent it (Chromium).
void keepLocalStorageToTrustedContexts(browser.storage.local);
const extensionOrigin = extensionOriginOf(browser.runtime.getURL('/'));
const settings = createPlatformSettings(browser.storage.local);
const ourTypes = new Set<string>(allMessages.map((m) => m.type));

const {
  services,
  onAlarm,
  onTabRemoved,
  contextMenu,
  watch,
  rotation,
  touchVault,
  onHostAccessRemoved,
  followPlatformPages,
  policy,
} = createServices(settings);

// The first answer of a wake (usually the popup's status) does only what it needs (wake.ts).
const wake = createWakeQueue();
// The first managed-storage read is slow in Chromium: started right after that answer, which shows
// the policy read last time, and again when policy changes.
wake.afterFirstAnswer(() => policy.prewarm());
browser.storage.managed.onChanged?.addListener(() => policy.invalidate());

const route = createMessageListener(buildRoutes(services), (sender) => {
  const kind = classifySender(sender, {
    extensionId: browser.runtime.id,
    extensionOrigin,
    platformOrigins: [settings.current()],
  });
  // Use of the extension's own pages counts as activity for the vault's idle auto-lock.
  if (kind === 'extension-page') touchVault();
  return kind;
});

// Which platform is in use is read from storage when the worker wakes; a message that arrives
// first waits for it. Whether a message is ours is decided at once, so other listeners still work.
browser.runtime.onMessage.addListener(((message: unknown, sender: Parameters<typeof route>[1]) => {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !ourTypes.has(type)) return undefined;
  return settings.ready.then(() => route(message, sender)).finally(() => wake.answered());
}) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
browser.permissions.onRemoved.addListener(({ origins }) => void onHostAccessRemoved(origins ?? []));
browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name));
browser.notifications.onClicked.addListener((id) => void watch.handleNotificationClick(id));
browser.tabs.onRemoved.addListener((tabId) => void onTabRemoved(tabId));

browser.contextMenus.onClicked.addListener(
  (info, tab) => void contextMenu.handleClick(info.menuItemId, tab?.id),
);
const refreshPlatformHooks = () =>
  settings.ready.then(async () => {
    await followPlatformPages().catch(() => {});
    await contextMenu.refresh();
  });
browser.runtime.onInstalled.addListener(() => void refreshPlatformHooks());
browser.runtime.onStartup.addListener(() => void refreshPlatformHooks());

// Alarms survive the worker sleeping; a check missed while the browser was closed runs on this
// wake, once its first answer has gone: it may read every runtime's app-proxy.
wake.afterFirstAnswer(() => watch.ensureScheduled().then(() => watch.catchUp()));
// A GitLab rotation a stopped worker left half done is finished from what it saved (issue 24),
// after the first answer too: it talks to the runtimes' app-proxies.
wake.afterFirstAnswer(() => settings.ready.then(() => rotation.start()));

// The same click handler, reachable only from inside this worker (its DevTools console): headless
// Chromium draws no native menus, so the end-to-end tests call it after a real right-click event.
Object.assign(globalThis, {
  contextMenuClick: (menuItemId: string, tabId: number) => contextMenu.handleClick(menuItemId, tabId),
});
