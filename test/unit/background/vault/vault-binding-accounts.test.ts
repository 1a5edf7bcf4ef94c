// Several accounts (issue 24.3): a saved token's per-account "used on" lists and an API key's
// account decide where a token is offered and which key is which, so they are bound to the
// ciphertext (AAD) like the runtimes; editing them in storage makes the record unreadable.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { recordKey } from '../../../../src/background/vault/vault-keys';
import { codeOf, GITHUB_SECRET, githubMeta, makeHarness, read } from './vault-harness';

type Stored = { meta: Record<string, unknown>; secret: string };

const tamper = async (id: string, change: (meta: Record<string, unknown>) => Record<string, unknown>) => {
  const stored = (await fakeBrowser.storage.local.get(recordKey(id)))[recordKey(id)] as Stored;
  await fakeBrowser.storage.local.set({ [recordKey(id)]: { ...stored, meta: change(stored.meta) } });
};

describe('per-account fields are bound to the ciphertext', () => {
  it.each([
    ['a used-on list moved to another account', () => ({ usedOn: { 'acc-2': ['prod'] } })],
    ['a runtime added to an account’s list', () => ({ usedOn: { 'acc-1': ['prod', 'elsewhere'] } })],
    ['the used-on lists removed', () => ({ usedOn: undefined })],
  ])('%s makes the record unreadable', async (_, change) => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta({ runtimes: [], usedOn: { 'acc-1': ['prod'] } }));
    await tamper(id, (meta) => ({ ...meta, ...change() }));
    expect(await codeOf(read(h.restartWorker(), id))).toBe('vault-record-unreadable');
  });

  it('an API key’s account rewritten in storage makes it unreadable', async () => {
    const h = makeHarness();
    const id = await h.vault.save('key.SIMLEAKaccountsBinding', {
      kind: 'codefresh-api-key',
      provider: null,
      apiUrl: 'https://g.codefresh.io',
      login: null,
      scopes: null,
      expiresAt: null,
      tokenType: 'codefresh-api-key',
      runtimes: [],
      accountId: 'acc-1',
    });
    await tamper(id, (meta) => ({ ...meta, accountId: 'acc-2' }));
    expect(await codeOf(read(h.restartWorker(), id))).toBe('vault-record-unreadable');
  });

  it('a change through the vault re-seals, and the record still opens', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta({ runtimes: [], usedOn: { 'acc-1': ['prod'] } }));
    await h.vault.updateMeta(id, { account: 'acc-2', addRuntimes: ['gitlab-eu'] });
    expect(await read(h.restartWorker(), id)).toBe(GITHUB_SECRET);
    expect((await h.vault.list())[0]?.usedOn).toEqual({ 'acc-1': ['prod'], 'acc-2': ['gitlab-eu'] });
  });
});
