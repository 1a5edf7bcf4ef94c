import { vaultErrors } from './vault-errors';
import { HEADER_KEY, LEGACY_RECORDS_KEY, recordKey } from './vault-keys';
import { RECORD_ID } from './vault-layout';
import type { StorageAreaLike } from './vault-types';

/**
 * Numbered schema migrations for the vault in `storage.local`, Bitwarden style: the header holds
 * an integer `schema`; each migration moves exactly one step and writes the new number into the
 * header as its last act (its commit point), so a migration interrupted half way runs again from
 * the start and must be idempotent. `runMigrations` finishes before the vault reads anything.
 */
export interface VaultMigration {
  readonly from: number;
  readonly to: number;
  readonly why: string;
  run(storage: StorageAreaLike): Promise<void>;
}

export const VAULT_SCHEMA_VERSION = 2;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const v1ToV2: VaultMigration = {
  from: 1,
  to: 2,
  why: 'One storage key per record, so concurrent writers touch different keys.',
  async run(storage) {
    const stored = await storage.get([HEADER_KEY, LEGACY_RECORDS_KEY]);
    const header = stored[HEADER_KEY];
    if (!isObject(header)) throw vaultErrors.corrupt();
    const legacy = stored[LEGACY_RECORDS_KEY];
    const entries: unknown[] = legacy === undefined ? [] : Array.isArray(legacy) ? legacy : [legacy];
    const moved: Record<string, unknown> = {};
    entries.forEach((entry, index) => {
      const id = isObject(entry) && isObject(entry.meta) ? entry.meta.id : undefined;
      // An entry without a usable id is kept under a made-up one: `list` shows it as unreadable
      // and the user can remove it. Nothing is dropped.
      const key =
        typeof id === 'string' && RECORD_ID.test(id) && !(recordKey(id) in moved)
          ? recordKey(id)
          : recordKey(`legacy-${index}`);
      moved[key] = entry;
    });
    if (Object.keys(moved).length > 0) await storage.set(moved);
    await storage.set({ [HEADER_KEY]: { ...header, schema: 2 } });
    await storage.remove(LEGACY_RECORDS_KEY);
  },
};

export const VAULT_MIGRATIONS: readonly VaultMigration[] = [v1ToV2];

const readSchema = async (storage: StorageAreaLike): Promise<number | null> => {
  const header = (await storage.get(HEADER_KEY))[HEADER_KEY];
  if (header === undefined) return null;
  if (!isObject(header)) throw vaultErrors.corrupt();
  const { schema } = header;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) throw vaultErrors.corrupt();
  return schema;
};

/**
 * Brings the stored vault to `target`. A fresh vault (no header) needs nothing; a vault from a
 * newer extension is refused untouched; a gap in the list is a bug and refused as corrupt.
 */
export const runMigrations = async (
  storage: StorageAreaLike,
  migrations: readonly VaultMigration[] = VAULT_MIGRATIONS,
  target: number = VAULT_SCHEMA_VERSION,
): Promise<void> => {
  let schema = await readSchema(storage);
  if (schema === null) return;
  if (schema > target) throw vaultErrors.formatUnsupported();
  while (schema < target) {
    const step = migrations.find((m) => m.from === schema);
    if (!step || step.to !== schema + 1) throw vaultErrors.corrupt();
    await step.run(storage);
    const after: number | null = await readSchema(storage);
    if (after !== step.to) throw vaultErrors.corrupt();
    schema = after;
  }
};
