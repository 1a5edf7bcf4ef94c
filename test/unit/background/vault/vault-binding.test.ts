// Issue 21, finding 5: a saved record's runtimes, login and username decide where its token goes
// (Replace everywhere puts a new token on the runtimes listed; Bitbucket sends the username beside
// it), so they are bound to the ciphertext (AAD) like its kind, provider and API URL.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { recordAad, sealText } from '../../../../src/background/vault/envelope';
import { recordKey } from '../../../../src/background/vault/vault-keys';
import { codeOf, GITHUB_SECRET, githubMeta, makeHarness, read } from './vault-harness';

type Stored = { meta: Record<string, unknown>; secret: string };

const tamper = async (h: ReturnType<typeof makeHarness>, id: string, change: (s: Stored) => Stored) => {
  const stored = (await h.local())[recordKey(id)] as Stored;
  await fakeBrowser.storage.local.set({ [recordKey(id)]: change(stored) });
};

describe("a saved record's runtimes, login and username are bound to its ciphertext", () => {
  it.each([
    ['runtimes', { runtimes: ['prod', 'other-team-runtime'] }],
    ['login', { login: 'mallory' }],
    ['username', { username: 'mallory@example.com' }],
  ])(
    'a %s changed in storage makes the record unreadable instead of steering the token',
    async (_, change) => {
      const h = makeHarness();
      const id = await h.vault.save(GITHUB_SECRET, githubMeta({ username: 'octo@example.com' }));
      await tamper(h, id, (s) => ({ ...s, meta: { ...s.meta, ...change } }));
      const vault = h.restartWorker();
      expect(await codeOf(read(vault, id))).toBe('vault-record-unreadable');
      expect((await vault.list())[0]?.unreadable?.code).toBe('vault-record-unreadable');
    },
  );

  it('cannot be undone by removing the binding mark (the older binding does not open it)', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await tamper(h, id, (s) => {
      const { bound: _, ...meta } = s.meta;
      return { ...s, meta: { ...meta, runtimes: ['other-team-runtime'] } };
    });
    expect(await codeOf(read(h.restartWorker(), id))).toBe('vault-record-unreadable');
  });

  it('binds a record written before binding 2 when it is next read', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    // The data key, as WebCrypto is handed it when the record is read (it is not extractable).
    let key: CryptoKey | null = null;
    const decrypt = crypto.subtle.decrypt.bind(crypto.subtle);
    crypto.subtle.decrypt = async (algorithm, k, data) => {
      key = k;
      return decrypt(algorithm, k, data);
    };
    try {
      await read(h.vault, id);
    } finally {
      crypto.subtle.decrypt = decrypt;
    }
    // Rewrite the record as an older version wrote it: sealed with the first binding, no mark.
    const stored = (await h.local())[recordKey(id)] as Stored;
    const { bound: _, ...meta } = stored.meta;
    const legacy = await sealText(key!, GITHUB_SECRET, recordAad(meta as never));
    await tamper(h, id, () => ({ meta, secret: legacy }));

    expect(await read(h.restartWorker(), id)).toBe(GITHUB_SECRET);
    const upgraded = (await h.local())[recordKey(id)] as Stored;
    expect(upgraded.meta.bound).toBe(2);
    await tamper(h, id, (s) => ({ ...s, meta: { ...s.meta, runtimes: ['other-team-runtime'] } }));
    expect(await codeOf(read(h.restartWorker(), id))).toBe('vault-record-unreadable');
  });

  it('still adds runtimes through the vault (re-sealed), and the record reads afterwards', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.updateMeta(id, { addRuntimes: ['staging'] });
    const vault = h.restartWorker();
    expect((await vault.list())[0]).toMatchObject({ runtimes: ['prod', 'staging'] });
    expect((await vault.list())[0]?.unreadable).toBeUndefined();
    expect(await read(vault, id)).toBe(GITHUB_SECRET);
  });
});
