import browser from 'webextension-polyfill';
import { ACCOUNT_SUMMARY_KEY } from '../shared/constants';
// Specs as types only: the popup sends `{ type, payload }` and never parses, so valibot stays out.
import type { setApiKey, signOut } from '../shared/messages/account';
import type { getExpiryStatus } from '../shared/messages/expiry';
import type { authorizeOAuth, OAuthProgressEvent } from '../shared/messages/oauth';
import type { detectRuntime, listRuntimes, rememberRuntime } from '../shared/messages/runtimes';
import type { getStatus } from '../shared/messages/status';
import type {
  applyToken,
  discardDraft,
  removeFromRuntime,
  rotateToken,
  validateToken,
} from '../shared/messages/token';
import type { listSaved, lockVault, removeSaved, resetVault, unlockVault } from '../shared/messages/vault';
import { messageRef as ref } from '../ui/message-ref';
import { askWorker } from '../ui/worker-client';
import type { PopupApi } from './popup-api';

/** The active tab of the popup's window: what the user was looking at when they opened it. */
const activeTab = async () => {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
};

/** The popup's outside world, for real: typed worker messages, the active tab, permission prompts. */
export const browserPopupApi: PopupApi = {
  status: () => askWorker(ref<typeof getStatus>('status/get'), {}),
  setApiKey: (apiKey) => askWorker(ref<typeof setApiKey>('account/set-api-key'), { apiKey }),
  unlock: (passphrase) => askWorker(ref<typeof unlockVault>('vault/unlock'), { passphrase }),
  lock: () => askWorker(ref<typeof lockVault>('vault/lock'), {}),
  resetVault: () => askWorker(ref<typeof resetVault>('vault/reset'), { confirm: 'erase everything' }),
  activeTabUrl: async () => (await activeTab())?.url ?? null,
  detect: async (url) => {
    const tabId = (await activeTab())?.id;
    return askWorker(ref<typeof detectRuntime>('page/detect'), {
      url,
      ...(tabId !== undefined ? { tabId } : {}),
    });
  },
  listRuntimes: async (refresh, pageUrl) => {
    const tabId = pageUrl ? (await activeTab())?.id : undefined;
    return askWorker(ref<typeof listRuntimes>('runtimes/list'), {
      refresh,
      ...(pageUrl ? { url: pageUrl } : {}),
      ...(tabId !== undefined ? { tabId } : {}),
    });
  },
  remember: (runtimeName) => askWorker(ref<typeof rememberRuntime>('runtimes/remember'), { runtimeName }),
  validate: (token, runtimeName, username) =>
    askWorker(ref<typeof validateToken>('token/validate'), {
      token,
      ...(runtimeName ? { runtimeName } : {}),
      ...(username ? { username } : {}),
    }),
  discardDraft: (draftId) => askWorker(ref<typeof discardDraft>('token/discard-draft'), { draftId }),
  apply: (source, runtimeNames, keep) =>
    askWorker(ref<typeof applyToken>('token/apply'), { source, runtimeNames: [...runtimeNames], keep }),
  removeFromRuntime: (runtimeName) =>
    askWorker(ref<typeof removeFromRuntime>('token/remove-from-runtime'), { runtimeName }),
  listSaved: () => askWorker(ref<typeof listSaved>('vault/list'), {}),
  removeSaved: (recordId) => askWorker(ref<typeof removeSaved>('vault/remove'), { recordId }),
  expiryStatus: () => askWorker(ref<typeof getExpiryStatus>('expiry/status'), {}),
  rotate: ({ oldRecordId, token, username, confirmDifferentOwner }) =>
    askWorker(ref<typeof rotateToken>('token/rotate'), {
      oldRecordId,
      token,
      confirmDifferentOwner,
      ...(username ? { username } : {}),
    }),
  authorize: (runtimeNames) =>
    askWorker(ref<typeof authorizeOAuth>('oauth/authorize'), { runtimeNames: [...runtimeNames] }),
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
  onAccountStored(listener) {
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'local' && changes[ACCOUNT_SUMMARY_KEY]?.newValue !== undefined) listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
  signOut: () => askWorker(ref<typeof signOut>('account/sign-out'), {}),
  async requestHostAccess(origins) {
    if (origins.length === 0) return true;
    // Called first thing in the click, with no await before it: the browser only shows the prompt
    // while the click's user activation lasts. The store passes only origins still missing.
    return browser.permissions.request({ origins: origins.map((o) => `${o}/*`) });
  },
};
