import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import {
  dataKeyAad,
  importDataKey,
  open,
  openText,
  recordAad,
} from '../../../../src/background/vault/envelope';
import { HEADER_KEY, REKEY_PREFIX, recordKey } from '../../../../src/background/vault/vault-keys';
import type { StorageAreaLike } from '../../../../src/background/vault/vault-types';
import {
  GITHUB_SECRET,
  GITLAB_SECRET,
  githubMeta,
  gitlabMeta,
  makeHarness,
  PASSPHRASE,
  read,
} from './vault-harness';

type Stored = { meta: { id: string; kind: string; provider: string | null; apiUrl: string }; secret: string };

/** What someone who copied the profile in device mode holds: storage.local and the IndexedDB key. */
const snapshot = async (h: ReturnType<typeof makeHarness>) => {
  const [deviceKey] = (await h.idbValues()) as CryptoKey[];
  const header = (await h.local())[HEADER_KEY] as { dataKey: string };
  return { deviceKey: deviceKey!, wrappedDataKey: header.dataKey };
};

/** Tries to read a record as it is stored now with the data key from an old copy of the profile. */
const openWithOldCopy = async (copy: Awaited<ReturnType<typeof snapshot>>, stored: Stored) => {
  const raw = await open(copy.deviceKey, copy.wrappedDataKey, dataKeyAad({ mode: 'device' }));
  return openText(await importDataKey(raw), stored.secret, recordAad(stored.meta));
};

/** storage.local where one chosen write never happens: the browser closed in the middle of it. */
const crashingStorage = () => {
  let crashesOn: ((items: Record<string, unknown>) => boolean) | null = null;
  const local = fakeBrowser.storage.local;
  const storage: StorageAreaLike = {
    get: (keys) => local.get(keys as never),
    async set(items) {
      if (crashesOn?.(items)) {
        crashesOn = null;
        throw new Error('the browser closed');
      }
      await local.set(items);
    },
    remove: (keys) => local.remove(keys),
  };
  return { storage, crashOn: (when: (items: Record<string, unknown>) => boolean) => (crashesOn = when) };
};

const stagedKeys = async (h: ReturnType<typeof makeHarness>) =>
  Object.keys(await h.local()).filter((k) => k.startsWith(REKEY_PREFIX));

describe('token vault: a new data key with every passphrase', () => {
  it('leaves a device-mode copy of the profile unable to read anything written after the passphrase is on', async () => {
    const h = makeHarness();
    const before = await h.vault.save(GITHUB_SECRET, githubMeta());
    const copy = await snapshot(h);
    // The copy does read what existed when it was taken: the check below is a real one.
    expect(await openWithOldCopy(copy, (await h.local())[recordKey(before)] as Stored)).toBe(GITHUB_SECRET);

    await h.vault.enablePassphrase(PASSPHRASE);
    const after = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    const local = await h.local();
    await expect(openWithOldCopy(copy, local[recordKey(after)] as Stored)).rejects.toThrow();
    await expect(openWithOldCopy(copy, local[recordKey(before)] as Stored)).rejects.toThrow();
    expect(await read(h.vault, before)).toBe(GITHUB_SECRET);
    expect(await read(h.vault, after)).toBe(GITLAB_SECRET);
    expect(await stagedKeys(h)).toEqual([]);
  });

  it('puts a new data key in place on a passphrase change too', async () => {
    const h = makeHarness();
    await h.vault.enablePassphrase(PASSPHRASE);
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const oldDataKey = ((await h.local())[HEADER_KEY] as { dataKey: string }).dataKey;
    await h.vault.changePassphrase(PASSPHRASE, 'another long passphrase');
    expect(((await h.local())[HEADER_KEY] as { dataKey: string }).dataKey).not.toBe(oldDataKey);
    await h.restartBrowser();
    await h.vault.unlock('another long passphrase');
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
  });

  it('keeps a record the old key could not open as it was (still unreadable, still listed)', async () => {
    const h = makeHarness();
    const good = await h.vault.save(GITHUB_SECRET, githubMeta());
    const bad = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    const damaged = (await h.local())[recordKey(bad)] as Stored;
    await fakeBrowser.storage.local.set({
      [recordKey(bad)]: { ...damaged, secret: damaged.secret.slice(0, -4) },
    });
    await h.vault.enablePassphrase(PASSPHRASE);
    expect(((await h.local())[recordKey(bad)] as Stored).secret).toBe(damaged.secret.slice(0, -4));
    const listed = await h.vault.list();
    expect(listed.map((r) => [r.id, r.unreadable?.code ?? 'ok'])).toEqual(
      expect.arrayContaining([
        [good, 'ok'],
        [bad, 'vault-record-unreadable'],
      ]),
    );
  });

  it('leaves the old state readable when the browser closes before the new header is written', async () => {
    const { storage, crashOn } = crashingStorage();
    const h = makeHarness({ storage });
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    crashOn((items) => (items[HEADER_KEY] as { mode?: string } | undefined)?.mode === 'passphrase');
    await expect(h.vault.enablePassphrase(PASSPHRASE)).rejects.toThrow('the browser closed');
    expect((await stagedKeys(h)).length).toBeGreaterThan(0); // it did stop half way

    await h.restartBrowser();
    expect(await h.vault.status()).toMatchObject({ mode: 'device', locked: false });
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    expect(await stagedKeys(h)).toEqual([]);
  });

  it('finishes the switch when the browser closes after the new header was written', async () => {
    const { storage, crashOn } = crashingStorage();
    const h = makeHarness({ storage });
    const a = await h.vault.save(GITHUB_SECRET, githubMeta());
    const b = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    crashOn((items) => recordKey(a) in items);
    await expect(h.vault.enablePassphrase(PASSPHRASE)).rejects.toThrow('the browser closed');
    expect((await h.local())[HEADER_KEY]).toMatchObject({ mode: 'passphrase' });

    await h.restartBrowser();
    expect(await h.vault.status()).toMatchObject({ mode: 'passphrase', locked: true });
    await h.vault.unlock(PASSPHRASE);
    expect(await read(h.vault, a)).toBe(GITHUB_SECRET);
    expect(await read(h.vault, b)).toBe(GITLAB_SECRET);
    expect(await stagedKeys(h)).toEqual([]);
    expect(await h.idbValues()).toEqual([]); // the device key it replaced is gone too
  });
});
