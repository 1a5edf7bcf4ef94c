import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import {
  HEADER_KEY,
  LEGACY_RECORDS_KEY,
  RECORD_PREFIX,
  recordKey,
} from '../../../../src/background/vault/vault-keys';
import {
  runMigrations,
  VAULT_MIGRATIONS,
  VAULT_SCHEMA_VERSION,
  type VaultMigration,
} from '../../../../src/background/vault/vault-migrations';
import type { StorageAreaLike } from '../../../../src/background/vault/vault-types';
import {
  codeOf,
  GITHUB_SECRET,
  GITLAB_SECRET,
  githubMeta,
  gitlabMeta,
  makeHarness,
  TEST_ITERATIONS,
} from './vault-harness';

const local = fakeBrowser.storage.local as StorageAreaLike;

/** Rewrites the current layout into schema 1: every record in one `vault.records` array. */
const downgradeToV1 = async (extra: unknown[] = []) => {
  const all = (await local.get(null)) as Record<string, unknown>;
  const recordKeys = Object.keys(all).filter((k) => k.startsWith(RECORD_PREFIX));
  await local.set({
    [LEGACY_RECORDS_KEY]: [...recordKeys.map((k) => all[k]), ...extra],
    [HEADER_KEY]: { ...(all[HEADER_KEY] as object), schema: 1 },
  });
  await local.remove(recordKeys);
};

/** Migrations that log their order and bump the header like real ones. */
const step = (from: number, log: number[], gate?: Promise<void>): VaultMigration => ({
  from,
  to: from + 1,
  why: `test step ${from}`,
  async run(storage) {
    await gate;
    log.push(from);
    const header = (await storage.get(HEADER_KEY))[HEADER_KEY] as object;
    await storage.set({ [`migrated.${from}`]: true, [HEADER_KEY]: { ...header, schema: from + 1 } });
  },
});

