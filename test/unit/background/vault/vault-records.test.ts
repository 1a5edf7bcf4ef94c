import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { dataKeyAad, seal, toBase64 } from '../../../../src/background/vault/envelope';
import { HEADER_KEY, recordKey } from '../../../../src/background/vault/vault-keys';
import type { StorageAreaLike } from '../../../../src/background/vault/vault-types';
import {
  codeOf,
  editStored,
  GITHUB_SECRET,
  GITLAB_SECRET,
  githubMeta,
  gitlabMeta,
  makeHarness,
  PASSPHRASE,
  read,
} from './vault-harness';

describe('token vault: device mode', () => {
  it('saves, lists metadata with lastFour, and gives the secret back only inside a callback', async () => {
    const { vault, clock } = makeHarness();
    const id = await vault.save(GITHUB_SECRET, githubMeta({ username: 'octo@example.com' }));
    const [listed] = await vault.list();
    expect(listed).toEqual({
      ...githubMeta({ username: 'octo@example.com' }),
      id,
      lastFour: GITHUB_SECRET.slice(-4),
      createdAt: clock.now,
      lastUsedAt: null,
    });
    clock.now += 5_000;
    expect(await vault.withSecret(id, async (secret) => secret === GITHUB_SECRET)).toBe(true);
    expect((await vault.list())[0]!.lastUsedAt).toBe(clock.now);
    expect(await vault.status()).toEqual({ mode: 'device', locked: false, autoLockMinutes: 15 });
  });

  it('stores each record under its own key in storage.local, never in storage.sync', async () => {
    const h = makeHarness();
    const a = await h.vault.save(GITHUB_SECRET, githubMeta());
    const b = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    expect(Object.keys(await h.local()).sort()).toEqual([HEADER_KEY, recordKey(a), recordKey(b)].sort());
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('filters by kind', async () => {
    const { vault } = makeHarness();
    await vault.save(GITHUB_SECRET, githubMeta());
    await vault.save('cf-api-key-VAULTTEST-9999', {
      kind: 'codefresh-api-key',
      provider: null,
      apiUrl: 'https://g.codefresh.io',
      login: 'me@example.com',
      scopes: null,
      expiresAt: null,
      tokenType: 'codefresh-api-key',
      runtimes: [],
    });
    expect((await vault.list('codefresh-api-key')).map((r) => r.lastFour)).toEqual(['9999']);
    expect((await vault.list('git-token')).map((r) => r.provider)).toEqual(['GITHUB']);
    expect(await vault.list()).toHaveLength(2);
  });

  it('survives a worker restart: the device key in IndexedDB unwraps the data key again', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.restartBrowser();
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
  });

  it('keeps the device key non-extractable in IndexedDB', async () => {
    const h = makeHarness();
    await h.vault.save(GITHUB_SECRET, githubMeta());
    const values = await h.idbValues();
    expect(values).toHaveLength(1);
    expect(values[0]).toBeInstanceOf(CryptoKey);
    expect((values[0] as CryptoKey).extractable).toBe(false);
  });

  it('updates metadata outside the binding without touching the ciphertext, and re-seals bound fields', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const before = (await h.local())[recordKey(id)] as { secret: string };
    await h.vault.updateMeta(id, { expiresAt: '2031-01-01T00:00:00.000Z', scopes: ['repo', 'workflow'] });
    expect(((await h.local())[recordKey(id)] as { secret: string }).secret).toBe(before.secret);
    await h.vault.updateMeta(id, {
      runtimes: ['prod', 'staging'],
      login: 'hubot',
      username: 'u@example.com',
    });
    const after = (await h.local())[recordKey(id)] as { secret: string; meta: Record<string, unknown> };
    expect(after.secret).not.toBe(before.secret);
    expect(after.meta).toMatchObject({
      runtimes: ['prod', 'staging'],
      login: 'hubot',
      username: 'u@example.com',
    });
    expect(await codeOf(h.vault.updateMeta(id, { runtimes: 'prod' as unknown as string[] }))).toBe(
      'vault-meta-invalid',
    );
    // Fields outside the patch type (they are bound into the AAD) are ignored, not written.
    await h.vault.updateMeta(id, { apiUrl: 'https://evil.test' } as never);
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    expect(await codeOf(h.vault.updateMeta('nope', { runtimes: [] }))).toBe('vault-record-missing');
  });

  it('replaces a secret with a fresh ciphertext and lastFour', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const before = (await h.local())[recordKey(id)] as { secret: string };
    const rotated = 'ghp_VAULTTESTrotated0000000000000000000ZZZZ';
    await h.vault.replaceSecret(id, rotated, { tokenType: 'github-fine-grained', scopes: null });
    const after = (await h.local())[recordKey(id)] as { secret: string };
    expect(after.secret).not.toBe(before.secret);
    expect(await read(h.vault, id)).toBe(rotated);
    expect((await h.vault.list())[0]).toMatchObject({
      lastFour: 'ZZZZ',
      tokenType: 'github-fine-grained',
      scopes: null,
    });
    expect(await codeOf(h.vault.replaceSecret('missing', rotated))).toBe('vault-record-missing');
  });

  it('removes records (also unreadable ones), and removing a missing id is not an error', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.remove(id);
    await h.vault.remove(id);
    expect(await h.vault.list()).toEqual([]);
    expect(await codeOf(read(h.vault, id))).toBe('vault-record-missing');
  });

  it('refuses empty or oversized secrets and invalid metadata without writing anything', async () => {
    const h = makeHarness();
    expect(await codeOf(h.vault.save('', githubMeta()))).toBe('vault-secret-invalid');
    expect(await codeOf(h.vault.save('x'.repeat(9000), githubMeta()))).toBe('vault-secret-invalid');
    expect(await codeOf(h.vault.save(GITHUB_SECRET, githubMeta({ provider: 'SVN' as never })))).toBe(
      'vault-meta-invalid',
    );
    expect(await h.vault.list()).toEqual([]);
  });

  it('reports the device key going missing as vault-corrupt, lists records as unreadable, and reset recovers', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await createDeviceKeyStore(h.idb).delete();
    h.restartWorker();
    expect(await codeOf(read(h.vault, id))).toBe('vault-corrupt');
    const [listed] = await h.vault.list();
    expect(listed).toMatchObject({ id, unreadable: { code: 'vault-corrupt' } });
    expect(await codeOf(h.vault.save(GITLAB_SECRET, gitlabMeta()))).toBe('vault-corrupt');
    await h.vault.reset();
    expect(await h.local()).toEqual({});
    const fresh = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    expect(await read(h.vault, fresh)).toBe(GITLAB_SECRET);
  });

  it("answers the vault's own vault-corrupt when the device key opens a data key of the wrong length", async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const deviceKey = (await createDeviceKeyStore(h.idb).get())!;
    const short = await seal(deviceKey, new Uint8Array(16), dataKeyAad({ mode: 'device' }));
    await editStored(HEADER_KEY, (header) => ({ ...header, dataKey: short }));
    h.restartWorker();
    await expect(read(h.vault, id)).rejects.toMatchObject({
      appError: {
        code: 'vault-corrupt',
        message: expect.stringMatching(/^Saved tokens cannot be read on this device/),
      },
    });
  });
});

