import { readStored, STORED, type StoredKey, writeStored } from './storage-keys';
import type { CachedList } from './stored-values';

export type { CachedList } from './stored-values';

/** The `browser.storage` area methods the cache uses. */
export interface SessionCache {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * This session's list (`runtimeDirectory.v2`, storage.session) and the last list read, kept across
 * browser restarts so the first popup of a session paints at once (`runtimeSnapshot.v1`,
 * storage.local): always shown as stale and read again. Both go on sign-out, platform change and
 * erase (storage-keys.ts).
 */
const CACHE = STORED.runtimeCache;
const SNAPSHOT = STORED.runtimeSnapshot;
export const RUNTIME_CACHE_KEY = CACHE.key;
export const RUNTIME_SNAPSHOT_KEY = SNAPSHOT.key;

const readFrom = async (area: SessionCache | undefined, entry: StoredKey<CachedList>) =>
  area ? ((await readStored(area, entry).catch(() => undefined)) ?? null) : null;

/** The runtime list kept for this session (storage.session) and across sessions (the snapshot). */
export const createRuntimeCache = (session: SessionCache, snapshot: SessionCache | undefined) => ({
  /** This session's list, else the snapshot of an earlier one (marked as such). */
  async read(): Promise<CachedList | null> {
    const current = await readFrom(session, CACHE);
    if (current) return current;
    const earlier = await readFrom(snapshot, SNAPSHOT);
    return earlier && { ...earlier, fromSnapshot: true };
  },
  async write(list: CachedList): Promise<void> {
    await Promise.all([
      writeStored(session, CACHE, list).catch(() => {}),
      snapshot && writeStored(snapshot, SNAPSHOT, list).catch(() => {}),
    ]);
  },
  /** Token states may have changed: this session's list must be read again before it is shown. */
  async markInDoubt(): Promise<void> {
    const current = await readFrom(session, CACHE);
    if (!current) return;
    await writeStored(session, CACHE, { ...current, tokenStatesInDoubt: true }).catch(() => {});
  },
  async forget(): Promise<void> {
    await Promise.all([
      session.remove(CACHE.key).catch(() => {}),
      snapshot?.remove(SNAPSHOT.key).catch(() => {}),
    ]);
  },
});
