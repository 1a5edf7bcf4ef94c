import type { getExpiryStatus } from '../../shared/messages/expiry';
import type { listRuntimes } from '../../shared/messages/runtimes';
import type { listSaved } from '../../shared/messages/vault';
import { messageRef as ref } from '../../ui/message-ref';
import type { Loaders, SliceContext } from './context';

/** Reading the worker's lists into the store: runtimes, saved tokens, the expiry watch. */
export const createLoaders = ({ api, get, set }: Pick<SliceContext, 'api' | 'get' | 'set'>): Loaders => {
  let pageUrl: string | null = null;
  /**
   * Bumped each time the popup starts over (another account, unlocked, erased): an answer to a
   * read started before is about what was shown then, maybe another account's, and is dropped.
   */
  let generation = 0;
  const current = () => {
    const asked = generation;
    return () => asked === generation;
  };

  const runtimes = async (refresh: boolean): Promise<void> => {
    const stillCurrent = current();
    set({ runtimesLoading: true });
    // `url` and `tabId` name the popup's tab: a refresh asks the runtime it shows first.
    const tabId = pageUrl ? await api.activeTabId() : undefined;
    const answer = await api.ask(ref<typeof listRuntimes>('runtimes/list'), {
      refresh,
      ...(pageUrl ? { url: pageUrl } : {}),
      ...(tabId !== undefined ? { tabId } : {}),
    });
    if (!stillCurrent()) return;
    set({ runtimesLoading: false, checking: [] });
    if (!answer.ok) return set({ error: answer.error });
    const { runtimes: list, stale } = answer.value;
    const { focused, detection } = get();
    set({ runtimes: list, runtimesStale: stale, focused: focused ?? detection?.runtimeName ?? null });
    if (stale && !refresh) await runtimes(true);
  };

  const saved = async () => {
    const stillCurrent = current();
    const answer = await api.ask(ref<typeof listSaved>('vault/list'), {});
    if (answer.ok && stillCurrent()) set({ saved: answer.value });
  };

  const expiring = async () => {
    const stillCurrent = current();
    const answer = await api.ask(ref<typeof getExpiryStatus>('expiry/status'), {});
    if (answer.ok && stillCurrent()) set({ expiring: answer.value.expiring });
  };

  return {
    restart: () => {
      generation += 1;
    },
    setPage: (url) => {
      pageUrl = url;
    },
    runtimes,
    saved,
    expiring,
    all: async () => {
      await Promise.all([runtimes(true), saved(), expiring()]);
    },
  };
};
