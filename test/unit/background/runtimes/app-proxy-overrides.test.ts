// The user's own app-proxy addresses decide where a Git token is sent, so they are a vault record
// (sealed, bound to their platform) and never plain page-writable storage.local (issue 21, finding 5).
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import {
  claimUnscopedOverrides,
  createAppProxyOverrides,
} from '../../../../src/background/runtimes/app-proxy-overrides';
import { recordKey } from '../../../../src/background/vault/vault-keys';
import type { TokenVault } from '../../../../src/background/vault/vault-types';
import { makeHarness } from '../vault/vault-harness';

const PLATFORM = 'https://g.codefresh.io';
const EDGE = 'https://edge.acme.example';

const ACME = 'acct-acme';
const OTHER = 'acct-other';

const overridesOver = (
  vault: TokenVault,
  granted: string[] = [EDGE],
  platform = PLATFORM,
  account: () => string | null = () => ACME,
) =>
  createAppProxyOverrides({
    vault,
    platformOrigin: () => platform,
    activeAccount: async () => account(),
    hasHostAccess: async (origin) => granted.includes(origin),
  });

const storedRecord = async (vault: TokenVault) => {
  const [record] = await vault.list('app-proxy-addresses');
  const key = recordKey(record!.id);
  return { key, value: (await fakeBrowser.storage.local.get(key))[key] as Record<string, unknown> };
};

describe("the user's own app-proxy addresses", () => {
  it('are kept by runtime name and can be removed', async () => {
    const { vault } = makeHarness();
    expect(await overridesOver(vault).set('edge', 'https://edge.acme.example/')).toEqual({ edge: EDGE });
    expect(await overridesOver(vault).read()).toEqual({ edge: EDGE });
    expect(await overridesOver(vault).set('edge', null)).toEqual({});
    expect(await overridesOver(vault).read()).toEqual({});
  });

  it('are sealed in the vault: the address is nowhere in plain storage', async () => {
    const { vault } = makeHarness();
    await overridesOver(vault).set('edge', EDGE);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('edge.acme.example');
  });

  it('must be https addresses without a path', async () => {
    const { vault } = makeHarness();
    for (const bad of ['http://edge.acme.example', 'https://edge.acme.example/app-proxy', 'edge']) {
      await expect(overridesOver(vault).set('edge', bad)).rejects.toMatchObject({
        appError: { code: 'override-invalid' },
      });
    }
  });

  it('are refused until the user allowed the extension to reach them', async () => {
    const { vault } = makeHarness();
    await expect(overridesOver(vault, []).set('edge', EDGE)).rejects.toMatchObject({
      appError: { code: 'host-access-missing' },
    });
    expect(await overridesOver(vault).read()).toEqual({});
  });

  it('ignore a plain appProxyOverrides.v1 that something else wrote to storage.local', async () => {
    const { vault } = makeHarness();
    await fakeBrowser.storage.local.set({ 'appProxyOverrides.v1': { edge: 'https://evil.example' } });
    expect(await overridesOver(vault).read()).toEqual({});
  });

  it('are not used, and say so, when their record was changed outside the extension', async () => {
    const { vault } = makeHarness();
    await overridesOver(vault).set('edge', EDGE);
    const { key, value } = await storedRecord(vault);
    await fakeBrowser.storage.local.set({ [key]: { ...value, secret: 'v1.AAAA.BBBB' } });
    await expect(overridesOver(vault).read()).rejects.toMatchObject({
      appError: { code: 'overrides-changed-outside', message: expect.stringContaining('changed outside') },
    });
    // The record as the extension sealed it reads again: only the change was refused.
    await fakeBrowser.storage.local.set({ [key]: value });
    expect(await overridesOver(vault).read()).toEqual({ edge: EDGE });
  });

  it('are bound to their platform: moving the record to another origin makes it unusable', async () => {
    const { vault } = makeHarness();
    await overridesOver(vault).set('edge', EDGE);
    const { key, value } = await storedRecord(vault);
    const meta = value.meta as Record<string, unknown>;
    await fakeBrowser.storage.local.set({
      [key]: { ...value, meta: { ...meta, apiUrl: 'https://cf.other.example' } },
    });
    await expect(overridesOver(vault, [EDGE], 'https://cf.other.example').read()).rejects.toMatchObject({
      appError: { code: 'overrides-changed-outside' },
    });
  });

  it('can be set again after a change made outside, starting afresh', async () => {
    const { vault } = makeHarness();
    await overridesOver(vault).set('edge', EDGE);
    const { key, value } = await storedRecord(vault);
    await fakeBrowser.storage.local.set({ [key]: { ...value, secret: 'garbage' } });
    expect(await overridesOver(vault).set('qa', EDGE)).toEqual({ qa: EDGE });
    expect(await overridesOver(vault).read()).toEqual({ qa: EDGE });
  });
});

