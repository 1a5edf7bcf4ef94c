import { isAppFailure } from '../../shared/errors';
import type { DeviceKeyStore } from './device-key-store';
import {
  DATA_KEY_BYTES,
  DECRYPT_FAILED,
  dataKeyAad,
  derivePassphraseKey,
  fromBase64Strict,
  open,
  seal,
  toBase64,
} from './envelope';
import { vaultErrors } from './vault-errors';
import type { PassphraseKdf, VaultHeader } from './vault-layout';
import {
  KDF_SALT_BYTES,
  PASSPHRASE_MAX_LENGTH,
  PASSPHRASE_MIN_LENGTH,
  PBKDF2_MAX_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
} from './vault-policy';

export const hasCode = (error: unknown, code: string) => isAppFailure(error) && error.appError.code === code;

/** Vite replaces `import.meta.env.MODE` at build time ('production'); vitest sets 'test'; plain Node has no `env`. */
const isTestRun = (): boolean => {
  try {
    return import.meta.env.MODE === 'test';
  } catch {
    return false;
  }
};

/**
 * The PBKDF2 floor. `testOnlyFloor` lowers it so unit tests do not spend seconds in PBKDF2; it is
 * accepted only under vitest, and a production build has no way to lower the floor.
 */
export const kdfFloor = (testOnlyFloor: number | undefined): number => {
  if (testOnlyFloor === undefined) return PBKDF2_MIN_ITERATIONS;
  if (!isTestRun()) throw new Error('testOnlyKdfFloor is for unit tests only');
  return testOnlyFloor;
};

export const checkNewPassphrase = (passphrase: unknown): string => {
  if (typeof passphrase !== 'string') throw vaultErrors.passphraseTooShort();
  if (passphrase.length > PASSPHRASE_MAX_LENGTH) throw vaultErrors.passphraseTooLong();
  if ([...passphrase.normalize('NFC')].length < PASSPHRASE_MIN_LENGTH) throw vaultErrors.passphraseTooShort();
  return passphrase;
};

/** An entered passphrase: anything not a plausible string is simply a wrong passphrase. */
export const checkEnteredPassphrase = (passphrase: unknown): string => {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw vaultErrors.wrongPassphrase();
  if (passphrase.length > PASSPHRASE_MAX_LENGTH) throw vaultErrors.passphraseTooLong();
  return passphrase;
};

/**
 * Wrapping and unwrapping the data key: by the device key (IndexedDB) or by a key derived from the
 * passphrase. Only raw data-key bytes pass through here; callers zero them when done.
 */
export const createKeyWrapping = (keyStore: DeviceKeyStore, floor: number, iterations: number) => ({
  /** A fresh device key (replacing any previous one) wrapping `raw`. */
  async wrapForDevice(raw: Uint8Array<ArrayBuffer>): Promise<string> {
    const deviceKey = await keyStore.create();
    return seal(deviceKey, raw, dataKeyAad({ mode: 'device' }));
  },

  async openWithDevice(header: VaultHeader): Promise<Uint8Array<ArrayBuffer>> {
    const deviceKey = await keyStore.get();
    if (!deviceKey) throw vaultErrors.corrupt();
    try {
      const raw = await open(deviceKey, header.dataKey, dataKeyAad({ mode: 'device' }));
      // Checked here, or importDataKey would fail with the envelope's internal error, not the vault's.
      if (raw.length !== DATA_KEY_BYTES) throw vaultErrors.corrupt();
      return raw;
    } catch {
      throw vaultErrors.corrupt();
    }
  },

  /** The raw data key, or `vault-wrong-passphrase` (one message for every way it can fail to open). */
  async openWithPassphrase(header: VaultHeader, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
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
  },

  async wrapForPassphrase(
    raw: Uint8Array<ArrayBuffer>,
    passphrase: string,
  ): Promise<{ dataKey: string; kdf: PassphraseKdf }> {
    if (iterations < floor || iterations > PBKDF2_MAX_ITERATIONS) throw vaultErrors.kdfTooWeak();
    const saltBytes = crypto.getRandomValues(new Uint8Array(KDF_SALT_BYTES));
    const salt = toBase64(saltBytes);
    const wrapping = await derivePassphraseKey(passphrase, saltBytes, iterations);
    const dataKey = await seal(wrapping, raw, dataKeyAad({ mode: 'passphrase', iterations, salt }));
    return { dataKey, kdf: { name: 'PBKDF2-HMAC-SHA256', iterations, salt } };
  },
});

export type KeyWrapping = ReturnType<typeof createKeyWrapping>;
