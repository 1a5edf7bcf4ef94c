import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { dataKeyAad, seal, toBase64 } from '../../../../src/background/vault/envelope';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import { AUTO_LOCK_ALARM, HEADER_KEY, recordKey } from '../../../../src/background/vault/vault-layout';
import { PBKDF2_MIN_ITERATIONS } from '../../../../src/background/vault/vault-policy';
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

const PASSPHRASE = 'correct horse battery staple';
const read = (
  vault: { withSecret: <T>(id: string, fn: (s: string) => Promise<T>) => Promise<T> },
  id: string,
) => vault.withSecret(id, async (s) => s);

const editStored = async (key: string, edit: (value: Record<string, unknown>) => Record<string, unknown>) => {
  const value = (await fakeBrowser.storage.local.get(key))[key] as Record<string, unknown>;
  await fakeBrowser.storage.local.set({ [key]: edit(value) });
};

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

  it('updates metadata without touching the ciphertext, also while locked', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const before = (await h.local())[recordKey(id)] as { secret: string };
    await h.vault.updateMeta(id, {
      runtimes: ['prod', 'staging'],
      login: 'hubot',
      username: 'u@example.com',
    });
    const after = (await h.local())[recordKey(id)] as { secret: string; meta: Record<string, unknown> };
    expect(after.secret).toBe(before.secret);
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

  it('refuses a damaged header as vault-corrupt and a newer envelope as unreadable', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await editStored(recordKey(id), (v) => ({ ...v, secret: (v.secret as string).replace(/^v1\./, 'v2.') }));
    expect(await codeOf(read(h.vault, id))).toBe('vault-record-unreadable');
    await editStored(HEADER_KEY, (v) => ({ ...v, dataKey: 'garbage' }));
    h.restartWorker();
    expect(await codeOf(h.vault.list())).toBe('resolved');
    expect(await codeOf(h.vault.save(GITHUB_SECRET, githubMeta()))).toBe('vault-corrupt');
    await fakeBrowser.storage.local.set({ [HEADER_KEY]: { schema: 2, mode: 'cloud' } });
    expect(await codeOf(h.vault.status())).toBe('vault-corrupt');
  });
});

