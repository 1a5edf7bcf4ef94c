import browser from 'webextension-polyfill';
import { ACCOUNT_SUMMARIES_KEY, ACCOUNT_SUMMARY_KEY, RUNTIME_SNAPSHOT_KEY } from '../shared/constants';
import { openOptionsAt } from '../ui/options-link';
import { askWorker } from '../ui/worker-client';
import { onWorkerEvent } from '../ui/worker-events';
import { listOfAccountInUse } from './last-known';
import type { PopupApi } from './popup-api';

/** The active tab of the popup's window: what the user was looking at when they opened it. */
const activeTab = async () => {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
};

/** The popup's outside world, for real: the worker client, the active tab, permission prompts. */
export const browserPopupApi: PopupApi = {
  ask: askWorker,
  subscribe: onWorkerEvent,
  // One storage read, no worker: it may still be starting (docs/performance.md, issue 22).
  lastKnown: async () => {
    const stored = await browser.storage.local.get([RUNTIME_SNAPSHOT_KEY, ACCOUNT_SUMMARY_KEY]);
    return { snapshot: listOfAccountInUse(stored[RUNTIME_SNAPSHOT_KEY], stored[ACCOUNT_SUMMARY_KEY]) };
  },
  activeTabUrl: async () => (await activeTab())?.url ?? null,
  activeTabId: async () => (await activeTab())?.id,
  openOptions: (at) => (at ? openOptionsAt(at.section, at.runtimeName) : browser.runtime.openOptionsPage()),
  onAccountChanged(listener) {
    // Stored, replaced or removed: a sign-in, a switch or a sign-out, on this page or another.
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'local' && (ACCOUNT_SUMMARY_KEY in changes || ACCOUNT_SUMMARIES_KEY in changes))
        listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
  async requestHostAccess(origins) {
    if (origins.length === 0) return true;
    // Called first thing in the click, with no await before it: the browser only shows the prompt
    // while the click's user activation lasts. The store passes only origins still missing.
    return browser.permissions.request({ origins: origins.map((o) => `${o}/*`) });
  },
};
