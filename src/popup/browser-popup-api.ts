import browser from 'webextension-polyfill';
import { setApiKey } from '../shared/messages/account';
import { getExpiryStatus, rotateToken } from '../shared/messages/expiry';
import { authorizeOAuth, type OAuthProgressEvent } from '../shared/messages/oauth';
import { detectRuntime, listRuntimes } from '../shared/messages/runtimes';
import { getStatus } from '../shared/messages/status';
import { applyToken, discardDraft, removeFromRuntime, validateToken } from '../shared/messages/token';
import { listSaved, lockVault, removeSaved, unlockVault } from '../shared/messages/vault';
import { askWorker } from '../ui/worker-client';
import type { PopupApi } from './popup-api';

/** The active tab of the popup's window: what the user was looking at when they opened it. */
const activeTab = async () => {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
};

/** The popup's outside world, for real: typed worker messages, the active tab, permission prompts. */
export const browserPopupApi: PopupApi = {
  status: () => askWorker(getStatus, {}),
  setApiKey: (apiKey) => askWorker(setApiKey, { apiKey }),
  unlock: (passphrase) => askWorker(unlockVault, { passphrase }),
  lock: () => askWorker(lockVault, {}),
  activeTabUrl: async () => (await activeTab())?.url ?? null,
  detect: async (url) => {
    const tabId = (await activeTab())?.id;
    return askWorker(detectRuntime, { url, ...(tabId !== undefined ? { tabId } : {}) });
  },
  listRuntimes: (refresh) => askWorker(listRuntimes, { refresh }),
  validate: (token, runtimeName, username) =>
    askWorker(validateToken, { token, runtimeName, ...(username ? { username } : {}) }),
  discardDraft: (draftId) => askWorker(discardDraft, { draftId }),
  apply: (source, runtimeNames, keep) =>
    askWorker(applyToken, { source, runtimeNames: [...runtimeNames], keep }),
  removeFromRuntime: (runtimeName) => askWorker(removeFromRuntime, { runtimeName }),
  listSaved: () => askWorker(listSaved, {}),
  removeSaved: (recordId) => askWorker(removeSaved, { recordId }),
  expiryStatus: () => askWorker(getExpiryStatus, {}),
  rotate: ({ oldRecordId, token, username, confirmDifferentOwner }) =>
    askWorker(rotateToken, { oldRecordId, token, confirmDifferentOwner, ...(username ? { username } : {}) }),
  authorize: (runtimeNames) => askWorker(authorizeOAuth, { runtimeNames: [...runtimeNames] }),
  onOAuthProgress(listener) {
    // Broadcasts from the worker while it authorizes; they never carry a secret.
    const onMessage = (message: unknown) => {
      const event = message as Partial<OAuthProgressEvent> | null;
      if (event?.type === 'oauth/progress' && typeof event.runtimeName === 'string' && event.state) {
        listener(event.runtimeName, event.state);
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
  async requestHostAccess(origins) {
    if (origins.length === 0) return true;
    // Called first thing in the click, with no await before it: the browser only shows the prompt
    // while the click's user activation lasts. The store passes only origins still missing.
    return browser.permissions.request({ origins: origins.map((o) => `${o}/*`) });
  },
};
