import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { HEADER_KEY } from '../../../../src/background/vault/vault-keys';
import { codeOf, GITHUB_SECRET, githubMeta, makeHarness, read } from './vault-harness';

/** Headers no version of the vault can read: not an object, from a newer extension, cut short. */
const DAMAGED = [
  ['a string', 'x', 'vault-corrupt'],
  [
    'a newer schema',
    { schema: 99, mode: 'device', dataKey: 'v9.whatever', kdf: null },
    'vault-format-unsupported',
  ],
  ['truncated JSON', '{"schema":2,"mode":"device","dataKey":"v1.AAAA', 'vault-corrupt'],
  [
    'an unknown mode',
    { schema: 2, mode: 'cloud', dataKey: 'x', kdf: null, autoLockMinutes: 15 },
    'vault-corrupt',
  ],
] as const;

describe('token vault: a header nothing can read', () => {
  it.each(DAMAGED)('with %s, status says so instead of failing', async (_name, header, code) => {
    const h = makeHarness();
    await h.vault.save(GITHUB_SECRET, githubMeta());
    await fakeBrowser.storage.local.set({ [HEADER_KEY]: header });
    h.restartWorker();
    const status = await h.vault.status();
    expect(status.unreadable?.code).toBe(code);
    expect(status.unreadable?.message).toMatch(/\S/);
    // Everything else keeps refusing with the same reason, and writes nothing over the damage.
    expect(await codeOf(h.vault.list())).toBe(code);
    expect(await codeOf(h.vault.save(GITHUB_SECRET, githubMeta()))).toBe(code);
    expect((await h.local())[HEADER_KEY]).toEqual(header);
  });

  it.each(DAMAGED)('with %s, erasing always works and the vault starts again', async (_name, header) => {
    const h = makeHarness();
    const old = await h.vault.save(GITHUB_SECRET, githubMeta());
    await fakeBrowser.storage.local.set({ [HEADER_KEY]: header });
    h.restartWorker();
    expect((await h.vault.status()).unreadable).toBeDefined();
    await h.vault.reset();
    expect(await h.local()).toEqual({});
    expect(await h.idbValues()).toEqual([]);
    expect(await h.vault.status()).toEqual({ mode: 'device', locked: false, autoLockMinutes: 15 });
    expect(await codeOf(read(h.vault, old))).toBe('vault-record-missing');
    const fresh = await h.vault.save(GITHUB_SECRET, githubMeta());
    expect(await read(h.vault, fresh)).toBe(GITHUB_SECRET);
  });
});
