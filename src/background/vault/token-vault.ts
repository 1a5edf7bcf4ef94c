import { isAppFailure } from '../../shared/errors';
import { keysClearedBy } from '../storage/storage-clear';
import type { DeviceKeyStore } from './device-key-store';
import { createKeyCustody } from './key-custody';
import { checkEnteredPassphrase, hasCode, kdfFloor } from './key-wrapping';
import { createPassphraseModes } from './passphrase-modes';
import { createRecordStore } from './record-store';
import { createRekey } from './rekey';
import { vaultErrors } from './vault-errors';
import { validAutoLockMinutes } from './vault-layout';
import {
  runMigrations,
  VAULT_MIGRATIONS,
  VAULT_SCHEMA_VERSION,
  type VaultMigration,
} from './vault-migrations';
import { AUTO_LOCK_DEFAULT_MINUTES, PBKDF2_MIN_ITERATIONS } from './vault-policy';
import { createVaultQueue } from './vault-queue';
import type { AlarmsLike, StorageAreaLike, TokenVault, VaultStatus } from './vault-types';

/** What makes the whole vault unreadable (rather than one record): its header or its key. */
const UNREADABLE_CODES = ['vault-corrupt', 'vault-format-unsupported'];

export interface TokenVaultDeps {
  /** `browser.storage.local`: header, ciphertext and metadata. Never the synced area. */
  readonly storage: StorageAreaLike;
  /** `browser.storage.session`: the unlocked data key, so a worker restart stays unlocked until the browser closes. */
  readonly session: StorageAreaLike;
  readonly keyStore: DeviceKeyStore;
  readonly alarms: AlarmsLike;
  readonly now?: () => number;
  /** PBKDF2 iterations for new passphrase headers; defaults to the floor and may not go below it. */
  readonly kdfIterations?: number;
  /**
   * TEST ONLY: lowers the iteration floor so unit tests do not spend seconds in PBKDF2. Accepted
   * only under vitest (`import.meta.env.MODE === 'test'`); anywhere else passing it throws, and a
   * production build has no way to lower the floor.
   */
  readonly testOnlyKdfFloor?: number;
  /** Tests only: a different migration list and target schema. */
  readonly migrations?: readonly VaultMigration[];
  readonly schemaVersion?: number;
  /** Called whenever the vault locks (by hand, by auto-lock, by erasing). */
  readonly onLock?: () => void;
}

/**
 * The encrypted token vault (issue 5). Records are encrypted with a random data key; the data key
 * is wrapped by the device key (default) or a passphrase key (`key-custody.ts`); the records
 * (`record-store.ts`) each have their own storage key; every operation runs after the migrations
 * and one at a time (`vault-queue.ts`).
 */
export const createTokenVault = (deps: TokenVaultDeps): TokenVault => {
  const now = deps.now ?? Date.now;
  const schemaVersion = deps.schemaVersion ?? VAULT_SCHEMA_VERSION;
  const custody = createKeyCustody({
    storage: deps.storage,
    session: deps.session,
    keyStore: deps.keyStore,
    alarms: deps.alarms,
    now,
    schemaVersion,
    floor: kdfFloor(deps.testOnlyKdfFloor),
    iterations: deps.kdfIterations ?? PBKDF2_MIN_ITERATIONS,
    ...(deps.onLock ? { onLock: deps.onLock } : {}),
  });
  const records = createRecordStore({ storage: deps.storage, custody, now });
  const rekey = createRekey(deps.storage, custody);
  const modes = createPassphraseModes({ custody, rekey, keyStore: deps.keyStore, schemaVersion });
  const { serial, exclusive, ready } = createVaultQueue(async () => {
    await runMigrations(deps.storage, deps.migrations ?? VAULT_MIGRATIONS, schemaVersion);
    // A passphrase set just before a crash: finished, and the device key it replaced goes too.
    if ((await rekey.recover()) && (await custody.readHeader())?.mode === 'passphrase') {
      await deps.keyStore.delete().catch(() => {});
    }
  });

  const statusOf = async (): Promise<VaultStatus> => {
    const header = await custody.readHeader();
    if (!header) return { mode: 'device', locked: false, autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES };
    if (header.mode === 'device')
      return { mode: 'device', locked: false, autoLockMinutes: header.autoLockMinutes };
    const locked = await custody.dataKeyFor(header).then(
      () => false,
      (error: unknown) => {
        if (hasCode(error, 'vault-locked')) return true;
        throw error;
      },
    );
    return { mode: 'passphrase', locked, autoLockMinutes: header.autoLockMinutes };
  };

  return {
    status: () =>
      exclusive(async (): Promise<VaultStatus> => {
        try {
          await ready();
          return await statusOf();
        } catch (error) {
          // A header nothing can read (damaged, or from a newer extension) is said, not thrown:
          // the pages then offer "Erase and start again", which works whatever the header holds.
          if (!isAppFailure(error) || !UNREADABLE_CODES.includes(error.appError.code)) throw error;
          const { code, message } = error.appError;
          return {
            mode: 'device',
            locked: false,
            autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES,
            unreadable: { code, message },
          };
        }
      }),

    list: (kind) => serial(() => records.list(kind)),
    save: (secret, meta) => serial(() => records.save(secret, meta)),
    async withSecret(id, fn) {
      // Decrypted inside the queue; `fn` runs outside it, so a slow network call blocks nothing.
      return fn(await serial(() => records.readSecret(id)));
    },
    updateMeta: (id, patch) => serial(() => records.updateMeta(id, patch)),
    replaceSecret: (id, secret, patch) => serial(() => records.replaceSecret(id, secret, patch)),
    remove: (id) => serial(() => records.remove(id)),
    saveOnly: (secret, meta) => serial(() => records.saveOnly(secret, meta)),
    removeKind: (kind) => serial(() => records.removeKind(kind)),

    lock: () => serial(custody.lockNow),
    unlock: (passphrase) =>
      serial(async () => {
        checkEnteredPassphrase(passphrase);
        await custody.unlock(passphrase);
      }),
    enablePassphrase: (passphrase) => serial(() => modes.enable(passphrase)),
    disablePassphrase: (passphrase) => serial(() => modes.disable(passphrase)),
    changePassphrase: (oldPassphrase, newPassphrase) =>
      serial(() => modes.change(oldPassphrase, newPassphrase)),

    setAutoLockMinutes: (minutes) =>
      serial(async () => {
        if (!validAutoLockMinutes(minutes)) throw vaultErrors.autoLockInvalid();
        const header = { ...(await custody.headerOrNew()), autoLockMinutes: minutes };
        await custody.writeHeader(header);
        await custody.rescheduleIfUnlocked(header);
      }),

    touch: () => custody.touch(),

    // Not after the migrations: erasing is the way out when they cannot finish.
    reset: () =>
      exclusive(async () => {
        // What goes is what storage-keys.ts declares as the vault's and cleared on erase.
        const keys = keysClearedBy('erase', 'local', Object.keys(await deps.storage.get(null)), true);
        if (keys.length > 0) await deps.storage.remove(keys);
        await deps.keyStore.delete();
        // The session copy of the data key (storage.session) goes with the lock.
        await custody.lockNow();
        records.forget();
        custody.forget();
      }),
  };
};