describe('token vault: tampering and corruption', () => {
  it('refuses two records whose ciphertexts were swapped', async () => {
    const h = makeHarness();
    const a = await h.vault.save(GITHUB_SECRET, githubMeta());
    const b = await h.vault.save(
      'ghp_VAULTTESTsecondGITHUB00000000000000CCCC',
      githubMeta({ login: 'other' }),
    );
    const stored = await h.local();
    const ctA = (stored[recordKey(a)] as { secret: string }).secret;
    const ctB = (stored[recordKey(b)] as { secret: string }).secret;
    await editStored(recordKey(a), (v) => ({ ...v, secret: ctB }));
    await editStored(recordKey(b), (v) => ({ ...v, secret: ctA }));
    h.restartWorker();
    expect(await codeOf(read(h.vault, a))).toBe('vault-record-unreadable');
    expect(await codeOf(read(h.vault, b))).toBe('vault-record-unreadable');
  });

  it('refuses a record whose API URL was edited in storage (the token would go to another host)', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await editStored(recordKey(id), (v) => ({
      ...v,
      meta: { ...(v.meta as object), apiUrl: 'https://evil.test' },
    }));
    expect(await codeOf(read(h.vault, id))).toBe('vault-record-unreadable');
  });

  it('reports a corrupt record as unreadable while the others keep working, and drops nothing', async () => {
    const h = makeHarness();
    const good = await h.vault.save(GITHUB_SECRET, githubMeta());
    const bad = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    const garbage = await h.vault.save(
      'ghp_VAULTTESTthird000000000000000000000DDDD',
      githubMeta({ login: 'third' }),
    );
    await editStored(recordKey(bad), (v) => {
      const secret = v.secret as string;
      const flipped = secret.slice(0, -6) + (secret.at(-6) === 'A' ? 'B' : 'A') + secret.slice(-5);
      return { ...v, secret: flipped };
    });
    await fakeBrowser.storage.local.set({
      [recordKey(garbage)]: 'not a record',
      [recordKey('legacy-7')]: { meta: 1 },
    });
    h.restartWorker();

    const failure = await h.vault.withSecret(bad, async () => 'never').catch((e: unknown) => e);
    expect(failure).toMatchObject({ appError: { code: 'vault-record-unreadable' } });
    expect((failure as Error).message).toMatch(/cannot be read.*Remove it/);
    expect(await read(h.vault, good)).toBe(GITHUB_SECRET);

    const listed = await h.vault.list();
    expect(listed.map((r) => r.id).sort()).toEqual([good, bad, garbage, 'legacy-7'].sort());
    expect(listed.find((r) => r.id === good)!.unreadable).toBeUndefined();
    for (const id of [bad, garbage, 'legacy-7']) {
      expect(listed.find((r) => r.id === id)!.unreadable).toMatchObject({ code: 'vault-record-unreadable' });
    }
    // Saving another record overwrites none of them.
    await h.vault.save('ghp_VAULTTESTfourth00000000000000000000EEEE', githubMeta());
    expect(await h.vault.list()).toHaveLength(5);
    await h.vault.remove('legacy-7');
    await h.vault.remove(garbage);
    expect(await h.vault.list()).toHaveLength(3);
  });

  it('refuses a damaged header as vault-corrupt (status says so) and a newer envelope as unreadable', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await editStored(recordKey(id), (v) => ({ ...v, secret: (v.secret as string).replace(/^v1\./, 'v2.') }));
    expect(await codeOf(read(h.vault, id))).toBe('vault-record-unreadable');
    await editStored(HEADER_KEY, (v) => ({ ...v, dataKey: 'garbage' }));
    h.restartWorker();
    expect(await codeOf(h.vault.list())).toBe('resolved');
    expect(await codeOf(h.vault.save(GITHUB_SECRET, githubMeta()))).toBe('vault-corrupt');
    await fakeBrowser.storage.local.set({ [HEADER_KEY]: { schema: 2, mode: 'cloud' } });
    expect((await h.vault.status()).unreadable?.code).toBe('vault-corrupt');
  });
});

