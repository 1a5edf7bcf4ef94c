import type { setApiKey } from '../../shared/messages/account';
import type { detectRuntime } from '../../shared/messages/page';
import type { getStatus } from '../../shared/messages/status';
import type { lockVault, resetVault, unlockVault } from '../../shared/messages/vault';
import { messageRef as ref } from '../../ui/message-ref';
import { focusAfterDetection, otherScreen, unpainted } from '../last-known';
import type { StatusView } from '../popup-api';
import type { SliceContext } from './context';

export type Phase = 'loading' | 'unreadable' | 'needs-api-key' | 'locked' | 'ready';

/** Which screen the popup shows, and the worker's status behind it (account, vault). */
export interface SessionState {
  readonly phase: Phase;
  readonly status: StatusView | null;
}

export interface SessionActions {
  /** The tab's address may still be on its way: the status is asked for in the meantime. */
  start(activeTabUrl: string | null | Promise<string | null>): Promise<void>;
  submitApiKey(apiKey: string): Promise<boolean>;
  unlock(passphrase: string): Promise<boolean>;
  lock(): Promise<void>;
  /** The saved data cannot be read: erase it and start as on a first run. */
  eraseAndStartAgain(): Promise<void>;
  /** Host access withdrawn in the browser: ask for it again (first thing in the click), then reload. */
  allowAccess(origin: string): Promise<void>;
}

export const initialSessionState: SessionState = { phase: 'loading', status: null };

export const createSessionSlice = ({
  api,
  text,
  get,
  set,
  initial,
  load,
  ownAccountChange: own,
}: SliceContext): SessionState & SessionActions => {
  const enterReady = async (activeTabUrl: string | null) => {
    load.setPage(activeTabUrl);
    set({ phase: 'ready' });
    // Everything the first screen needs is asked for at once: one round trip, not three in a row.
    const listing = load.runtimes(false);
    // Asked even when the tab's address is hidden from us: the last runtime used still counts.
    const detect = api.activeTabId().then((tabId) =>
      api.ask(ref<typeof detectRuntime>('page/detect'), {
        url: activeTabUrl ?? '',
        ...(tabId !== undefined ? { tabId } : {}),
      }),
    );
    const [detection] = await Promise.all([detect, load.saved(), load.expiring()]);
    if (detection?.ok) {
      const focused = focusAfterDetection(get(), detection.value);
      set({ detection: detection.value, focused, targets: focused ? [focused] : [] });
    }
    await listing;
  };

  return {
    ...initialSessionState,

    async start(activeTabUrl) {
      load.restart();
      const [status, url] = await Promise.all([
        api.ask(ref<typeof getStatus>('status/get'), {}),
        activeTabUrl,
      ]);
      if (!status.ok) return set({ error: status.error, phase: 'ready' });
      set({ status: status.value });
      const other = otherScreen(status.value);
      if (other) return set({ ...unpainted, phase: other }); // no last-known list behind it
      await enterReady(url);
    },

    async submitApiKey(apiKey) {
      // It enters on its own answer (the stored account it causes is not followed as well).
      own.pending = true;
      try {
        const answer = await api.ask(ref<typeof setApiKey>('account/set-api-key'), { apiKey });
        if (!answer.ok) {
          set({ error: answer.error });
          return false;
        }
        set((s) => ({ error: null, status: s.status && { ...s.status, account: answer.value } }));
        const url = await api.activeTabUrl();
        if (get().phase !== 'ready') await enterReady(url);
        return true;
      } finally {
        own.pending = false;
      }
    },

    async unlock(passphrase) {
      const answer = await api.ask(ref<typeof unlockVault>('vault/unlock'), { passphrase });
      if (!answer.ok) {
        set({ error: answer.error });
        return false;
      }
      set({ error: null });
      await get().start(await api.activeTabUrl());
      return true;
    },

    async lock() {
      await api.ask(ref<typeof lockVault>('vault/lock'), {});
      set({ ...initial, keep: get().keep, phase: 'locked', status: get().status });
    },

    async eraseAndStartAgain() {
      const answer = await api.ask(ref<typeof resetVault>('vault/reset'), { confirm: 'erase everything' });
      if (!answer.ok) return set({ error: answer.error });
      set({ ...initial, keep: get().keep });
      await get().start(api.activeTabUrl());
    },

    async allowAccess(origin) {
      if (!(await api.requestHostAccess([origin]))) {
        return set({
          error: { code: 'host-access-refused', message: text('hostAccessStillMissing', origin) },
        });
      }
      set({ error: null });
      await get().start(api.activeTabUrl());
    },
  };
};
