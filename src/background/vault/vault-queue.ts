import { runMigrations, type VaultMigration } from './vault-migrations';
import type { StorageAreaLike } from './vault-types';

/**
 * One vault operation at a time, each after the migrations, so no read-modify-write can
 * interleave. A failed migration is tried again by the next operation.
 */
export const createVaultQueue = (
  storage: StorageAreaLike,
  migrations: readonly VaultMigration[],
  schemaVersion: number,
) => {
  let migrated: Promise<void> | null = null;
  const ready = () => {
    migrated ??= runMigrations(storage, migrations, schemaVersion).catch((error: unknown) => {
      migrated = null;
      throw error;
    });
    return migrated;
  };

  let tail: Promise<unknown> = Promise.resolve();
  return {
    serial<T>(fn: () => Promise<T>): Promise<T> {
      const run = tail.then(ready).then(fn);
      tail = run.catch(() => {});
      return run;
    },
  };
};
