import { isAppFailure } from '../../shared/errors';
import type { DeviceKeyStore } from './device-key-store';
import {
  DATA_KEY_BYTES,
  DECRYPT_FAILED,
  dataKeyAad,
  derivePassphraseKey,
  fromBase64Strict,
  importDataKey,
  newDataKeyBytes,
  open,
  openText,
  recordAad,
  seal,
  sealText,
  toBase64,
} from './envelope';
import { vaultErrors } from './vault-errors';
import {
  AUTO_LOCK_ALARM,
  HEADER_KEY,
  parseHeader,
  parseMeta,
  parseRecord,
  placeholderMeta,
  RECORD_ID,
  RECORD_PREFIX,
  recordKey,
  SESSION_ACTIVITY,
  SESSION_FOR,
  SESSION_KEY,
  type StoredRecord,
  type VaultHeader,
  validAutoLockMinutes,
} from './vault-layout';
import {
  LEGACY_RECORDS_KEY,
  runMigrations,
  VAULT_MIGRATIONS,
  VAULT_SCHEMA_VERSION,
  type VaultMigration,
} from './vault-migrations';
import {
  AUTO_LOCK_DEFAULT_MINUTES,
  KDF_SALT_BYTES,
  PASSPHRASE_MAX_LENGTH,
  PASSPHRASE_MIN_LENGTH,
  PBKDF2_MAX_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
  SECRET_MAX_LENGTH,
} from './vault-policy';
import type {
  AlarmsLike,
  ListedRecord,
  MetaPatch,
  NewRecord,
  RecordMeta,
  SecretPatch,
  StorageAreaLike,
  TokenVault,
  VaultStatus,
} from './vault-types';

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
}

/** Vite replaces `import.meta.env.MODE` at build time ('production'); vitest sets 'test'; plain Node has no `env`. */
const isTestRun = (): boolean => {
  try {
    return import.meta.env.MODE === 'test';
  } catch {
    return false;
  }
};

const kdfFloor = (deps: TokenVaultDeps): number => {
  if (deps.testOnlyKdfFloor === undefined) return PBKDF2_MIN_ITERATIONS;
  if (!isTestRun()) throw new Error('testOnlyKdfFloor is for unit tests only');
  return deps.testOnlyKdfFloor;
};

const hasCode = (error: unknown, code: string) => isAppFailure(error) && error.appError.code === code;

const checkSecret = (secret: unknown): string => {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > SECRET_MAX_LENGTH) {
    throw vaultErrors.secretInvalid();
  }
  return secret;
};

const checkNewPassphrase = (passphrase: unknown): string => {
  if (typeof passphrase !== 'string') throw vaultErrors.passphraseTooShort();
  if (passphrase.length > PASSPHRASE_MAX_LENGTH) throw vaultErrors.passphraseTooLong();
  if ([...passphrase.normalize('NFC')].length < PASSPHRASE_MIN_LENGTH) throw vaultErrors.passphraseTooShort();
  return passphrase;
};

/** An entered passphrase: anything not a plausible string is simply a wrong passphrase. */
const checkEnteredPassphrase = (passphrase: unknown): string => {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw vaultErrors.wrongPassphrase();
  if (passphrase.length > PASSPHRASE_MAX_LENGTH) throw vaultErrors.passphraseTooLong();
  return passphrase;
};

/** Only the patchable fields, copied, each checked; anything else in `patch` is ignored. */
const applyPatch = (meta: RecordMeta, patch: SecretPatch): RecordMeta => {
  const next: Record<string, unknown> = { ...meta };
  for (const field of ['runtimes', 'login', 'scopes', 'expiresAt', 'username', 'tokenType'] as const) {
    if (field in patch) next[field] = patch[field];
  }
  if (Array.isArray(next.runtimes)) next.runtimes = [...next.runtimes];
  if (Array.isArray(next.scopes)) next.scopes = [...next.scopes];
  if (next.username === undefined) delete next.username;
  const checked = parseMeta(next, meta.id);
  if (!checked) throw vaultErrors.metaInvalid();
  return checked;
};

