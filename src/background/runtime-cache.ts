import type { RuntimeView } from '../shared/runtime-types';

/** storage.session key of the cached list; bump the suffix when RuntimeView changes shape. */
export const RUNTIME_CACHE_KEY = 'runtimeDirectory.v2';
/**
 * storage.local key of the last list read (the same non-secret views: names, hosts, states, when
 * read), kept across browser restarts so the first popup of a session paints at once. It is always
 * shown as stale and read again, and dropped on sign-out, platform change and erase (`forget`).
 */
export const RUNTIME_SNAPSHOT_KEY = 'runtimeSnapshot.v1';

/** The `browser.storage` area methods the cache uses. */
export interface SessionCache {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface CachedList {
  readonly at: number;
  readonly userId: string;
  readonly runtimes: readonly RuntimeView[];
  /**
   * Set when a write may have changed token states. The list is then read again before it is shown,
   * but `find` still uses it: hosts and providers do not change when a token is added.
   */
  readonly tokenStatesInDoubt?: true;
  /** Read from the snapshot of an earlier session: shown, but always read again. */
  readonly fromSnapshot?: true;
}

const isCachedList = (value: unknown): value is CachedList =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CachedList).at === 'number' &&
  typeof (value as CachedList).userId === 'string' &&
  Array.isArray((value as CachedList).runtimes);

const readFrom = async (area: SessionCache | undefined, key: string): Promise<CachedList | null> => {
  if (!area) return null;
  const stored = (await area.get(key).catch((): Record<string, unknown> => ({})))[key];
  return isCachedList(stored) ? stored : null;
};

/** The runtime list kept for this session (storage.session) and across sessions (the snapshot). */
export const createRuntimeCache = (session: SessionCache, snapshot: SessionCache | undefined) => ({
  /** This session's list, else the snapshot of an earlier one (marked as such). */
  async read(): Promise<CachedList | null> {
    const current = await readFrom(session, RUNTIME_CACHE_KEY);
    if (current) return current;
    const earlier = await readFrom(snapshot, RUNTIME_SNAPSHOT_KEY);
    return earlier && { ...earlier, fromSnapshot: true };
  },
  async write(list: CachedList): Promise<void> {
    await Promise.all([
      session.set({ [RUNTIME_CACHE_KEY]: list }).catch(() => {}),
      snapshot?.set({ [RUNTIME_SNAPSHOT_KEY]: list }).catch(() => {}),
    ]);
  },
  /** Token states may have changed: this session's list must be read again before it is shown. */
  async markInDoubt(): Promise<void> {
    const current = await readFrom(session, RUNTIME_CACHE_KEY);
    if (!current) return;
    await session.set({ [RUNTIME_CACHE_KEY]: { ...current, tokenStatesInDoubt: true } }).catch(() => {});
  },
  async forget(): Promise<void> {
    await Promise.all([
      session.remove(RUNTIME_CACHE_KEY).catch(() => {}),
      snapshot?.remove(RUNTIME_SNAPSHOT_KEY).catch(() => {}),
    ]);
  },
});