// Issue 24, point 3: two Codefresh accounts may each have a runtime of the same name; an address
// set in one must never steer the other's token.
describe('app-proxy addresses per Codefresh account', () => {
  const WRONG = 'https://wrong.acme.example';
  const inAccount = (vault: TokenVault, account: string | null) =>
    overridesOver(vault, [EDGE, WRONG], PLATFORM, () => account);

  it('keep one address per account for runtimes of the same name', async () => {
    const { vault } = makeHarness();
    await inAccount(vault, ACME).set('production', WRONG);
    expect(await inAccount(vault, OTHER).read()).toEqual({});
    await inAccount(vault, OTHER).set('production', EDGE);
    expect(await inAccount(vault, ACME).read()).toEqual({ production: WRONG });
    expect(await inAccount(vault, OTHER).read()).toEqual({ production: EDGE });
    // Removing one account's address leaves the other's.
    await inAccount(vault, ACME).set('production', null);
    expect(await inAccount(vault, ACME).read()).toEqual({});
    expect(await inAccount(vault, OTHER).read()).toEqual({ production: EDGE });
  });

  it('are bound to their account: a record relabelled for another account is not used', async () => {
    const { vault } = makeHarness();
    await inAccount(vault, ACME).set('production', WRONG);
    const { key, value } = await storedRecord(vault);
    const meta = value.meta as Record<string, unknown>;
    expect(meta.accountId).toBe(ACME);
    await fakeBrowser.storage.local.set({ [key]: { ...value, meta: { ...meta, accountId: OTHER } } });
    await expect(inAccount(vault, OTHER).read()).rejects.toMatchObject({
      appError: { code: 'overrides-changed-outside' },
    });
    // Nor can the label be dropped so that the record passes for one of before accounts were kept apart.
    const { accountId: _dropped, ...unlabelled } = meta;
    await fakeBrowser.storage.local.set({ [key]: { ...value, meta: unlabelled } });
    await expect(inAccount(vault, OTHER).read()).rejects.toMatchObject({
      appError: { code: 'overrides-changed-outside' },
    });
  });

  it('need an account to be set, and none is used without one', async () => {
    const { vault } = makeHarness();
    await expect(inAccount(vault, null).set('production', EDGE)).rejects.toMatchObject({
      appError: { code: 'no-api-key' },
    });
    await inAccount(vault, ACME).set('production', EDGE);
    expect(await inAccount(vault, null).read()).toEqual({});
  });

  /** The record as the previous version wrote it: bound to the platform only. */
  const saveShared = (vault: TokenVault, addresses: Record<string, string>) =>
    vault.saveOnly(JSON.stringify(addresses), {
      kind: 'app-proxy-addresses',
      provider: null,
      apiUrl: PLATFORM,
      login: null,
      scopes: null,
      expiresAt: null,
      tokenType: 'app-proxy-addresses',
      runtimes: [],
    });

  it('of before accounts were kept apart go to the account in use, sealed for it, never dropped', async () => {
    const { vault } = makeHarness();
    await saveShared(vault, { production: EDGE });
    let claimed = 0;
    const acme = createAppProxyOverrides({
      vault,
      platformOrigin: () => PLATFORM,
      activeAccount: async () => ACME,
      hasHostAccess: async () => true,
      onClaimed: async () => {
        claimed += 1;
      },
    });
    expect(await acme.read()).toEqual({ production: EDGE });
    expect(claimed).toBe(1);
    const records = await vault.list('app-proxy-addresses');
    expect(records.map((r) => r.accountId)).toEqual([ACME]);
    const { value } = await storedRecord(vault);
    expect((value.meta as Record<string, unknown>).bound).toBe(2);
    // Claimed once: the other account has none of them, and reading again claims nothing more.
    expect(await inAccount(vault, OTHER).read()).toEqual({});
    expect(await acme.read()).toEqual({ production: EDGE });
    expect(claimed).toBe(1);
  });

  it('of before, claimed for the first account when a second one is added', async () => {
    const { vault } = makeHarness();
    await saveShared(vault, { production: EDGE });
    await claimUnscopedOverrides(vault, PLATFORM, OTHER);
    expect(await inAccount(vault, ACME).read()).toEqual({});
    expect(await inAccount(vault, OTHER).read()).toEqual({ production: EDGE });
  });

  it('go with the account signed out of; the other account keeps its own', async () => {
    const { vault } = makeHarness();
    await inAccount(vault, ACME).set('production', WRONG);
    await inAccount(vault, OTHER).set('production', EDGE);
    await inAccount(vault, ACME).forgetAccount(ACME);
    expect(await inAccount(vault, ACME).read()).toEqual({});
    expect(await inAccount(vault, OTHER).read()).toEqual({ production: EDGE });
    expect((await vault.list('app-proxy-addresses')).map((r) => r.accountId)).toEqual([OTHER]);
  });
});
