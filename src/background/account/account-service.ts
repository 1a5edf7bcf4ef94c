import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { AccountChoice, SignedInUser } from '../../shared/messages/status';
import { readStored, STORED, type StoredKey, writeStored } from '../storage/storage-keys';
import type { PerAccount } from '../storage/stored-values';
import {
  type AccountServiceDeps,
  type AccountSummary,
  type ApiKeyRecord,
  cleanApiKey,
  type KeyValueArea,
  type MeAnswer,
  toSummary,
} from './account-summary';

export type {
  AccountServiceDeps,
  AccountSummary,
  ApiKeyVault,
  KeyValueArea,
  MeAnswer,
} from './account-summary';

/** The display summary of the key in use: the popup watches it for a sign-in finishing while open. */
const SUMMARY = STORED.accountSummary;
/** Each key's summary for display (storage.local), and as the platform answered it (storage.session). */
const SUMMARIES = STORED.accountSummaries;
const VERIFIED = STORED.accountVerified;
const ACTIVE = STORED.activeAccount;

/**
 * The user's Codefresh API keys, one per account: each checked with `me` before it is stored
 * (`me.activeAccount` is the account the key belongs to, docs/platform-contract.md), kept in the
 * vault, and only replaced once a new one is verified, so a mistyped key never locks the user out.
 *
 * Which key is in use is a record id in `storage.local`. Pages can write there, so it is only a
 * choice among the keys saved for the platform in use: a rewritten choice picks another of the
 * user's own accounts on that platform, never a key of another platform, and an unknown id picks
 * the oldest key.
 */
