// The user's own app-proxy addresses decide where a Git token is sent, so they are a vault record
// (sealed, bound to their platform) and never plain page-writable storage.local (issue 21, finding 5).
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createAppProxyOverrides } from '../../../../src/background/runtimes/app-proxy-overrides';
import { recordKey } from '../../../../src/background/vault/vault-keys';
import type { TokenVault } from '../../../../src/background/vault/vault-types';
import { makeHarness } from '../vault/vault-harness';

const PLATFORM = 'https://g.codefresh.io';
const EDGE = 'https://edge.acme.example';

const overridesOver = (vault: TokenVault, granted: string[] = [EDGE], platform = PLATFORM) =>
  createAppProxyOverrides({
    vault,
    platformOrigin: () => platform,
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
