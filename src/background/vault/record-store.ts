import { openText, recordAad, sealText } from './envelope';
import type { KeyCustody } from './key-custody';
import { hasCode } from './key-wrapping';
import { vaultErrors } from './vault-errors';
import { RECORD_PREFIX, recordKey } from './vault-keys';
import { parseMeta, parseRecord, placeholderMeta, RECORD_ID, type StoredRecord } from './vault-layout';
import { SECRET_MAX_LENGTH } from './vault-policy';
import type {
  ListedRecord,
  MetaPatch,
  NewRecord,
  RecordMeta,
  SecretKind,
  SecretPatch,
  StorageAreaLike,
} from './vault-types';

export interface RecordStoreDeps {
  readonly storage: StorageAreaLike;
  readonly custody: Pick<KeyCustody, 'readHeader' | 'headerOrNew' | 'dataKeyFor' | 'noteActivity'>;
  readonly now: () => number;
}

const checkSecret = (secret: unknown): string => {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > SECRET_MAX_LENGTH) {
    throw vaultErrors.secretInvalid();
  }
  return secret;
};

/** Only the patchable fields, copied, each checked; anything else in `patch` is ignored. */
const applyPatch = (meta: RecordMeta, patch: SecretPatch): RecordMeta => {
  const next: Record<string, unknown> = { ...meta };
  for (const field of ['login', 'scopes', 'expiresAt', 'username', 'tokenType', 'accountId'] as const) {
    if (field in patch) next[field] = patch[field];
  }
  const edit = (list: readonly string[]) => {
    const drop = new Set(Array.isArray(patch.dropRuntimes) ? patch.dropRuntimes : []);
    const add = Array.isArray(patch.addRuntimes) ? patch.addRuntimes : [];
    const base = Array.isArray(patch.runtimes) ? patch.runtimes : list;
    return [...new Set([...base, ...add])].filter((name) => !drop.has(name));
  };
  if (typeof patch.account === 'string' && patch.account.length > 0) {
    // Per-account "used on" lists; an older record's single list becomes this account's.
    const usedOn = meta.usedOn ?? (meta.runtimes.length > 0 ? { [patch.account]: meta.runtimes } : {});
    next.usedOn = { ...usedOn, [patch.account]: edit(usedOn[patch.account] ?? []) };
    next.runtimes = [];
  } else if ('runtimes' in patch && !Array.isArray(patch.runtimes)) {
    next.runtimes = patch.runtimes; // refused by parseMeta below
  } else {
    next.runtimes = edit(meta.runtimes);
  }
  if (Array.isArray(next.scopes)) next.scopes = [...next.scopes];
  if (next.username === undefined) delete next.username;
  const checked = parseMeta(next, meta.id);
  if (!checked) throw vaultErrors.metaInvalid();
  return checked;
};

const unreadable = (code = 'vault-record-unreadable') => {
  const failure = code === 'vault-corrupt' ? vaultErrors.corrupt() : vaultErrors.recordUnreadable();
  return { code: failure.appError.code, message: failure.appError.message };
};

/**
 * The records: one storage key each, the secret sealed with the data key and bound (AAD) to the
 * record's id, kind, provider, API URL, login, username and runtimes (envelope.ts `recordAad`).
 * Every method runs inside the vault's queue.
 */
