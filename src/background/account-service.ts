import { parseGitProvider } from '../providers/registry';
import { AppFailure } from '../shared/errors';
import { text } from '../shared/i18n';
import type { SignedInUser } from '../shared/messages/status';
import { readStored, STORED, writeStored } from './storage-keys';

/** Who the stored API key belongs to: not secret, so it lives in storage.local beside the vault. */
export type AccountSummary = SignedInUser;

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

/** The slice of the vault that holds the API key: at most one record per platform origin. */
export interface ApiKeyVault {
  list(kind: 'codefresh-api-key'): Promise<readonly { readonly id: string; readonly apiUrl: string }[]>;
  /** Saves the key as the only one for `meta.apiUrl`, inside the vault's queue. */
  saveOnly(
    secret: string,
    meta: {
      kind: 'codefresh-api-key';
      provider: null;
      apiUrl: string;
      login: string | null;
      scopes: null;
      expiresAt: null;
      tokenType: string;
      runtimes: readonly string[];
    },
  ): Promise<string>;
  withSecret<T>(id: string, fn: (secret: string) => Promise<T>): Promise<T>;
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
   * `storage.session` (trusted contexts only): the summary as the platform last answered it for the
   * saved key, so what steers a request (the account's Git API URL) never comes from page-writable
   * `storage.local`. Without it every verified read asks the platform.
   */
  readonly session?: KeyValueArea;
}

const SUMMARY = STORED.accountSummary;
const VERIFIED = STORED.accountVerified;

/** Refuses text that cannot be an API key before it reaches the network. */
const cleanApiKey = (raw: string): string => {
  const key = raw.trim();
  if (key.length === 0) throw new AppFailure('api-key-empty', text('accountApiKeyEmpty'));
  if (/\s/.test(key) || /[^\x21-\x7e]/.test(key)) {
    throw new AppFailure('api-key-malformed', text('accountApiKeyMalformed'));
  }
  return key;
};

const toSummary = (me: MeAnswer): AccountSummary => ({
  userId: me.id,
  name: me.name,
  email: me.email,
  accountId: me.activeAccount?.id ?? '',
  // go-sdk models_gen.go: Account.name is nullable; the id then names the account.
  accountName: me.activeAccount?.name || me.activeAccount?.id || '',
  gitProvider: parseGitProvider(me.activeAccount?.gitProvider),
  gitApiUrl: me.activeAccount?.gitApiUrl ?? null,
});

/**
 * The user's Codefresh API key: checked with `me` before it is stored, kept in the vault, and
 * only replaced once a new one is verified, so a mistyped key never locks the user out.
 */
export const createAccountService = (deps: AccountServiceDeps) => {
  /** The key saved for the platform in use; a key of another platform is never sent here. */
  const keyRecord = async () => {
    const origin = deps.platformOrigin();
    return (await deps.vault.list('codefresh-api-key')).find((r) => r.apiUrl === origin);
  };

  /**
   * Each key's record is bound to the platform origin it was saved for (the origin is in the
   * record's authenticated data). The platform in use is read from `storage.local`, which content
   * scripts can write: a key saved for another platform than the one in use means the settings were
   * changed outside the extension (leaving a platform forgets its key), so nothing is sent, not even
   * a newly typed key, and the user is told.
   */
  const refuseIfMoved = async () => {
    const origin = deps.platformOrigin();
    const keys = await deps.vault.list('codefresh-api-key');
    const elsewhere = keys.find((r) => r.apiUrl !== origin);
    if (elsewhere && !keys.some((r) => r.apiUrl === origin)) {
      throw new AppFailure(
        'settings-changed-outside',
        text('settingsChangedOutside', [origin, elsewhere.apiUrl]),
      );
    }
  };

  return {
    async setApiKey(raw: string): Promise<SignedInUser> {
      const apiKey = cleanApiKey(raw);
      await refuseIfMoved();
      const summary = toSummary(await deps.me(apiKey));
      const recordId = await deps.vault.saveOnly(apiKey, {
        kind: 'codefresh-api-key',
        provider: null,
        apiUrl: deps.platformOrigin(),
        login: summary.email,
        scopes: null,
        expiresAt: null,
        tokenType: 'codefresh-api-key',
        runtimes: [],
      });
      await writeStored(deps.storage, SUMMARY, summary);
      if (deps.session) await writeStored(deps.session, VERIFIED, { recordId, summary });
      return summary;
    },

    /**
     * The summary to act on (user id, the account's Git provider and API URL): from
     * `storage.session` when it belongs to the saved key, else asked of the platform with the key.
     * `summary()` (page-writable `storage.local`) is for display only.
     */
    async verifiedSummary(): Promise<AccountSummary | null> {
      await refuseIfMoved();
      const record = await keyRecord();
      if (!record) return null;
      const cached = deps.session ? await readStored(deps.session, VERIFIED) : undefined;
      if (cached?.recordId === record.id) return cached.summary;
      const summary = toSummary(await deps.vault.withSecret(record.id, (key) => deps.me(key)));
      if (deps.session) await writeStored(deps.session, VERIFIED, { recordId: record.id, summary });
      await writeStored(deps.storage, SUMMARY, summary);
      return summary;
    },

    /**
     * The verified summary together with `alone(key)`'s answer, as one platform request when `me`
     * must be asked (a new session): `withMe(key)` asks the platform for both (the first list,
     * docs/platform-contract.md §3e). Null when no key is saved for the platform in use.
     */
    async verifiedWith<T>(
      alone: (apiKey: string) => Promise<T>,
      withMe: (apiKey: string) => Promise<{ readonly me: MeAnswer; readonly value: T }>,
    ): Promise<{ readonly summary: AccountSummary; readonly value: T } | null> {
      await refuseIfMoved();
      const record = await keyRecord();
      if (!record) return null;
      const cached = deps.session ? await readStored(deps.session, VERIFIED) : undefined;
      if (cached?.recordId === record.id) {
        return { summary: cached.summary, value: await deps.vault.withSecret(record.id, alone) };
      }
      const { me, value } = await deps.vault.withSecret(record.id, withMe);
      const summary = toSummary(me);
      if (deps.session) await writeStored(deps.session, VERIFIED, { recordId: record.id, summary });
      await writeStored(deps.storage, SUMMARY, summary);
      return { summary, value };
    },

    async summary(): Promise<AccountSummary | null> {
      return (await readStored(deps.storage, SUMMARY)) ?? null;
    },

    /** Runs `fn` with the API key; the key never leaves the callback's duration on purpose. */
    async withApiKey<T>(fn: (apiKey: string) => Promise<T>): Promise<T> {
      const record = await keyRecord();
      if (!record) {
        await refuseIfMoved();
        const link = `${deps.platformOrigin()}/user/settings`;
        throw new AppFailure('no-api-key', text('accountApiKeyFirstCreateAt', [link]), { link });
      }
      return deps.vault.withSecret(record.id, fn);
    },

    /** The summary and its verified copy go by their declaration (platform-switch.ts `leavePlatform`). */
    async signOut(): Promise<void> {
      // Every API key, not only the first: a second one (two pages saving at once, an older
      // platform) would otherwise survive and be sent on.
      await deps.vault.removeKind('codefresh-api-key');
    },
  };
};

export type AccountService = ReturnType<typeof createAccountService>;