describe('vault migrations', () => {
  it('form one contiguous chain ending at the current schema, and every step has a test below', () => {
    expect(VAULT_MIGRATIONS.map((m) => [m.from, m.to])).toEqual(
      Array.from({ length: VAULT_SCHEMA_VERSION - 1 }, (_, i) => [i + 1, i + 2]),
    );
    const tested = [1]; // keep in step with the describe blocks named "migration N → N+1"
    expect(VAULT_MIGRATIONS.map((m) => m.from)).toEqual(tested);
  });

  it('run in order, one step at a time, whatever order the list is in', async () => {
    await local.set({ [HEADER_KEY]: { schema: 1 } });
    const log: number[] = [];
    await runMigrations(local, [step(3, log), step(1, log), step(2, log)], 4);
    expect(log).toEqual([1, 2, 3]);
    expect(((await local.get(HEADER_KEY))[HEADER_KEY] as { schema: number }).schema).toBe(4);
    // Already current: nothing runs again.
    await runMigrations(local, [step(3, log), step(1, log), step(2, log)], 4);
    expect(log).toEqual([1, 2, 3]);
  });

  it('refuse a gap in the chain, a step that does not commit, and a newer schema', async () => {
    await local.set({ [HEADER_KEY]: { schema: 1 } });
    expect(await codeOf(runMigrations(local, [step(2, [])], 3))).toBe('vault-corrupt');
    const lazy: VaultMigration = { from: 1, to: 2, why: 'forgets the header', run: async () => {} };
    expect(await codeOf(runMigrations(local, [lazy], 2))).toBe('vault-corrupt');
    await local.set({ [HEADER_KEY]: { schema: VAULT_SCHEMA_VERSION + 1 } });
    expect(await codeOf(runMigrations(local))).toBe('vault-format-unsupported');
    await local.set({ [HEADER_KEY]: { schema: 'two' } });
    expect(await codeOf(runMigrations(local))).toBe('vault-corrupt');
  });

  it('finish before the vault reads or writes anything', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const log: number[] = [];
    const migrations = [...VAULT_MIGRATIONS, step(2, log, gate)];
    const vault = createWith(h, migrations, 3);
    let settled = false;
    const listed = vault.list().then((r) => {
      settled = true;
      return r;
    });
    const read = vault.withSecret(id, async (s) => s);
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    expect(log).toEqual([]);
    release();
    expect((await listed).map((r) => r.id)).toEqual([id]);
    expect(await read).toBe(GITHUB_SECRET);
    expect(log).toEqual([2]);
    expect((await local.get('migrated.2'))['migrated.2']).toBe(true);
  });

  it('leave a vault from a newer extension untouched and refuse to use it', async () => {
    const h = makeHarness();
    await h.vault.save(GITHUB_SECRET, githubMeta());
    await local.set({ [HEADER_KEY]: { schema: VAULT_SCHEMA_VERSION + 1, future: true } });
    const before = await h.local();
    const vault = h.restartWorker();
    expect(await codeOf(vault.list())).toBe('vault-format-unsupported');
    expect(await codeOf(vault.save(GITLAB_SECRET, gitlabMeta()))).toBe('vault-format-unsupported');
    expect(await h.local()).toEqual(before);
  });

  describe('migration 1 → 2 (one storage key per record)', () => {
    it('moves schema-1 records to their own keys and reads them through the API', async () => {
      const h = makeHarness();
      const a = await h.vault.save(GITHUB_SECRET, githubMeta());
      const b = await h.vault.save(GITLAB_SECRET, gitlabMeta());
      await downgradeToV1();
      expect(Object.keys(await h.local()).sort()).toEqual([HEADER_KEY, LEGACY_RECORDS_KEY]);

      const vault = h.restartWorker();
      expect((await vault.list()).map((r) => r.id).sort()).toEqual([a, b].sort());
      expect(await vault.withSecret(a, async (s) => s)).toBe(GITHUB_SECRET);
      expect(await vault.withSecret(b, async (s) => s)).toBe(GITLAB_SECRET);
      const stored = await h.local();
      expect(Object.keys(stored).sort()).toEqual([HEADER_KEY, recordKey(a), recordKey(b)].sort());
      expect((stored[HEADER_KEY] as { schema: number }).schema).toBe(2);
    });

    it('keeps entries it cannot place as unreadable records instead of dropping them', async () => {
      const h = makeHarness();
      const a = await h.vault.save(GITHUB_SECRET, githubMeta());
      await downgradeToV1([{ meta: { login: 'no id' }, secret: 'v1.x.y' }, 'garbage']);
      const listed = await h.restartWorker().list();
      expect(listed.map((r) => [r.id, r.unreadable?.code ?? 'ok'])).toEqual([
        ['legacy-1', 'vault-record-unreadable'],
        ['legacy-2', 'vault-record-unreadable'],
        [a, 'ok'],
      ]);
    });

    it('runs again to completion after being interrupted half way', async () => {
      const h = makeHarness();
      const a = await h.vault.save(GITHUB_SECRET, githubMeta());
      await downgradeToV1();
      let failHeader = true;
      const flaky: StorageAreaLike = {
        get: (keys) => local.get(keys),
        remove: (keys) => local.remove(keys),
        async set(items) {
          if (failHeader && HEADER_KEY in items) {
            failHeader = false;
            throw new Error('worker stopped');
          }
          await local.set(items);
        },
      };
      await expect(runMigrations(flaky)).rejects.toThrow('worker stopped');
      expect(((await local.get(HEADER_KEY))[HEADER_KEY] as { schema: number }).schema).toBe(1);
      await runMigrations(flaky);
      const vault = h.restartWorker();
      expect((await vault.list()).map((r) => r.id)).toEqual([a]);
      expect(await vault.withSecret(a, async (s) => s)).toBe(GITHUB_SECRET);
      expect(await h.local()).not.toHaveProperty(LEGACY_RECORDS_KEY);
    });

    it('handles a schema-1 vault with no records', async () => {
      await local.set({ [HEADER_KEY]: { schema: 1, mode: 'device' } });
      await runMigrations(local);
      expect((await local.get(null)) as object).toEqual({ [HEADER_KEY]: { schema: 2, mode: 'device' } });
    });
  });
});

const createWith = (
  h: ReturnType<typeof makeHarness>,
  migrations: readonly VaultMigration[],
  schemaVersion: number,
) =>
  createTokenVault({
    storage: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    keyStore: createDeviceKeyStore(h.idb),
    alarms: fakeBrowser.alarms,
    now: () => h.clock.now,
    kdfIterations: TEST_ITERATIONS,
    testOnlyKdfFloor: TEST_ITERATIONS,
    migrations,
    schemaVersion,
  });