describe('token vault: passphrase mode', () => {
  it('switches device → passphrase → device keeping every record and the same ciphertexts', async () => {
    const h = makeHarness();
    const a = await h.vault.save(GITHUB_SECRET, githubMeta());
    const b = await h.vault.save(GITLAB_SECRET, gitlabMeta());
    const recordsBefore = await h.local();
    await h.vault.enablePassphrase(PASSPHRASE);
    expect(await h.vault.status()).toEqual({ mode: 'passphrase', locked: false, autoLockMinutes: 15 });
    expect(await h.idbValues()).toEqual([]); // the device key wraps nothing any more
    expect(await read(h.vault, a)).toBe(GITHUB_SECRET);
    await h.vault.lock();
    await h.vault.unlock(PASSPHRASE);
    await h.vault.disablePassphrase(PASSPHRASE);
    expect(await h.vault.status()).toMatchObject({ mode: 'device', locked: false });
    await h.restartBrowser();
    expect(await read(h.vault, a)).toBe(GITHUB_SECRET);
    expect(await read(h.vault, b)).toBe(GITLAB_SECRET);
    const after = await h.local();
    for (const id of [a, b]) {
      expect((after[recordKey(id)] as { secret: string }).secret).toBe(
        (recordsBefore[recordKey(id)] as { secret: string }).secret,
      );
    }
  });

  it('makes withSecret fail after lock until unlock, and save too', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    await h.vault.lock();
    expect(await h.vault.status()).toMatchObject({ locked: true });
    let ran = false;
    expect(
      await codeOf(
        h.vault.withSecret(id, async () => {
          ran = true;
        }),
      ),
    ).toBe('vault-locked');
    expect(ran).toBe(false);
    expect(await codeOf(h.vault.save(GITLAB_SECRET, gitlabMeta()))).toBe('vault-locked');
    expect(await codeOf(h.vault.replaceSecret(id, GITLAB_SECRET))).toBe('vault-locked');
    // Metadata stays readable and editable while locked.
    expect((await h.vault.list()).map((r) => r.id)).toEqual([id]);
    await h.vault.updateMeta(id, { runtimes: [] });
    expect(await h.session()).toEqual({});
    await h.vault.unlock(PASSPHRASE);
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
  });

  it('refuses a wrong passphrase with one generic message, everywhere', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    await h.vault.lock();
    const messages = new Set<string>();
    for (const attempt of [
      () => h.vault.unlock('wrong passphrase!'),
      () => h.vault.unlock(`${PASSPHRASE} `),
      () => h.vault.unlock(''),
      () => h.vault.disablePassphrase('wrong passphrase!'),
      () => h.vault.changePassphrase('wrong passphrase!', 'a new passphrase'),
    ]) {
      const error = (await attempt().catch((e: unknown) => e)) as {
        appError: { code: string; message: string };
      };
      expect(error.appError.code).toBe('vault-wrong-passphrase');
      messages.add(error.appError.message);
    }
    expect(messages.size).toBe(1);
    expect([...messages][0]).not.toContain('wrong passphrase!');
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
  });

  it('changes the passphrase by re-wrapping the data key only', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    const header1 = (await h.local())[HEADER_KEY] as { kdf: { salt: string } };
    await h.vault.changePassphrase(PASSPHRASE, 'another long passphrase');
    const header2 = (await h.local())[HEADER_KEY] as { kdf: { salt: string } };
    expect(header2.kdf.salt).not.toBe(header1.kdf.salt);
    await h.restartBrowser();
    expect(await codeOf(h.vault.unlock(PASSPHRASE))).toBe('vault-wrong-passphrase');
    await h.vault.unlock('another long passphrase');
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
  });

  it('refuses short passphrases and enabling twice', async () => {
    const h = makeHarness();
    expect(await codeOf(h.vault.enablePassphrase('short'))).toBe('vault-passphrase-too-short');
    expect(await codeOf(h.vault.enablePassphrase('x'.repeat(2000)))).toBe('vault-passphrase-too-long');
    await h.vault.enablePassphrase(PASSPHRASE);
    expect(await codeOf(h.vault.enablePassphrase(PASSPHRASE))).toBe('vault-passphrase-set');
    expect(await codeOf(h.vault.changePassphrase(PASSPHRASE, 'short'))).toBe('vault-passphrase-too-short');
  });

  it('stores the KDF parameters with a random 16-byte salt and refuses a header below the floor', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    const header = (await h.local())[HEADER_KEY] as {
      kdf: { name: string; iterations: number; salt: string };
    };
    expect(header.kdf).toMatchObject({ name: 'PBKDF2-HMAC-SHA256', iterations: TEST_ITERATIONS });
    expect(atob(header.kdf.salt)).toHaveLength(16);
    await h.vault.lock();
    await editStored(HEADER_KEY, (v) => ({ ...v, kdf: { ...header.kdf, iterations: TEST_ITERATIONS - 1 } }));
    expect(await codeOf(h.vault.unlock(PASSPHRASE))).toBe('vault-kdf-too-weak');
    expect(await codeOf(h.vault.disablePassphrase(PASSPHRASE))).toBe('vault-kdf-too-weak');
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
    // Raising the count back to the floor does not help: the parameters are bound into the AAD.
    await editStored(HEADER_KEY, (v) => ({ ...v, kdf: { ...header.kdf, iterations: TEST_ITERATIONS + 1 } }));
    expect(await codeOf(h.vault.unlock(PASSPHRASE))).toBe('vault-wrong-passphrase');
  });

  it('enforces the production floor by default: 600,000 iterations, a weaker header is refused', async () => {
    const h = makeHarness({ kdfIterations: undefined, testOnlyKdfFloor: undefined });
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    const header = (await h.local())[HEADER_KEY] as { kdf: { iterations: number } };
    expect(header.kdf.iterations).toBe(PBKDF2_MIN_ITERATIONS);
    expect(PBKDF2_MIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    await h.restartBrowser();
    await h.vault.unlock(PASSPHRASE);
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    await h.vault.lock();
    await editStored(HEADER_KEY, (v) => ({ ...v, kdf: { ...(v.kdf as object), iterations: 599_999 } }));
    expect(await codeOf(h.vault.unlock(PASSPHRASE))).toBe('vault-kdf-too-weak');
    // Asking for fewer iterations than the floor for new headers is refused too.
    const weak = makeHarness({ kdfIterations: 10_000, testOnlyKdfFloor: undefined });
    await fakeBrowser.storage.local.clear();
    expect(await codeOf(weak.vault.enablePassphrase(PASSPHRASE))).toBe('vault-kdf-too-weak');
  }, 30_000);

  it('stays unlocked across a worker restart (storage.session) and locks on browser restart', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    h.restartWorker();
    expect(await h.vault.status()).toMatchObject({ locked: false });
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    await h.restartBrowser();
    expect(await h.vault.status()).toMatchObject({ locked: true });
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
  });

  it('ignores a session key that belongs to another wrapped key or is malformed', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    await fakeBrowser.storage.session.set({ 'vault.session.for': 'v1.other.wrapped' });
    h.restartWorker();
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
    await h.vault.unlock(PASSPHRASE);
    await fakeBrowser.storage.session.set({ 'vault.session.dataKey': toBase64(new Uint8Array(16)) });
    h.restartWorker();
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
  });
});

