import { openText, recordAad, sealText } from './envelope';
import type { KeyCustody } from './key-custody';
import {
  HEADER_KEY,
  RECORD_PREFIX,
  REKEY_HEADER_KEY,
  REKEY_PREFIX,
  recordKey,
  stagedRecordKey,
} from './vault-keys';
import { parseRecord, type VaultHeader } from './vault-layout';
import type { StorageAreaLike } from './vault-types';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Moving every record to a new data key, so a copy of the profile taken before (device mode, or
 * the old passphrase) cannot read anything written after. Crash-safe in three steps:
 * 1. the re-encrypted records and the new header are staged under `vault.rekey.*` (live data untouched);
 * 2. the live header is replaced by the new one: the commit point;
 * 3. the staged records replace the live ones and the staging is removed.
 * `recover` (before any other operation) finishes step 3 after a crash past the commit point, and
 * otherwise drops the staging, so the old state stays exactly as it was.
 */
export const createRekey = (storage: StorageAreaLike, custody: Pick<KeyCustody, 'writeHeader'>) => {
  const stagedKeys = (all: Record<string, unknown>) =>
    Object.keys(all).filter((k) => k.startsWith(REKEY_PREFIX));

  /** Step 3: staged records become the live ones. */
  const promote = async (all: Record<string, unknown>) => {
    const prefix = stagedRecordKey('');
    const live: Record<string, unknown> = {};
    for (const key of stagedKeys(all)) {
      if (key.startsWith(prefix)) live[recordKey(key.slice(prefix.length))] = all[key];
    }
    if (Object.keys(live).length > 0) await storage.set(live);
    await storage.remove(stagedKeys(all));
  };

  return {
    /**
     * Re-encrypts every record `oldKey` opens under `newKey` and commits `header` (which wraps the
     * new key). A record the old key cannot open is left as it is: it was unreadable and stays so.
     */
    async run(oldKey: CryptoKey, newKey: CryptoKey, header: VaultHeader): Promise<void> {
      const all = await storage.get(null);
      const staged: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(all)) {
        if (!key.startsWith(RECORD_PREFIX)) continue;
        const record = parseRecord(value, key.slice(RECORD_PREFIX.length));
        if (!record) continue;
        const aad = recordAad(record.meta);
        const secret = await openText(oldKey, record.secret, aad).catch(() => null);
        if (secret === null) continue;
        staged[stagedRecordKey(record.meta.id)] = {
          meta: record.meta,
          secret: await sealText(newKey, secret, aad),
        };
      }
      await storage.set({ ...staged, [REKEY_HEADER_KEY]: header });
      await custody.writeHeader(header);
      await promote({ ...staged, [REKEY_HEADER_KEY]: header });
    },

    /** True when a rekey that had passed its commit point was finished here. */
    async recover(): Promise<boolean> {
      const all = await storage.get(null);
      if (stagedKeys(all).length === 0) return false;
      const live = all[HEADER_KEY];
      const next = all[REKEY_HEADER_KEY];
      const committed = isObject(live) && isObject(next) && live.dataKey === next.dataKey;
      if (committed) await promote(all);
      else await storage.remove(stagedKeys(all));
      return committed;
    },
  };
};
