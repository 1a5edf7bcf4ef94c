import { AppFailure } from '../../shared/errors';
import { webCryptoReady } from './webcrypto-ready';

/**
 * The ciphertext format, pure WebCrypto (no extension API), so it is tested and benchmarked in Node.
 *
 * An envelope is `v1.<iv>.<ciphertext+tag>` with standard padded base64: AES-GCM-256, a fresh
 * random 96-bit IV per write, a 128-bit tag. The version is authenticated through the additional
 * data (every AAD starts with it), and parsing is strict: an unknown version, a malformed part,
 * a wrong IV length or a ciphertext shorter than the tag is refused before any decryption, and a
 * failed decryption yields no bytes at all.
 */

export const ENVELOPE_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;
/** Far above a wrapped data key or any token; refuses a blob that could only be garbage. */
const MAX_ENVELOPE_CHARS = 64 * 1024;

/** Internal: the AES-GCM check failed (wrong key, wrong AAD, or altered bytes). */
export const DECRYPT_FAILED = 'vault-decrypt-failed';

export interface Envelope {
  readonly version: typeof ENVELOPE_VERSION;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

const corrupt = () => new AppFailure('vault-corrupt', 'The stored data is not a valid vault envelope.');
const unsupported = () =>
  new AppFailure('vault-format-unsupported', 'The stored data uses a vault format this version cannot read.');
const decryptFailed = () => new AppFailure(DECRYPT_FAILED, 'The stored data could not be decrypted.');

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/** Padded standard base64 only, and only its canonical spelling (no stray bits in the padding). */
export const fromBase64Strict = (text: string): Uint8Array<ArrayBuffer> | null => {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return toBase64(bytes) === text ? bytes : null;
};

export const parseEnvelope = (text: unknown): Envelope => {
  if (typeof text !== 'string' || text.length > MAX_ENVELOPE_CHARS) throw corrupt();
  const version = /^v(\d{1,9})(?:\.|$)/.exec(text);
  if (!version) throw corrupt();
  if (Number(version[1]) !== ENVELOPE_VERSION || version[1] !== String(ENVELOPE_VERSION)) {
    throw unsupported();
  }
  const parts = text.split('.');
  if (parts.length !== 3) throw corrupt();
  const iv = fromBase64Strict(parts[1]!);
  const ciphertext = fromBase64Strict(parts[2]!);
  if (!iv || iv.length !== IV_BYTES) throw corrupt();
  // At least one byte of plaintext: nothing the vault stores is empty.
  if (!ciphertext || ciphertext.length <= TAG_BYTES) throw corrupt();
  return { version: ENVELOPE_VERSION, iv, ciphertext };
};

export const formatEnvelope = (envelope: Envelope): string =>
  `v${envelope.version}.${toBase64(envelope.iv)}.${toBase64(envelope.ciphertext)}`;

export const seal = async (
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<string> => {
  if (plaintext.length === 0) throw corrupt();
  await webCryptoReady();
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, plaintext),
  );
  return formatEnvelope({ version: ENVELOPE_VERSION, iv, ciphertext });
};

/** The plaintext bytes, or an `AppFailure` (`vault-corrupt`, `vault-format-unsupported`, `vault-decrypt-failed`). */
export const open = async (
  key: CryptoKey,
  text: unknown,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> => {
  const { iv, ciphertext } = parseEnvelope(text);
  await webCryptoReady();
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 },
        key,
        ciphertext,
      ),
    );
  } catch {
    throw decryptFailed();
  }
};

const encoder = new TextEncoder();
/** `fatal`: bytes that are not UTF-8 are an error, never replacement characters. */
const decoder = new TextDecoder('utf-8', { fatal: true });

export const sealText = (key: CryptoKey, text: string, aad: Uint8Array<ArrayBuffer>) =>
  seal(key, encoder.encode(text), aad);

export const openText = async (key: CryptoKey, envelope: unknown, aad: Uint8Array<ArrayBuffer>) => {
  const bytes = await open(key, envelope, aad);
  try {
    return decoder.decode(bytes);
  } catch {
    throw corrupt();
  } finally {
    bytes.fill(0);
  }
};

/**
 * Additional data is a JSON array, so fields cannot run into each other. Every AAD names the
 * envelope version and what the ciphertext is for, so a blob cannot be replayed in another role.
 */
const aad = (...parts: readonly (string | number | null)[]) =>
  encoder.encode(JSON.stringify(['gtm-vault', ENVELOPE_VERSION, ...parts]));

/**
 * A record's ciphertext is bound to its id (so two records cannot be swapped) and to the
 * metadata that decides where the secret is sent: kind, provider, API URL and, since binding 2
 * (issue 21, finding 5), the login and username it is registered under and the runtimes it was put
 * on (which **Replace everywhere** updates). Editing any of them in storage makes the record
 * unreadable instead of steering the token elsewhere. The binding is named in the record's
 * metadata (`bound: 2`); removing that name does not help, since the ciphertext then fails the
 * older binding's check. A record written before binding 2 is bound anew when it is next read.
 */
export const recordAad = (record: {
  readonly id: string;
  readonly kind: string;
  readonly provider: string | null;
  readonly apiUrl: string;
  readonly login?: string | null;
  readonly username?: string;
  readonly runtimes?: readonly string[];
  readonly accountId?: string;
  readonly usedOn?: Readonly<Record<string, readonly string[]>>;
  readonly bound?: 2;
}) =>
  record.bound === 2
    ? aad(
        'record',
        2,
        record.id,
        record.kind,
        record.provider,
        record.apiUrl,
        record.login ?? null,
        record.username ?? null,
        JSON.stringify([...(record.runtimes ?? [])].sort()),
        // Several accounts (issue 24): the key's account and each account's "used on" list, bound
        // when present, so a record without them keeps the binding it had.
        ...(record.accountId === undefined ? [] : ['account', record.accountId]),
        ...(record.usedOn === undefined ? [] : ['usedOn', usedOnText(record.usedOn)]),
      )
    : aad('record', record.id, record.kind, record.provider, record.apiUrl);

/** `usedOn` in one order, whatever order its accounts and runtimes were written in. */
const usedOnText = (usedOn: Readonly<Record<string, readonly string[]>>) =>
  JSON.stringify(
    Object.keys(usedOn)
      .sort()
      .map((account) => [account, [...(usedOn[account] ?? [])].sort()]),
  );

/** The wrapped data key is bound to how it is wrapped, including the KDF parameters. */
export const dataKeyAad = (
  wrap: { readonly mode: 'device' } | { readonly mode: 'passphrase'; iterations: number; salt: string },
) =>
  wrap.mode === 'device'
    ? aad('data-key', 'device')
    : aad('data-key', 'passphrase', 'PBKDF2-HMAC-SHA256', wrap.iterations, wrap.salt);

export const newDataKeyBytes = () => crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));

/** Imports raw data-key bytes as a non-extractable AES-GCM key. */
export const importDataKey = async (raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> => {
  if (raw.length !== DATA_KEY_BYTES) throw corrupt();
  await webCryptoReady();
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
};

/** PBKDF2-HMAC-SHA256 to a non-extractable AES-GCM-256 wrapping key. Callers enforce the floor. */
export const derivePassphraseKey = async (
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> => {
  await webCryptoReady();
  // NFC so the same passphrase typed on another keyboard or OS derives the same key.
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
};