describe('token vault: concurrency', () => {
  it('keeps both records when two saves run at once, and a save racing updateMeta loses nothing', async () => {
    const h = makeHarness();
    const first = await h.vault.save('ghp_VAULTTESTzero00000000000000000000000000', githubMeta());
    const [a, b, , c] = await Promise.all([
      h.vault.save(GITHUB_SECRET, githubMeta()),
      h.vault.save(GITLAB_SECRET, gitlabMeta()),
      h.vault.updateMeta(first, { runtimes: ['x', 'y'] }),
      h.vault.save('ghp_VAULTTESTthird000000000000000000000DDDD', githubMeta()),
    ]);
    const listed = await h.vault.list();
    expect(listed.map((r) => r.id).sort()).toEqual([first, a, b, c].sort());
    expect(listed.find((r) => r.id === first)!.runtimes).toEqual(['x', 'y']);
    expect(await read(h.vault, b)).toBe(GITLAB_SECRET);
  });

  it('applies every one of many racing read-modify-writes on one record over a slow storage', async () => {
    // Reads resolve out of order, so without the queue the later write would carry stale metadata.
    const local = fakeBrowser.storage.local;
    let turn = 0;
    const slow: StorageAreaLike = {
      get: async (keys) => {
        const delay = (turn++ * 7) % 5;
        await new Promise((r) => setTimeout(r, delay));
        return local.get(keys);
      },
      set: (items) => local.set(items),
      remove: (keys) => local.remove(keys),
    };
    const h = makeHarness({ storage: slow });
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await Promise.all([
      h.vault.updateMeta(id, { runtimes: ['a'] }),
      h.vault.updateMeta(id, { login: 'renamed' }),
      h.vault.updateMeta(id, { username: 'u@example.com' }),
      h.vault.withSecret(id, async (s) => s),
      h.vault.updateMeta(id, { expiresAt: '2040-01-01T00:00:00.000Z' }),
      h.vault.save(GITLAB_SECRET, gitlabMeta()),
    ]);
    const record = (await h.vault.list()).find((r) => r.id === id)!;
    expect(record).toMatchObject({
      runtimes: ['a'],
      login: 'renamed',
      username: 'u@example.com',
      expiresAt: '2040-01-01T00:00:00.000Z',
      lastUsedAt: h.clock.now,
    });
    expect(await h.vault.list()).toHaveLength(2);
  });

  it('lets writers on different records touch different keys only', async () => {
    // Two workers never run at once, but two writers on different records never share a key.
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const other = h.vault;
    const second = h.restartWorker();
    await Promise.all([other.updateMeta(id, { login: 'one' }), second.save(GITLAB_SECRET, gitlabMeta())]);
    expect(await second.list()).toHaveLength(2);
  });
});

