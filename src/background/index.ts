import './browser/browser-i18n';
import browser from 'webextension-polyfill';
import { allMessages } from '../shared/messages';
import { createPlatformSettings } from './account/platform-settings';
import { attachListeners } from './browser/listener-dispatch';
import { createServices } from './create-services';
import { createMessageListener } from './messaging/message-router';
import { buildRoutes } from './messaging/routes';
import { classifySender, extensionOriginOf } from './messaging/sender-guard';
import { keepLocalStorageToTrustedContexts } from './storage/storage-access';
import { createWakeQueue } from './wake';

// Wiring only: each feature declares its routes (routes.ts) and its browser listeners
// (listener-dispatch.ts); this attaches each browser event once.
// Content scripts may not read or write storage.local where the browser can prevent it (Chromium).
void keepLocalStorageToTrustedContexts(browser.storage.local);
const extensionOrigin = extensionOriginOf(browser.runtime.getURL('/'));
const settings = createPlatformSettings(browser.storage.local);
const ourTypes = new Set<string>(allMessages.map((m) => m.type));

const { services, features } = createServices(settings);

// The first answer of a wake (usually the popup's status) does only what it needs (wake.ts); what
// each feature defers runs after it.
const wake = createWakeQueue();
const dispatch = attachListeners(browser, features, wake);

const route = createMessageListener(buildRoutes(services), (sender) => {
  const kind = classifySender(sender, {
    extensionId: browser.runtime.id,
    extensionOrigin,
    platformOrigins: [settings.current()],
  });
  // Use of the extension's own pages counts as activity for the vault's idle auto-lock.
  if (kind === 'extension-page') dispatch.extensionPageUsed();
  return kind;
});

// Which platform is in use is read from storage when the worker wakes; a message that arrives
// first waits for it. Whether a message is ours is decided at once, so other listeners still work.
browser.runtime.onMessage.addListener(((message: unknown, sender: Parameters<typeof route>[1]) => {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !ourTypes.has(type)) return undefined;
  return settings.ready.then(() => route(message, sender)).finally(() => wake.answered());
}) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);

// The same click dispatch, reachable only from inside this worker (its DevTools console): headless
// Chromium draws no native menus, so the end-to-end tests call it after a real right-click event.
Object.assign(globalThis, {
  contextMenuClick: (menuItemId: string, tabId: number) => dispatch.menuClicked(menuItemId, tabId),
});
