import { readStored, STORED, type StoredKey, writeStored } from '../storage/storage-keys';
import type { CachedList, PerAccount } from '../storage/stored-values';

export type { CachedList } from '../storage/stored-values';

/** The `browser.storage` area methods the cache uses. */
export interface SessionCache {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * This session's lists (`runtimeDirectory.v3`, storage.session) and the last lists read, kept
 * across browser restarts so the first popup of a session paints at once (`runtimeSnapshot.v2`,
 * storage.local): always shown as stale and read again. Both hold one list per Codefresh account
 * id, so two accounts' runtimes never mix and switching back shows the other list at once. One
 * account's lists go when it is signed out of (`forgetAccount`); all of them on platform change and
 * erase (storage-keys.ts).
 */
const CACHE = STORED.runtimeCache;
const SNAPSHOT = STORED.runtimeSnapshot;
export const RUNTIME_CACHE_KEY = CACHE.key;
export const RUNTIME_SNAPSHOT_KEY = SNAPSHOT.key;

const allIn = async (area: SessionCache | undefined, entry: StoredKey<PerAccount<CachedList>>) =>
  area ? ((await readStored(area, entry).catch(() => undefined)) ?? {}) : {};

/** One account's list from a stored map, or null: what a page that reads the snapshot itself shows first. */
export const listOfAccount = (
  lists: PerAccount<CachedList> | undefined,
  accountId: string,
): CachedList | null => {
  const list = lists && Object.hasOwn(lists, accountId) ? lists[accountId] : undefined;
  return list?.accountId === accountId ? list : null;
};

const withEntry = async (
  area: SessionCache,
  entry: StoredKey<PerAccount<CachedList>>,
  accountId: string,
  list: CachedList | null,
) => {
  const { [accountId]: _replaced, ...others } = await allIn(area, entry);
  await writeStored(area, entry, list ? { ...others, [accountId]: list } : others).catch(() => {});
};

/** The runtime lists kept per account for this session (storage.session) and across sessions (the snapshot). */
export const createRuntimeCache = (session: SessionCache, snapshot: SessionCache | undefined) => ({
  /** This session's list of `accountId`, else the snapshot of an earlier one (marked as such). */
  async read(accountId: string): Promise<CachedList | null> {
    const current = listOfAccount(await allIn(session, CACHE), accountId);
    if (current) return current;
    const earlier = listOfAccount(await allIn(snapshot, SNAPSHOT), accountId);
    return earlier && { ...earlier, fromSnapshot: true };
  },
  async write(list: CachedList): Promise<void> {
    await Promise.all([
      withEntry(session, CACHE, list.accountId, list),
      snapshot && withEntry(snapshot, SNAPSHOT, list.accountId, list),
      // The single-account lists of before name one account's runtimes without saying which.
      session.remove(STORED.retiredRuntimeCache.key).catch(() => {}),
      snapshot?.remove(STORED.retiredRuntimeSnapshot.key).catch(() => {}),
    ]);
  },
  /** Token states may have changed: this session's lists must be read again before they are shown. */
  async markInDoubt(): Promise<void> {
    const current = await allIn(session, CACHE);
    if (Object.keys(current).length === 0) return;
    const doubted = Object.fromEntries(
      Object.entries(current).map(([id, list]) => [id, { ...list, tokenStatesInDoubt: true as const }]),
    );
    await writeStored(session, CACHE, doubted).catch(() => {});
  },
  /** One account's lists (signed out of it). */
  async forgetAccount(accountId: string): Promise<void> {
    await Promise.all([
      withEntry(session, CACHE, accountId, null),
      snapshot && withEntry(snapshot, SNAPSHOT, accountId, null),
    ]);
  },
  async forget(): Promise<void> {
    await Promise.all([
      session.remove(CACHE.key).catch(() => {}),
      snapshot?.remove(SNAPSHOT.key).catch(() => {}),
    ]);
  },
});