describe('token vault: nothing in the clear', () => {
  it('writes no plaintext secret to storage.local, storage.session, storage.sync or IndexedDB', async () => {
    const h = makeHarness();
    const secrets = [GITHUB_SECRET, GITLAB_SECRET, 'ghp_VAULTTESTrotated0000000000000000000ZZZZ'];
    const a = await h.vault.save(secrets[0]!, githubMeta());
    await h.vault.save(secrets[1]!, gitlabMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    await h.vault.replaceSecret(a, secrets[2]!);
    await read(h.vault, a);
    await h.vault.changePassphrase(PASSPHRASE, 'another long passphrase');
    const dumps = [
      JSON.stringify(await h.local()),
      JSON.stringify(await h.session()),
      JSON.stringify(await fakeBrowser.storage.sync.get(null)),
    ];
    await h.vault.disablePassphrase('another long passphrase');
    dumps.push(JSON.stringify(await h.local()), JSON.stringify(await h.session()));
    for (const value of await h.idbValues()) {
      expect(value).toBeInstanceOf(CryptoKey);
      expect((value as CryptoKey).extractable).toBe(false);
    }
    const encoder = new TextEncoder();
    for (const secret of [...secrets, PASSPHRASE, 'another long passphrase']) {
      const bytes = encoder.encode(secret);
      const forms = [
        secret,
        secret.slice(0, -4), // everything but the shown last four
        toBase64(bytes),
        toBase64(bytes).replace(/=+$/, ''),
        Buffer.from(bytes).toString('hex'),
      ];
      for (const dump of dumps) for (const form of forms) expect(dump).not.toContain(form);
    }
  });

  it('puts no secret in any error message', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await editStored(recordKey(id), (v) => ({
      ...v,
      secret: `${(v.secret as string).slice(0, -8)}AAAAAAA=`,
    }));
    const errors = [
      await h.vault.withSecret(id, async () => 0).catch((e: unknown) => e),
      await h.vault.replaceSecret('bad id!', GITHUB_SECRET).catch((e: unknown) => e),
      await h.vault.save(`${GITHUB_SECRET}${'x'.repeat(9000)}`, githubMeta()).catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).not.toContain(GITHUB_SECRET.slice(0, 12));
    }
  });
});