describe('token vault: auto-lock', () => {
  it('schedules the alarm on unlock, locks when it fires, and ignores other alarms', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toMatchObject({ name: AUTO_LOCK_ALARM });
    expect(await h.vault.handleAlarm('something-else')).toBe(false);
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    expect(await h.vault.handleAlarm(AUTO_LOCK_ALARM)).toBe(true);
    expect(await h.vault.status()).toMatchObject({ locked: true });
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
    expect(await h.session()).toEqual({});
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
  });

  it('uses the user-set idle minutes, and touch() pushes the lock back', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    expect(await codeOf(h.vault.setAutoLockMinutes(0))).toBe('vault-auto-lock-invalid');
    expect(await codeOf(h.vault.setAutoLockMinutes(2.5))).toBe('vault-auto-lock-invalid');
    await h.vault.setAutoLockMinutes(5);
    await h.vault.enablePassphrase(PASSPHRASE);
    const alarm = await fakeBrowser.alarms.get(AUTO_LOCK_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThan(0);
    expect(await h.vault.status()).toMatchObject({ autoLockMinutes: 5 });

    h.clock.now += 4 * 60_000;
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    h.vault.touch();
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith(AUTO_LOCK_ALARM, { delayInMinutes: 5 }));
    expect((await h.session())['vault.session.activity']).toBe(h.clock.now);
    h.clock.now += 4 * 60_000;
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    // No alarm fired (the worker slept through it): the idle check on the next use still locks.
    h.clock.now += 5 * 60_000;
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
  });

  it('locks a restarted worker whose session copy is older than the idle time', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    h.clock.now += 16 * 60_000;
    h.restartWorker();
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
    expect(await h.session()).toEqual({});
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

describe('token vault: construction', () => {
  it('refuses the test-only floor outside a test run, so production cannot lower it', () => {
    vi.stubEnv('MODE', 'production');
    try {
      expect(() => makeHarness()).toThrow('testOnlyKdfFloor is for unit tests only');
      expect(() => makeHarness({ testOnlyKdfFloor: undefined })).not.toThrow();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('accepts the test-only floor under vitest only, and the floor constant sits at 600,000', () => {
    expect(PBKDF2_MIN_ITERATIONS).toBe(600_000);
    expect(import.meta.env.MODE).toBe('test');
    expect(() =>
      createTokenVault({
        storage: fakeBrowser.storage.local,
        session: fakeBrowser.storage.session,
        keyStore: createDeviceKeyStore(makeHarness().idb),
        alarms: fakeBrowser.alarms,
        testOnlyKdfFloor: 1,
      }),
    ).not.toThrow();
  });
});
