import type { GitProvider } from '../../shared/runtime-types';

/**
 * `app-proxy-addresses`: the user's own app-proxy address per runtime (app-proxy-overrides.ts), kept
 * as a record so that where a token goes is authenticated like the tokens themselves; one record per
 * platform and Codefresh account (`accountId`, bound like an API key's).
 */
export type SecretKind = 'git-token' | 'codefresh-api-key' | 'app-proxy-addresses';

/** What the UI may show without unlocking: never the secret, only its last four characters. */
export interface RecordMeta {
  readonly id: string;
  readonly kind: SecretKind;
  readonly provider: GitProvider | null;
  /** Git API URL, or the Codefresh platform origin for API keys. */
  readonly apiUrl: string;
  readonly login: string | null;
  /** Bitbucket needs a username or email beside the token; it is not secret. */
  readonly username?: string;
  readonly scopes: readonly string[] | null;
  readonly expiresAt: string | null;
  readonly tokenType: string;
  readonly lastFour: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  /**
   * Git tokens saved before accounts were kept apart: the runtimes they were added to. Newer
   * records keep `usedOn` instead, and the account-scoped view (account-scoped-vault.ts) shows the
   * active account's list here.
   */
  readonly runtimes: readonly string[];
  /**
   * API keys: the Codefresh account the key belongs to (`me.activeAccount.id`, docs/platform-contract.md);
   * app-proxy addresses: the account they were set for.
   */
  readonly accountId?: string;
  /** Git tokens: the runtimes each Codefresh account (by id) was given this token on ("used on"). */
  readonly usedOn?: Readonly<Record<string, readonly string[]>>;
  /** Which fields the ciphertext is bound to (envelope.ts `recordAad`); absent on older records. */
  readonly bound?: 2;
}

export type NewRecord = Omit<RecordMeta, 'id' | 'createdAt' | 'lastUsedAt' | 'lastFour' | 'bound'>;

/**
 * Metadata that may change without touching the ciphertext. `addRuntimes` and `dropRuntimes` are
 * applied to the record as it is inside the vault's queue, so two callers adding at once both count
 * (`runtimes` replaces the list with one read earlier, and loses what another caller added since).
 */
export type MetaPatch = Partial<
  Pick<RecordMeta, 'runtimes' | 'login' | 'scopes' | 'expiresAt' | 'username' | 'accountId'>
> & {
  readonly addRuntimes?: readonly string[];
  readonly dropRuntimes?: readonly string[];
  /**
   * The Codefresh account whose "used on" list `runtimes`, `addRuntimes` and `dropRuntimes` change
   * (`usedOn[account]`). A record without `usedOn` first gives its older `runtimes` to this account:
   * it was saved while only one account existed (account-scoped-vault.ts claims them earlier).
   */
  readonly account?: string;
};

/** Metadata that may change when the secret itself is replaced (a rotated key or token). */
export type SecretPatch = MetaPatch & Partial<Pick<RecordMeta, 'tokenType'>>;

export type ListedRecord = RecordMeta & {
  /**
   * Git tokens, as the account-scoped view lists them (account-scoped-vault.ts): the other
   * signed-in accounts whose runtimes use this token too. Revoking it anywhere reaches them.
   */
  readonly usedByOtherAccounts?: readonly string[];
  /** Set when the record cannot be read; the UI offers to remove it. Never dropped silently. */
  readonly unreadable?: { readonly code: string; readonly message: string };
};

export interface VaultStatus {
  readonly mode: 'device' | 'passphrase';
  readonly locked: boolean;
  readonly autoLockMinutes: number;
  /** Set when nothing saved can be read (damaged header, newer format): only erasing helps. */
  readonly unreadable?: { readonly code: string; readonly message: string };
}

export interface TokenVault {
  status(): Promise<VaultStatus>;
  /** Metadata only; works while locked. Corrupt records are flagged `unreadable`, never dropped. */
  list(kind?: SecretKind): Promise<readonly ListedRecord[]>;
  /** Encrypts and stores a new record; returns its id. `lastFour` is derived here. */
  save(secret: string, meta: NewRecord): Promise<string>;
  /** Runs `fn` with the plaintext; it never leaves the callback. Updates `lastUsedAt`. */
  withSecret<T>(id: string, fn: (secret: string) => Promise<T>): Promise<T>;
  updateMeta(id: string, patch: MetaPatch): Promise<void>;
  /** Re-encrypts a record with a new secret (API key rotation, replace everywhere). */
  replaceSecret(id: string, secret: string, patch?: SecretPatch): Promise<void>;
  /** Deletes a record; works while locked and on unreadable records; a missing id is not an error. */
  remove(id: string): Promise<void>;
  /**
   * Saves `secret` as the only record of its kind for `meta.apiUrl` and `meta.accountId` (the API
   * key of one account on a platform), replacing a readable one in place and removing any other,
   * in one queued operation.
   */
  saveOnly(secret: string, meta: NewRecord): Promise<string>;
  /** Removes every record of `kind` in one queued operation (sign-out: every API key). */
  removeKind(kind: SecretKind): Promise<void>;
  lock(): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  enablePassphrase(passphrase: string): Promise<void>;
  disablePassphrase(passphrase: string): Promise<void>;
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>;
  setAutoLockMinutes(minutes: number): Promise<void>;
  /** User activity: pushes the auto-lock back. */
  touch(): void;
  /**
   * Deletes every record, the header and the device key: the way out after a forgotten passphrase
   * or a lost device key. Only on an explicit user request.
   */
  reset(): Promise<void>;
}

/** The parts of `browser.storage.local` / `browser.storage.session` the vault uses. */
export interface StorageAreaLike {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The parts of `browser.alarms` the vault uses. */
export interface AlarmsLike {
  create(name: string, info: { delayInMinutes: number }): unknown;
  clear(name: string): Promise<unknown>;
}
