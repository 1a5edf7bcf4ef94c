import { isGitProvider, parseGitProvider } from '../../providers/registry';
import { fromBase64Strict } from './envelope';
import { vaultErrors } from './vault-errors';
import {
  AUTO_LOCK_MAX_MINUTES,
  AUTO_LOCK_MIN_MINUTES,
  KDF_SALT_BYTES,
  PBKDF2_MAX_ITERATIONS,
} from './vault-policy';
import type { RecordMeta, SecretKind } from './vault-types';

/** How the vault's values (storage-keys.ts, vault-keys.ts) are checked when read back. */
export const AUTO_LOCK_ALARM = 'vault-auto-lock';

/** Ids are UUIDs today; anything of this shape is accepted so older or migrated ids still work. */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface PassphraseKdf {
  readonly name: 'PBKDF2-HMAC-SHA256';
  readonly iterations: number;
  /** Base64 of `KDF_SALT_BYTES` random bytes. */
  readonly salt: string;
}

export interface VaultHeader {
  readonly schema: number;
  readonly mode: 'device' | 'passphrase';
  /** The data key, wrapped by the device key or the passphrase key (an envelope). */
  readonly dataKey: string;
  readonly kdf: PassphraseKdf | null;
  readonly autoLockMinutes: number;
}

export interface StoredRecord {
  readonly meta: RecordMeta;
  /** The secret, encrypted with the data key (an envelope). */
  readonly secret: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((s) => typeof s === 'string');
const isIntIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

export const SECRET_KINDS: readonly SecretKind[] = ['git-token', 'codefresh-api-key', 'app-proxy-addresses'];

export const validAutoLockMinutes = (value: unknown): value is number =>
  isIntIn(value, AUTO_LOCK_MIN_MINUTES, AUTO_LOCK_MAX_MINUTES);

/** The header of the current schema, or `vault-corrupt`. Iterations below the floor are checked at unlock. */
export const parseHeader = (value: unknown, schema: number): VaultHeader => {
  if (!isObject(value) || value.schema !== schema) throw vaultErrors.corrupt();
  const { mode, dataKey, kdf, autoLockMinutes } = value;
  if (typeof dataKey !== 'string' || !validAutoLockMinutes(autoLockMinutes)) throw vaultErrors.corrupt();
  if (mode === 'device' && kdf === null) return { schema, mode, dataKey, kdf: null, autoLockMinutes };
  if (mode !== 'passphrase' || !isObject(kdf)) throw vaultErrors.corrupt();
  const { name, iterations, salt } = kdf;
  if (
    name !== 'PBKDF2-HMAC-SHA256' ||
    !isIntIn(iterations, 1, PBKDF2_MAX_ITERATIONS) ||
    typeof salt !== 'string' ||
    fromBase64Strict(salt)?.length !== KDF_SALT_BYTES
  ) {
    throw vaultErrors.corrupt();
  }
  return { schema, mode, dataKey, kdf: { name, iterations, salt }, autoLockMinutes };
};

/** The record's metadata if every field has its type; null when it cannot be trusted. */
export const parseMeta = (value: unknown, id: string): RecordMeta | null => {
  if (!isObject(value) || value.id !== id) return null;
  const m = value;
  const ok =
    SECRET_KINDS.includes(m.kind as SecretKind) &&
    (m.provider === null || isGitProvider(m.provider)) &&
    typeof m.apiUrl === 'string' &&
    (m.login === null || typeof m.login === 'string') &&
    (m.username === undefined || typeof m.username === 'string') &&
    (m.scopes === null || isStringArray(m.scopes)) &&
    (m.expiresAt === null || typeof m.expiresAt === 'string') &&
    typeof m.tokenType === 'string' &&
    typeof m.lastFour === 'string' &&
    typeof m.createdAt === 'number' &&
    (m.lastUsedAt === null || typeof m.lastUsedAt === 'number') &&
    isStringArray(m.runtimes) &&
    (m.bound === undefined || m.bound === 2) &&
    (m.accountId === undefined || typeof m.accountId === 'string') &&
    (m.usedOn === undefined || (isObject(m.usedOn) && Object.values(m.usedOn).every(isStringArray)));
  return ok ? (m as unknown as RecordMeta) : null;
};

/** What `list` shows for a record whose metadata is unusable: enough to name it and remove it. */
export const placeholderMeta = (id: string, value: unknown): RecordMeta => {
  const m = isObject(value) && isObject(value.meta) ? value.meta : {};
  return {
    id,
    kind: SECRET_KINDS.includes(m.kind as SecretKind) ? (m.kind as SecretKind) : 'git-token',
    provider: parseGitProvider(m.provider),
    apiUrl: typeof m.apiUrl === 'string' ? m.apiUrl : '',
    login: typeof m.login === 'string' ? m.login : null,
    scopes: null,
    expiresAt: null,
    tokenType: 'unknown',
    lastFour: '',
    createdAt: typeof m.createdAt === 'number' ? m.createdAt : 0,
    lastUsedAt: null,
    runtimes: isStringArray(m.runtimes) ? m.runtimes : [],
  };
};

export const parseRecord = (value: unknown, id: string): StoredRecord | null => {
  if (!isObject(value) || typeof value.secret !== 'string') return null;
  const meta = parseMeta(value.meta, id);
  return meta ? { meta, secret: value.secret } : null;
};