export const createRecordStore = (deps: RecordStoreDeps) => {
  // Methods call each other; `store` is the object returned below.
  const { storage, custody, now } = deps;
  /** Records already checked to decrypt, keyed by everything their AAD and ciphertext depend on. */
  const verified = new Map<string, boolean>();

  const readStored = async (id: string): Promise<unknown> => {
    if (typeof id !== 'string' || !RECORD_ID.test(id)) throw vaultErrors.recordMissing();
    const value = (await storage.get(recordKey(id)))[recordKey(id)];
    if (value === undefined) throw vaultErrors.recordMissing();
    return value;
  };

  const verifyKey = (record: StoredRecord) =>
    JSON.stringify([
      record.meta.id,
      record.meta.kind,
      record.meta.provider,
      record.meta.apiUrl,
      record.meta.login,
      record.meta.username ?? null,
      record.meta.runtimes,
      record.meta.accountId ?? null,
      record.meta.usedOn ?? null,
      record.meta.bound ?? null,
      record.secret,
    ]);

  /** Seals `secret` for `meta` under the current binding (envelope.ts `recordAad`) and stores it. */
  const sealAndWrite = async (key: CryptoKey, secret: string, meta: RecordMeta) => {
    const bound: RecordMeta = { ...meta, bound: 2 };
    const next = { meta: bound, secret: await sealText(key, secret, recordAad(bound)) };
    await writeRecord(next);
    verified.set(verifyKey(next), true);
  };

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
    storage.set({ [recordKey(record.meta.id)]: { meta: record.meta, secret: record.secret } });

  /** The record `id` with its data key, ready to decrypt or re-seal. */
  const openable = async (id: string) => {
    const value = await readStored(id);
    const header = await custody.readHeader();
    if (!header) throw vaultErrors.recordUnreadable();
    const key = await custody.dataKeyFor(header);
    const record = parseRecord(value, id);
    if (!record) throw vaultErrors.recordUnreadable();
    return { header, key, record };
  };

  const store = {
    async list(kind?: SecretKind): Promise<readonly ListedRecord[]> {
      const all = await storage.get(null);
      const header = await custody.readHeader();
      // Check ciphertexts when the key is at hand (never while locked); metadata is listed regardless.
      let key: CryptoKey | null = null;
      let keyProblem: string | null = header ? null : 'vault-record-unreadable';
      if (header) {
        try {
          key = await custody.dataKeyFor(header);
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
        // Which binding a record has is the vault's business, not its readers'.
        const { bound: _binding, ...meta } = record.meta;
        listed.push(problem ? { ...meta, unreadable: unreadable(problem) } : meta);
      }
      return listed
        .filter((r) => kind === undefined || r.kind === kind)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },

    async save(secret: string, meta: NewRecord): Promise<string> {
      checkSecret(secret);
      const header = await custody.headerOrNew();
      const key = await custody.dataKeyFor(header);
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
          ...(meta.accountId !== undefined ? { accountId: meta.accountId } : {}),
          ...(meta.usedOn !== undefined ? { usedOn: { ...meta.usedOn } } : {}),
        },
        id,
      );
      if (!full) throw vaultErrors.metaInvalid();
      await sealAndWrite(key, secret, full);
      await custody.noteActivity(header);
      return id;
    },

    /** The plaintext of `id`; the vault hands it to a callback outside the queue. */
    async readSecret(id: string): Promise<string> {
      const { header, key, record } = await openable(id);
      const plaintext = await decrypt(key, record);
      const meta = { ...record.meta, lastUsedAt: now() };
      // A record from before binding 2 is bound to its login, username and runtimes now.
      if (record.meta.bound === 2) await writeRecord({ meta, secret: record.secret });
      else await sealAndWrite(key, plaintext, meta);
      await custody.noteActivity(header);
      return plaintext;
    },

    /**
     * The runtimes, login and username are bound to the ciphertext: changing them re-seals it (so
     * the vault must be unlocked). Other metadata changes without touching the ciphertext.
     */
    async updateMeta(id: string, patch: MetaPatch): Promise<void> {
      const record = parseRecord(await readStored(id), id);
      if (!record) throw vaultErrors.recordUnreadable();
      const meta = applyPatch(record.meta, patch);
      if (record.meta.bound === 2 && recordAad(meta).join() === recordAad(record.meta).join()) {
        await writeRecord({ meta, secret: record.secret });
        return;
      }
      const opened = await openable(id);
      await sealAndWrite(opened.key, await decrypt(opened.key, opened.record), meta);
    },

    async replaceSecret(id: string, secret: string, patch: SecretPatch = {}): Promise<void> {
      checkSecret(secret);
      // The old ciphertext need not open (this is also how a damaged record is repaired), but the
      // metadata must, since it decides where the new secret is bound.
      const { header, key, record } = await openable(id);
      await sealAndWrite(key, secret, { ...applyPatch(record.meta, patch), lastFour: secret.slice(-4) });
      await custody.noteActivity(header);
    },

    async remove(id: string): Promise<void> {
      if (typeof id !== 'string' || id.length === 0 || id.length > 200) return;
      await storage.remove(recordKey(id));
    },

    /**
     * Saves `secret` as the one record of its kind for `meta.apiUrl` and `meta.accountId` (one
     * Codefresh account on one platform): a readable one is re-encrypted in place (same id), every
     * other one for that pair is removed. Inside the queue, so two pages saving at once leave one
     * record, not two.
     */
    async saveOnly(secret: string, meta: NewRecord): Promise<string> {
      const same = (await store.list(meta.kind)).filter(
        (r) => r.apiUrl === meta.apiUrl && r.accountId === meta.accountId,
      );
      const reusable = same.find((r) => !r.unreadable);
      if (reusable) await store.replaceSecret(reusable.id, secret, { login: meta.login });
      const id = reusable?.id ?? (await store.save(secret, meta));
      for (const record of same) if (record.id !== id) await store.remove(record.id);
      return id;
    },

    /** Removes every record of `kind`, unreadable ones included. */
    async removeKind(kind: SecretKind): Promise<void> {
      for (const record of await store.list(kind)) await store.remove(record.id);
    },

    /** After an erase: no verdict about an old ciphertext is kept. */
    forget() {
      verified.clear();
    },
  };
  return store;
};

export type RecordStore = ReturnType<typeof createRecordStore>;
