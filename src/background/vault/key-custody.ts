import type { DeviceKeyStore } from './device-key-store';
import { DATA_KEY_BYTES, fromBase64Strict, importDataKey, newDataKeyBytes, toBase64 } from './envelope';
import { createKeyWrapping } from './key-wrapping';
import { vaultErrors } from './vault-errors';
import { HEADER_KEY, SESSION_ACTIVITY, SESSION_FOR, SESSION_KEY } from './vault-keys';
import { AUTO_LOCK_ALARM, parseHeader, type VaultHeader } from './vault-layout';
import { AUTO_LOCK_DEFAULT_MINUTES } from './vault-policy';
import type { AlarmsLike, StorageAreaLike } from './vault-types';

export interface KeyCustodyDeps {
  readonly storage: StorageAreaLike;
  readonly session: StorageAreaLike;
  readonly keyStore: DeviceKeyStore;
  readonly alarms: AlarmsLike;
  readonly now: () => number;
  readonly schemaVersion: number;
  /** The PBKDF2 floor every unlock checks, and the iterations new passphrase headers use. */
  readonly floor: number;
  readonly iterations: number;
  /** Told each time the vault locks, so what was unlocked with it (pasted-token drafts) goes too. */
  readonly onLock?: () => void;
}

/**
 * Who holds the data key: the header (mode and wrapped data key), the unwrapped key in worker
 * memory and, in passphrase mode, in `storage.session` so a worker restart stays unlocked until the
 * browser closes; lock, unlock, session restore and the idle auto-lock. Callers run inside the
 * vault's queue; nothing here reads or writes a record.
 */
