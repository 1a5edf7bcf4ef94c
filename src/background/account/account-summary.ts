import { parseGitProvider } from '../../providers/registry';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { SignedInUser } from '../../shared/messages/status';
import type { NewRecord } from '../vault/vault-types';

/** Who a stored API key belongs to: not secret, so it lives in storage.local beside the vault. */
export type AccountSummary = SignedInUser;

/** What `me` answers for an API key; `activeAccount` is the account the key belongs to (docs/platform-contract.md). */
export interface MeAnswer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly activeAccount: {
    readonly id: string;
    /** Nullable in go-sdk models_gen.go (`Name *string`). */
    readonly name: string | null;
    readonly gitProvider?: string | null;
    readonly gitApiUrl?: string | null;
  } | null;
}

/** Refuses text that cannot be an API key before it reaches the network. */
export const cleanApiKey = (raw: string): string => {
  const key = raw.trim();
  if (key.length === 0) throw new AppFailure('api-key-empty', text('accountApiKeyEmpty'));
  if (/\s/.test(key) || /[^\x21-\x7e]/.test(key)) {
    throw new AppFailure('api-key-malformed', text('accountApiKeyMalformed'));
  }
  return key;
};

export const toSummary = (me: MeAnswer): AccountSummary => ({
  userId: me.id,
  name: me.name,
  email: me.email,
  accountId: me.activeAccount?.id ?? '',
  // go-sdk models_gen.go: Account.name is nullable; the id then names the account.
  accountName: me.activeAccount?.name || me.activeAccount?.id || '',
  gitProvider: parseGitProvider(me.activeAccount?.gitProvider),
  gitApiUrl: me.activeAccount?.gitApiUrl ?? null,
});

export interface ApiKeyRecord {
  readonly id: string;
  readonly apiUrl: string;
  /** The account the key belongs to; absent on keys saved before several were kept. */
  readonly accountId?: string;
}

/** The slice of the vault that holds API keys: at most one record per (platform origin, account). */
export interface ApiKeyVault {
  list(kind: 'codefresh-api-key'): Promise<readonly ApiKeyRecord[]>;
  /** Saves the key as the only one for `meta.apiUrl` and `meta.accountId`, inside the vault's queue. */
  saveOnly(secret: string, meta: NewRecord & { kind: 'codefresh-api-key' }): Promise<string>;
  withSecret<T>(id: string, fn: (secret: string) => Promise<T>): Promise<T>;
  updateMeta(id: string, patch: { accountId: string }): Promise<void>;
  remove(id: string): Promise<void>;
  /** Every API key record, of every platform, in one queued operation. */
  removeKind(kind: 'codefresh-api-key'): Promise<void>;
}

export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface AccountServiceDeps {
  readonly vault: ApiKeyVault;
  readonly me: (apiKey: string) => Promise<MeAnswer>;
  readonly storage: KeyValueArea;
  /** Read at call time: the user may switch to a self-hosted platform. */
  readonly platformOrigin: () => string;
  /**
   * `storage.session` (trusted contexts only): each key's summary as the platform last answered it,
   * so what steers a request (the account's Git API URL) never comes from page-writable
   * `storage.local`. Without it every verified read asks the platform.
   */
  readonly session?: KeyValueArea;
  /** A second account is being added: what was kept for one account only now belongs to `accountId`. */
  readonly beforeSecondAccount?: (accountId: string) => Promise<void>;
}