/**
 * The encrypted token vault (issue 5). Records are encrypted with a random data key; the data key
 * is wrapped by the device key (default) or a passphrase key, so changing mode or passphrase
 * re-wraps one key and never re-encrypts or loses a record. Every operation runs after the
 * migrations and one at a time (a queue), and each record has its own storage key.
 */
export const createTokenVault = (deps: TokenVaultDeps): TokenVault => {
  const now = deps.now ?? Date.now;
  const floor = kdfFloor(deps);
  const iterations = deps.kdfIterations ?? PBKDF2_MIN_ITERATIONS;
  const schemaVersion = deps.schemaVersion ?? VAULT_SCHEMA_VERSION;
  const migrations = deps.migrations ?? VAULT_MIGRATIONS;

  /** The unwrapped data key, bound to the wrapped copy it came from. Worker memory only. */
  let memoryKey: { readonly key: CryptoKey; readonly wrapped: string } | null = null;
  let lastActivity: number | null = null;
  /** What `touch` (synchronous) needs to know about the header. */
  let known: { mode: VaultHeader['mode']; autoLockMinutes: number } | null = null;
  /** Records already checked to decrypt, keyed by everything their AAD and ciphertext depend on. */
  const verified = new Map<string, boolean>();

  let migrated: Promise<void> | null = null;
  const ready = () => {
    migrated ??= runMigrations(deps.storage, migrations, schemaVersion).catch((error: unknown) => {
      migrated = null;
      throw error;
    });
    return migrated;
  };

  let tail: Promise<unknown> = Promise.resolve();
  /** One operation at a time, each after the migrations: no read-modify-write can interleave. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(ready).then(fn);
    tail = run.catch(() => {});
    return run;
  };

  const readHeader = async (): Promise<VaultHeader | null> => {
    const raw = (await deps.storage.get(HEADER_KEY))[HEADER_KEY];
    if (raw === undefined) {
      known = null;
      return null;
    }
    const header = parseHeader(raw, schemaVersion);
    known = { mode: header.mode, autoLockMinutes: header.autoLockMinutes };
    return header;
  };

  const writeHeader = async (header: VaultHeader) => {
    await deps.storage.set({ [HEADER_KEY]: header });
    known = { mode: header.mode, autoLockMinutes: header.autoLockMinutes };
  };

  const lockNow = async () => {
    memoryKey = null;
    lastActivity = null;
    await deps.session.remove([SESSION_KEY, SESSION_FOR, SESSION_ACTIVITY]);
    await deps.alarms.clear(AUTO_LOCK_ALARM);
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

  const wrapForDevice = async (raw: Uint8Array<ArrayBuffer>) => {
    const deviceKey = await deps.keyStore.create();
    return seal(deviceKey, raw, dataKeyAad({ mode: 'device' }));
  };

  const newDeviceHeader = async (): Promise<VaultHeader> => {
    const raw = newDataKeyBytes();
    const header: VaultHeader = {
      schema: schemaVersion,
      mode: 'device',
      dataKey: await wrapForDevice(raw),
      kdf: null,
      autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES,
    };
    await writeHeader(header);
    await holdDataKey(raw, header);
    return header;
  };

  const openWithDevice = async (header: VaultHeader) => {
    const deviceKey = await deps.keyStore.get();
    if (!deviceKey) throw vaultErrors.corrupt();
    try {
      const raw = await open(deviceKey, header.dataKey, dataKeyAad({ mode: 'device' }));
      // Checked here, or importDataKey would fail with the envelope's internal error, not the vault's.
      if (raw.length !== DATA_KEY_BYTES) throw vaultErrors.corrupt();
      return raw;
    } catch {
      throw vaultErrors.corrupt();
    }
  };

  /** The raw data key, or `vault-wrong-passphrase` (one message for every way it can fail to open). */
  const openWithPassphrase = async (header: VaultHeader, passphrase: string) => {
    const kdf = header.kdf;
    if (!kdf) throw vaultErrors.notPassphraseMode();
    // The downgrade check: a header asking for fewer iterations than the floor is never used.
    if (kdf.iterations < floor) throw vaultErrors.kdfTooWeak();
    const salt = fromBase64Strict(kdf.salt);
    if (!salt) throw vaultErrors.corrupt();
    const wrapping = await derivePassphraseKey(passphrase, salt, kdf.iterations);
    try {
      const raw = await open(
        wrapping,
        header.dataKey,
        dataKeyAad({ mode: 'passphrase', iterations: kdf.iterations, salt: kdf.salt }),
      );
      if (raw.length !== DATA_KEY_BYTES) throw vaultErrors.corrupt();
      return raw;
    } catch (error) {
      throw hasCode(error, DECRYPT_FAILED) ? vaultErrors.wrongPassphrase() : vaultErrors.corrupt();
    }
  };

  const wrapForPassphrase = async (raw: Uint8Array<ArrayBuffer>, passphrase: string) => {
    if (iterations < floor || iterations > PBKDF2_MAX_ITERATIONS) throw vaultErrors.kdfTooWeak();
    const saltBytes = crypto.getRandomValues(new Uint8Array(KDF_SALT_BYTES));
    const salt = toBase64(saltBytes);
    const wrapping = await derivePassphraseKey(passphrase, saltBytes, iterations);
    const dataKey = await seal(wrapping, raw, dataKeyAad({ mode: 'passphrase', iterations, salt }));
    return { dataKey, kdf: { name: 'PBKDF2-HMAC-SHA256' as const, iterations, salt } };
  };

  const idleExpired = (header: VaultHeader) =>
    header.mode === 'passphrase' &&
    lastActivity !== null &&
    now() - lastActivity >= header.autoLockMinutes * 60_000;

  /** A worker restarted inside the browser session picks the key up from `storage.session`. */
  const restoreFromSession = async (header: VaultHeader): Promise<CryptoKey | null> => {
    const stored = await deps.session.get([SESSION_KEY, SESSION_FOR, SESSION_ACTIVITY]);
    const raw = typeof stored[SESSION_KEY] === 'string' ? fromBase64Strict(stored[SESSION_KEY]) : null;
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
    if (header.mode === 'device') return holdDataKey(await openWithDevice(header), header);
    const restored = await restoreFromSession(header);
    if (!restored) throw vaultErrors.locked();
    return restored;
  };

  const noteActivity = async (header: VaultHeader) => {
    if (header.mode === 'passphrase') await scheduleAutoLock(header.autoLockMinutes);
  };

  const readStored = async (id: string): Promise<unknown> => {
    if (typeof id !== 'string' || !RECORD_ID.test(id)) throw vaultErrors.recordMissing();
    const value = (await deps.storage.get(recordKey(id)))[recordKey(id)];
    if (value === undefined) throw vaultErrors.recordMissing();
    return value;
  };

  const verifyKey = (record: StoredRecord) =>
    JSON.stringify([
      record.meta.id,
      record.meta.kind,
      record.meta.provider,
      record.meta.apiUrl,
      record.secret,
    ]);

  const decrypt = async (key: CryptoKey, record: StoredRecord): Promise<string> => {
    try {
      const secret = await openText(key, record.secret, recordAad(record.meta));
      verified.set(verifyKey(record), true);
      return secret;
    } catch {
      verified.set(verifyKey(record), false);
      throw vaultErrors.recordUnreadable();
    }
  };

  const writeRecord = (record: StoredRecord) =>
    deps.storage.set({ [recordKey(record.meta.id)]: { meta: record.meta, secret: record.secret } });

  const unreadable = (code = 'vault-record-unreadable') => {
    const failure = code === 'vault-corrupt' ? vaultErrors.corrupt() : vaultErrors.recordUnreadable();
    return { code: failure.appError.code, message: failure.appError.message };
  };

  return {
    status: () =>
      serial(async (): Promise<VaultStatus> => {
        const header = await readHeader();
        if (!header) return { mode: 'device', locked: false, autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES };
        if (header.mode === 'device')
          return { mode: 'device', locked: false, autoLockMinutes: header.autoLockMinutes };
        const locked = await dataKeyFor(header).then(
          () => false,
          (error: unknown) => {
            if (hasCode(error, 'vault-locked')) return true;
            throw error;
          },
        );
        return { mode: 'passphrase', locked, autoLockMinutes: header.autoLockMinutes };
      }),

    list: (kind) =>
      serial(async () => {
        const all = await deps.storage.get(null);
        const header = await readHeader();
        // Check ciphertexts when the key is at hand (never while locked); metadata is listed regardless.
        let key: CryptoKey | null = null;
        let keyProblem: string | null = header ? null : 'vault-record-unreadable';
        if (header) {
          try {
            key = await dataKeyFor(header);
          } catch (error) {
            if (!hasCode(error, 'vault-locked')) keyProblem = 'vault-corrupt';
          }
        }
        const listed: ListedRecord[] = [];
        for (const [storageKey, value] of Object.entries(all)) {
          if (!storageKey.startsWith(RECORD_PREFIX)) continue;
          const id = storageKey.slice(RECORD_PREFIX.length);
          const record = parseRecord(value, id);
          if (!record) {
            listed.push({ ...placeholderMeta(id, value), unreadable: unreadable() });
            continue;
          }
          let problem = keyProblem;
          if (key && !problem) {
            const known = verified.get(verifyKey(record));
            const ok =
              known ??
              (await decrypt(key, record).then(
                () => true,
                () => false,
              ));
            if (!ok) problem = 'vault-record-unreadable';
          }
          listed.push(problem ? { ...record.meta, unreadable: unreadable(problem) } : record.meta);
        }
        return listed
          .filter((r) => kind === undefined || r.kind === kind)
          .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      }),

    save: (secret, meta: NewRecord) =>
      serial(async () => {
        checkSecret(secret);
        const header = (await readHeader()) ?? (await newDeviceHeader());
        const key = await dataKeyFor(header);
        const id = crypto.randomUUID();
        const full = parseMeta(
          {
            id,
            kind: meta.kind,
            provider: meta.provider,
            apiUrl: meta.apiUrl,
            login: meta.login,
            ...(meta.username !== undefined ? { username: meta.username } : {}),
            scopes: meta.scopes ? [...meta.scopes] : meta.scopes,
            expiresAt: meta.expiresAt,
            tokenType: meta.tokenType,
            lastFour: secret.slice(-4),
            createdAt: now(),
            lastUsedAt: null,
            runtimes: Array.isArray(meta.runtimes) ? [...meta.runtimes] : meta.runtimes,
          },
          id,
        );
        if (!full) throw vaultErrors.metaInvalid();
        const record = { meta: full, secret: await sealText(key, secret, recordAad(full)) };
        await writeRecord(record);
        verified.set(verifyKey(record), true);
        await noteActivity(header);
        return id;
      }),

    async withSecret(id, fn) {
      const secret = await serial(async () => {
        const value = await readStored(id);
        const header = await readHeader();
        if (!header) throw vaultErrors.recordUnreadable();
        const key = await dataKeyFor(header);
        const record = parseRecord(value, id);
        if (!record) throw vaultErrors.recordUnreadable();
        const plaintext = await decrypt(key, record);
        await writeRecord({ meta: { ...record.meta, lastUsedAt: now() }, secret: record.secret });
        await noteActivity(header);
        return plaintext;
      });
      return fn(secret);
    },

    updateMeta: (id, patch: MetaPatch) =>
      serial(async () => {
        const record = parseRecord(await readStored(id), id);
        if (!record) throw vaultErrors.recordUnreadable();
        await writeRecord({ meta: applyPatch(record.meta, patch), secret: record.secret });
      }),

    replaceSecret: (id, secret, patch = {}) =>
      serial(async () => {
        checkSecret(secret);
        const value = await readStored(id);
        const header = await readHeader();
        if (!header) throw vaultErrors.recordUnreadable();
        const key = await dataKeyFor(header);
        const record = parseRecord(value, id);
        // The old ciphertext need not open (this is also how a damaged record is repaired), but the
        // metadata must, since it decides where the new secret is bound.
        if (!record) throw vaultErrors.recordUnreadable();
        const meta = { ...applyPatch(record.meta, patch), lastFour: secret.slice(-4) };
        const next = { meta, secret: await sealText(key, secret, recordAad(meta)) };
        await writeRecord(next);
        verified.set(verifyKey(next), true);
        await noteActivity(header);
      }),

    remove: (id) =>
      serial(async () => {
        if (typeof id !== 'string' || id.length === 0 || id.length > 200) return;
        await deps.storage.remove(recordKey(id));
      }),

    lock: () => serial(lockNow),

    unlock: (passphrase) =>
      serial(async () => {
        checkEnteredPassphrase(passphrase);
        const header = await readHeader();
        if (!header || header.mode === 'device') return;
        await holdDataKey(await openWithPassphrase(header, passphrase), header);
      }),

    enablePassphrase: (passphrase) =>
      serial(async () => {
        checkNewPassphrase(passphrase);
        const current = await readHeader();
        if (current?.mode === 'passphrase') throw vaultErrors.alreadyPassphraseMode();
        const raw = current ? await openWithDevice(current) : newDataKeyBytes();
        const header: VaultHeader = {
          schema: schemaVersion,
          mode: 'passphrase',
          ...(await wrapForPassphrase(raw, passphrase)),
          autoLockMinutes: current?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES,
        };
        await writeHeader(header);
        await holdDataKey(raw, header);
        // The device key wraps nothing any more; dropping it is hygiene, so a failure is ignored.
        await deps.keyStore.delete().catch(() => {});
      }),

    disablePassphrase: (passphrase) =>
      serial(async () => {
        checkEnteredPassphrase(passphrase);
        const current = await readHeader();
        if (current?.mode !== 'passphrase') throw vaultErrors.notPassphraseMode();
        const raw = await openWithPassphrase(current, passphrase);
        const header: VaultHeader = {
          schema: schemaVersion,
          mode: 'device',
          dataKey: await wrapForDevice(raw),
          kdf: null,
          autoLockMinutes: current.autoLockMinutes,
        };
        await writeHeader(header);
        await lockNow();
        await holdDataKey(raw, header);
      }),

    changePassphrase: (oldPassphrase, newPassphrase) =>
      serial(async () => {
        checkEnteredPassphrase(oldPassphrase);
        checkNewPassphrase(newPassphrase);
        const current = await readHeader();
        if (current?.mode !== 'passphrase') throw vaultErrors.notPassphraseMode();
        const raw = await openWithPassphrase(current, oldPassphrase);
        const header: VaultHeader = { ...current, ...(await wrapForPassphrase(raw, newPassphrase)) };
        await writeHeader(header);
        await holdDataKey(raw, header);
      }),

    setAutoLockMinutes: (minutes) =>
      serial(async () => {
        if (!validAutoLockMinutes(minutes)) throw vaultErrors.autoLockInvalid();
        const current = (await readHeader()) ?? (await newDeviceHeader());
        const header = { ...current, autoLockMinutes: minutes };
        await writeHeader(header);
        if (header.mode === 'passphrase' && memoryKey) await scheduleAutoLock(minutes);
      }),

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

    async handleAlarm(name) {
      if (name !== AUTO_LOCK_ALARM) return false;
      await serial(lockNow);
      return true;
    },

    reset: () =>
      serial(async () => {
        const all = await deps.storage.get(null);
        const keys = Object.keys(all).filter(
          (k) => k === HEADER_KEY || k === LEGACY_RECORDS_KEY || k.startsWith(RECORD_PREFIX),
        );
        if (keys.length > 0) await deps.storage.remove(keys);
        await deps.keyStore.delete();
        await lockNow();
        verified.clear();
        known = null;
      }),
  };
};