export const createKeyCustody = (deps: KeyCustodyDeps) => {
  const { now } = deps;
  const wrapping = createKeyWrapping(deps.keyStore, deps.floor, deps.iterations);

  /** The unwrapped data key, bound to the wrapped copy it came from. Worker memory only. */
  let memoryKey: { readonly key: CryptoKey; readonly wrapped: string } | null = null;
  let lastActivity: number | null = null;
  /** What `touch` (synchronous) needs to know about the header. */
  let known: { mode: VaultHeader['mode']; autoLockMinutes: number } | null = null;

  const readHeader = async (): Promise<VaultHeader | null> => {
    const raw = (await deps.storage.get(HEADER_KEY))[HEADER_KEY];
    if (raw === undefined) {
      known = null;
      return null;
    }
    const header = parseHeader(raw, deps.schemaVersion);
    known = { mode: header.mode, autoLockMinutes: header.autoLockMinutes };
    return header;
  };

  const writeHeader = async (header: VaultHeader) => {
    await deps.storage.set({ [HEADER_KEY]: header });
    known = { mode: header.mode, autoLockMinutes: header.autoLockMinutes };
  };

  /** Drops the unwrapped key from memory and `storage.session`, and the auto-lock alarm. */
  const forgetKey = async () => {
    memoryKey = null;
    lastActivity = null;
    await deps.session.remove([SESSION_KEY, SESSION_FOR, SESSION_ACTIVITY]);
    await deps.alarms.clear(AUTO_LOCK_ALARM);
  };

  const lockNow = async () => {
    // Told first: a draft must not outlive the lock even when clearing the session fails.
    deps.onLock?.();
    await forgetKey();
  };

  const scheduleAutoLock = async (autoLockMinutes: number) => {
    const at = now();
    lastActivity = at;
    await deps.session.set({ [SESSION_ACTIVITY]: at });
    await deps.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
  };

  /** Keeps the data key in memory and (passphrase mode) in `storage.session`; zeroes `raw`. */
  const holdDataKey = async (raw: Uint8Array<ArrayBuffer>, header: VaultHeader) => {
    try {
      const key = await importDataKey(raw);
      if (header.mode === 'passphrase') {
        // Raw export only to storage.session (trusted contexts, memory-backed, gone on browser restart).
        await deps.session.set({ [SESSION_KEY]: toBase64(raw), [SESSION_FOR]: header.dataKey });
        await scheduleAutoLock(header.autoLockMinutes);
      }
      memoryKey = { key, wrapped: header.dataKey };
      return key;
    } finally {
      raw.fill(0);
    }
  };

  const newDeviceHeader = async (): Promise<VaultHeader> => {
    const raw = newDataKeyBytes();
    const header: VaultHeader = {
      schema: deps.schemaVersion,
      mode: 'device',
      dataKey: await wrapping.wrapForDevice(raw),
      kdf: null,
      autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES,
    };
    await writeHeader(header);
    await holdDataKey(raw, header);
    return header;
  };

  const idleExpired = (header: VaultHeader) =>
    header.mode === 'passphrase' &&
    lastActivity !== null &&
    now() - lastActivity >= header.autoLockMinutes * 60_000;

  /** A worker restarted inside the browser session picks the key up from `storage.session`. */
  const restoreFromSession = async (header: VaultHeader): Promise<CryptoKey | null> => {
    const stored = await deps.session.get([SESSION_KEY, SESSION_FOR, SESSION_ACTIVITY]);
    const copy = stored[SESSION_KEY];
    const raw = typeof copy === 'string' ? fromBase64Strict(copy) : null;
    const activity = stored[SESSION_ACTIVITY];
    if (!raw || raw.length !== DATA_KEY_BYTES || stored[SESSION_FOR] !== header.dataKey) {
      if (stored[SESSION_KEY] !== undefined) await lockNow();
      return null;
    }
    lastActivity = typeof activity === 'number' ? activity : now();
    if (idleExpired(header)) {
      raw.fill(0);
      await lockNow();
      return null;
    }
    const key = await importDataKey(raw);
    raw.fill(0);
    memoryKey = { key, wrapped: header.dataKey };
    return key;
  };

  /** The data key for `header`, or `vault-locked` / `vault-corrupt`. */
  const dataKeyFor = async (header: VaultHeader): Promise<CryptoKey> => {
    if (memoryKey && memoryKey.wrapped === header.dataKey) {
      if (!idleExpired(header)) return memoryKey.key;
      await lockNow();
      throw vaultErrors.locked();
    }
    memoryKey = null;
    if (header.mode === 'device') return holdDataKey(await wrapping.openWithDevice(header), header);
    const restored = await restoreFromSession(header);
    if (!restored) throw vaultErrors.locked();
    return restored;
  };

  return {
    wrapping,
    readHeader,
    writeHeader,
    /** The stored header, or a new device-mode one (the first save creates the vault). */
    headerOrNew: async () => (await readHeader()) ?? (await newDeviceHeader()),
    holdDataKey,
    dataKeyFor,
    lockNow,
    forgetKey,

    /** Activity inside the vault pushes the passphrase-mode auto-lock back. */
    async noteActivity(header: VaultHeader) {
      if (header.mode === 'passphrase') await scheduleAutoLock(header.autoLockMinutes);
    },

    /** A changed idle time takes effect at once when the vault is unlocked. */
    async rescheduleIfUnlocked(header: VaultHeader) {
      if (header.mode === 'passphrase' && memoryKey) await scheduleAutoLock(header.autoLockMinutes);
    },

    async unlock(passphrase: string) {
      const header = await readHeader();
      if (!header || header.mode === 'device') return;
      await holdDataKey(await wrapping.openWithPassphrase(header, passphrase), header);
    },

    /** User activity, synchronous: pushes the auto-lock back without waiting for the queue. */
    touch() {
      if (!memoryKey || known?.mode !== 'passphrase') return;
      const minutes = known.autoLockMinutes;
      lastActivity = now();
      const at = lastActivity;
      void Promise.resolve()
        .then(async () => {
          await deps.session.set({ [SESSION_ACTIVITY]: at });
          await deps.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: minutes });
        })
        .catch(() => {});
    },

    /** After an erase: nothing about the old header is remembered. */
    forget() {
      known = null;
    },
  };
};

export type KeyCustody = ReturnType<typeof createKeyCustody>;