export const createAccountService = (deps: AccountServiceDeps) => {
  type Summaries = StoredKey<PerAccount<AccountSummary>>;
  const mapIn = async (
    area: KeyValueArea | undefined,
    entry: Summaries,
  ): Promise<PerAccount<AccountSummary>> => (area ? await readStored(area, entry) : undefined) ?? {};
  const putIn = async (
    area: KeyValueArea | undefined,
    entry: Summaries,
    id: string,
    s: AccountSummary | null,
  ) => {
    if (!area) return;
    const { [id]: _dropped, ...rest } = await mapIn(area, entry);
    await writeStored(area, entry, s ? { ...rest, [id]: s } : rest);
  };

  /** The keys saved for the platform in use, oldest first; a key of another platform is never sent here. */
  const keysHere = async () => {
    const origin = deps.platformOrigin();
    return (await deps.vault.list('codefresh-api-key')).filter((r) => r.apiUrl === origin);
  };

  const activeRecord = async (): Promise<ApiKeyRecord | undefined> => {
    const keys = await keysHere();
    const chosen = await readStored(deps.storage, ACTIVE);
    return keys.find((r) => r.id === chosen) ?? keys[0];
  };

  /**
   * Each key's record is bound to the platform origin it was saved for (the origin is in the
   * record's authenticated data). The platform in use is read from `storage.local`, which content
   * scripts can write: a key saved for another platform than the one in use means the settings were
   * changed outside the extension (leaving a platform forgets its keys), so nothing is sent, not even
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

  /** Remembers what the platform said about `record`'s key, and which account it belongs to. */
  const remember = async (record: ApiKeyRecord, summary: AccountSummary) => {
    await putIn(deps.session, VERIFIED, record.id, summary);
    await putIn(deps.storage, SUMMARIES, record.id, summary);
    if (record.accountId === undefined && summary.accountId) {
      await deps.vault.updateMeta(record.id, { accountId: summary.accountId }).catch(() => {});
    }
  };

  /** What the platform says about `record`'s key: from storage.session when known, else `me`. */
  const verify = async (record: ApiKeyRecord): Promise<AccountSummary> => {
    const cached = (await mapIn(deps.session, VERIFIED))[record.id];
    if (cached) return cached;
    const summary = toSummary(await deps.vault.withSecret(record.id, (key) => deps.me(key)));
    await remember(record, summary);
    return summary;
  };

  /** Keys saved before each was tied to its account learn theirs, so a second one is never a duplicate. */
  const adoptUntied = async () => {
    for (const record of await keysHere()) {
      if (record.accountId === undefined) await verify(record).catch(() => {});
    }
  };

  /** Puts `record` in use (none: no key left), with its display summary where the popup looks. */
  const choose = async (record: ApiKeyRecord | undefined) => {
    if (!record) {
      await deps.storage.remove(ACTIVE.key);
      await deps.storage.remove(SUMMARY.key);
      return;
    }
    await writeStored(deps.storage, ACTIVE, record.id);
    const summary = (await mapIn(deps.storage, SUMMARIES))[record.id];
    if (summary) await writeStored(deps.storage, SUMMARY, summary);
  };

  const service = {
    async setApiKey(raw: string): Promise<SignedInUser> {
      const apiKey = cleanApiKey(raw);
      await refuseIfMoved();
      const summary = toSummary(await deps.me(apiKey));
      await adoptUntied();
      const other = (await keysHere()).find((r) => r.accountId && r.accountId !== summary.accountId);
      if (other?.accountId) await deps.beforeSecondAccount?.(other.accountId);
      const record = {
        id: await deps.vault.saveOnly(apiKey, {
          kind: 'codefresh-api-key',
          provider: null,
          apiUrl: deps.platformOrigin(),
          login: summary.email,
          scopes: null,
          expiresAt: null,
          tokenType: 'codefresh-api-key',
          runtimes: [],
          accountId: summary.accountId,
        }),
        apiUrl: deps.platformOrigin(),
        accountId: summary.accountId,
      };
      await remember(record, summary);
      await choose(record);
      return summary;
    },

    /**
     * The summary to act on (user id, the account's Git provider and API URL) for the key in use:
     * from `storage.session` when the platform said it this session, else asked of the platform
     * with the key. `summary()` (page-writable `storage.local`) is for display only.
     */
    async verifiedSummary(): Promise<AccountSummary | null> {
      await refuseIfMoved();
      const record = await activeRecord();
      if (!record) return null;
      const summary = await verify(record);
      await writeStored(deps.storage, SUMMARY, summary);
      return summary;
    },

    /**
     * The verified summary of the key in use together with `alone(key)`'s answer, as one platform
     * request when `me` must be asked (a new session): `withMe(key)` asks the platform for both
     * (the first list, docs/platform-contract.md §3e). Both use the same key. Null when no key is
     * saved for the platform in use.
     */
    async verifiedWith<T>(
      alone: (apiKey: string) => Promise<T>,
      withMe: (apiKey: string) => Promise<{ readonly me: MeAnswer; readonly value: T }>,
    ): Promise<{ readonly summary: AccountSummary; readonly value: T } | null> {
      await refuseIfMoved();
      const record = await activeRecord();
      if (!record) return null;
      const cached = (await mapIn(deps.session, VERIFIED))[record.id];
      if (cached) return { summary: cached, value: await deps.vault.withSecret(record.id, alone) };
      const { me, value } = await deps.vault.withSecret(record.id, withMe);
      const summary = toSummary(me);
      await remember(record, summary);
      await writeStored(deps.storage, SUMMARY, summary);
      return { summary, value };
    },

    /** The account whose runtimes and "used on" lists are shown: the platform's word when it can be had. */
    async activeAccountId(): Promise<string | null> {
      const record = await activeRecord();
      if (!record) return null;
      return verify(record).then(
        (s) => s.accountId || null,
        () => record.accountId ?? null,
      );
    },

    /**
     * The account of the key in use as already known (this session's `me` answer, else the account
     * sealed with the key, account-summary.ts), without asking the platform again: for reads that
     * run beside the first list's own `me` request (app-proxy-overrides.ts). A key from before
     * keys were tied to their account is asked about once.
     */
    async knownAccountId(): Promise<string | null> {
      const record = await activeRecord();
      if (!record) return null;
      const cached = (await mapIn(deps.session, VERIFIED))[record.id];
      return cached?.accountId || record.accountId || service.activeAccountId();
    },

    /** Who the key in use belongs to, for display. */
    async summary(): Promise<AccountSummary | null> {
      const record = await activeRecord();
      if (!record) return null;
      const known = (await mapIn(deps.storage, SUMMARIES))[record.id];
      // A key saved before several were kept: its summary is the single one of then.
      return known ?? (await readStored(deps.storage, SUMMARY)) ?? null;
    },

    /** Every account with a key on the platform in use, for the switcher (no secret in it). */
    async accounts(): Promise<readonly AccountChoice[]> {
      const [keys, active, known] = await Promise.all([
        keysHere(),
        activeRecord(),
        mapIn(deps.storage, SUMMARIES),
      ]);
      const current = await service.summary();
      return keys.map((r) => {
        const s = known[r.id] ?? (r.id === active?.id ? current : null);
        return {
          id: r.id,
          accountId: s?.accountId ?? r.accountId ?? '',
          accountName: s?.accountName || s?.accountId || r.accountId || r.id,
          active: r.id === active?.id,
        };
      });
    },

    /** Makes the key `recordId` the one in use; only a key saved for this platform can be chosen. */
    async switchTo(recordId: string): Promise<SignedInUser> {
      await refuseIfMoved();
      const record = (await keysHere()).find((r) => r.id === recordId);
      if (!record) throw new AppFailure('account-missing', text('accountMissing'));
      const summary = await verify(record);
      await choose(record);
      return summary;
    },

    /** Runs `fn` with the API key in use; the key never leaves the callback's duration on purpose. */
    async withApiKey<T>(fn: (apiKey: string) => Promise<T>): Promise<T> {
      const record = await activeRecord();
      if (!record) {
        await refuseIfMoved();
        const link = `${deps.platformOrigin()}/user/settings`;
        throw new AppFailure('no-api-key', text('accountApiKeyFirstCreateAt', [link]), { link });
      }
      return deps.vault.withSecret(record.id, fn);
    },

    /**
     * Forgets one account's key (`recordId`, else the one in use) and its summaries; when it was in
     * use, the next remaining account (oldest first) takes its place. Returns the account id signed
     * out of, so its cached runtimes go too.
     */
    async signOut(recordId?: string): Promise<string | null> {
      const active = await activeRecord();
      const record = recordId === undefined ? active : (await keysHere()).find((r) => r.id === recordId);
      if (!record) return null;
      const known = (await mapIn(deps.storage, SUMMARIES))[record.id];
      const summary = known ?? (record.id === active?.id ? await service.summary() : null);
      await deps.vault.remove(record.id);
      await putIn(deps.storage, SUMMARIES, record.id, null);
      await putIn(deps.session, VERIFIED, record.id, null);
      const left = await keysHere();
      if (record.id === active?.id || left.length === 0) await choose(left[0]);
      return record.accountId ?? summary?.accountId ?? null;
    },

    /** Leaving the platform or erasing: every API key, of every platform, and every summary. */
    async signOutAll(): Promise<void> {
      // Every API key, not only the first: a second one (two pages saving at once, an older
      // platform) would otherwise survive and be sent on.
      await deps.vault.removeKind('codefresh-api-key');
      for (const entry of [SUMMARY, SUMMARIES, ACTIVE]) await deps.storage.remove(entry.key);
      await deps.session?.remove(VERIFIED.key);
    },
  };
  return service;
};

export type AccountService = ReturnType<typeof createAccountService>;
