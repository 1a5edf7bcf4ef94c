import type { SessionCache } from './runtime-cache';

/**
 * Where the runtime snapshot (storage-keys.ts `RUNTIME_SNAPSHOT_KEY`) is kept: storage.local, but
 * only while the vault needs no passphrase. A passphrase vault opens on its unlock screen after a
 * restart, and the popup paints the snapshot before it knows that (popup/last-known.ts), so a
 * passphrase user would see runtimes flash behind the lock; with this they keep this session's list
 * only (storage.session).
 */
export const snapshotArea = (
  local: SessionCache & { remove(keys: string | string[]): Promise<void> },
  vaultMode: () => Promise<'device' | 'passphrase'>,
): SessionCache => {
  const kept = async () => (await vaultMode().catch(() => 'passphrase' as const)) === 'device';
  return {
    get: async (key) => ((await kept()) ? local.get(key) : {}),
    async set(items) {
      if (await kept()) await local.set(items);
      else await local.remove(Object.keys(items));
    },
    remove: (key) => local.remove(key),
  };
};
