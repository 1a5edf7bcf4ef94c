import type { SecretKind } from '../vault/vault-types';
import { type ClearEvent, DECLARED, type StorageArea, type StoredKey } from './storage-keys';

// Sign-out, a platform change and **Erase and start again** clear by the declarations in
// storage-keys.ts: the keys whose `clearedOn` names the event, and the vault records of the kinds
// below. Nothing else decides what goes (platform-switch.ts `leavePlatform`, token-vault.ts `reset`).

/**
 * Vault records that go with the account or the platform, by kind (the vault removes them inside
 * its queue): its API keys and the user's own app-proxy addresses for its runtimes. Saved Git
 * tokens stay (they belong to the user, not to a platform); an erase removes every record.
 */
export const RECORD_KINDS_CLEARED: Readonly<Record<'sign-out' | 'platform-change', readonly SecretKind[]>> = {
  'sign-out': ['codefresh-api-key', 'app-proxy-addresses'],
  'platform-change': ['codefresh-api-key', 'app-proxy-addresses'],
};

const declares = (entry: StoredKey<unknown>, key: string) =>
  entry.match === 'exact' ? entry.key === key : key.startsWith(entry.key);

/** The declaration that covers `key` in `area`, if any. */
export const declarationOf = (area: StorageArea, key: string): StoredKey<unknown> | undefined =>
  DECLARED.find((entry) => entry.area === area && declares(entry, key));

/** Of the keys present in `area`, those `event` clears; `vaultOwned` picks the vault's or the others. */
export const keysClearedBy = (
  event: ClearEvent,
  area: StorageArea,
  present: readonly string[],
  vaultOwned: boolean,
): string[] =>
  present.filter((key) => {
    const entry = declarationOf(area, key);
    return entry?.clearedOn.includes(event) === true && (entry.vaultOwned === true) === vaultOwned;
  });

export interface ClearableArea {
  get(keys: null): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/** Removes what `event` clears in `storage.local` and `storage.session`, the vault's keys aside. */
export const clearDeclared = async (
  event: ClearEvent,
  areas: { readonly local: ClearableArea; readonly session?: ClearableArea },
): Promise<void> => {
  for (const [name, area] of [['local', areas.local] as const, ['session', areas.session] as const]) {
    if (!area) continue;
    const keys = keysClearedBy(event, name, Object.keys(await area.get(null)), false);
    if (keys.length > 0) await area.remove(keys);
  }
};
