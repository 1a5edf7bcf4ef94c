import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { attachListeners } from '../../../../src/background/browser/listener-dispatch';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { toBase64 } from '../../../../src/background/vault/envelope';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import { HEADER_KEY, recordKey } from '../../../../src/background/vault/vault-keys';
import { AUTO_LOCK_ALARM } from '../../../../src/background/vault/vault-layout';
import { vaultListeners } from '../../../../src/background/vault/vault-listeners';
import { PBKDF2_MIN_ITERATIONS } from '../../../../src/background/vault/vault-policy';
import { fakeListenedEvents, fakeWake } from '../browser/fake-listened-events';
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
  TEST_ITERATIONS,
} from './vault-harness';

describe('token vault: passphrase mode', () => {
  it('switches device → passphrase → device keeping every record, re-encrypted under a new data key', async () => {
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
      expect((after[recordKey(id)] as { secret: string }).secret).not.toBe(
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
    // Metadata stays readable while locked, and editable where the ciphertext is not bound to it;
    // the runtimes are bound (envelope.ts recordAad), so changing them waits for the unlock.
    expect((await h.vault.list()).map((r) => r.id)).toEqual([id]);
    await h.vault.updateMeta(id, { expiresAt: '2031-01-01T00:00:00.000Z' });
    expect(await codeOf(h.vault.updateMeta(id, { runtimes: [] }))).toBe('vault-locked');
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

  it('changes the passphrase and re-encrypts the records under a new data key', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await h.vault.enablePassphrase(PASSPHRASE);
    const before = await h.local();
    const header1 = before[HEADER_KEY] as { kdf: { salt: string } };
    await h.vault.changePassphrase(PASSPHRASE, 'another long passphrase');
    const after = await h.local();
    const header2 = after[HEADER_KEY] as { kdf: { salt: string } };
    expect(header2.kdf.salt).not.toBe(header1.kdf.salt);
    expect((after[recordKey(id)] as { secret: string }).secret).not.toBe(
      (before[recordKey(id)] as { secret: string }).secret,
    );
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
    const events = fakeListenedEvents();
    attachListeners(events, [vaultListeners(h.vault)], fakeWake());
    events.alarms.onAlarm.fire({ name: 'something-else' });
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
    events.alarms.onAlarm.fire({ name: AUTO_LOCK_ALARM });
    await vi.waitFor(async () => expect(await h.vault.status()).toMatchObject({ locked: true }));
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
