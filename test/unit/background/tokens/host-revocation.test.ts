// Withdrawing host access in the browser must not delete what the user saved (Firefox lets users
// switch off even api.github.com): the token is kept, shown as needing access, and never sent
// until access is allowed again.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { noteRevokedHosts, withAccessState } from '../../../../src/background/tokens/host-revocation';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import type { NewRecord, TokenVault } from '../../../../src/background/vault/vault-types';

const PLATFORM = 'https://codefresh.acme.example';
const GHE_TOKEN = `ghp_SIMLEAK${'g'.repeat(29)}`;
const GH_TOKEN = `ghp_SIMLEAK${'h'.repeat(29)}`;
const API_KEY = 'SIMLEAK-api-key-acme';

const gitToken = (apiUrl: string, login: string): NewRecord => ({
  kind: 'git-token',
  provider: 'GITHUB',
  apiUrl,
  login,
  scopes: ['repo'],
  expiresAt: null,
  tokenType: 'github-classic',
  runtimes: ['production'],
});

let vault: TokenVault;
let told: string[][];
let granted: Set<string>;
const hasHostAccess = async (origin: string) => granted.has(origin);

const revoke = async (...origins: string[]) => {
  for (const o of origins) granted.delete(o);
  return noteRevokedHosts(
    {
      platform: { current: () => PLATFORM },
      hasApiKey: async () => (await vault.list('codefresh-api-key')).length > 0,
      savedTokens: () => vault.list('git-token'),
      tell: async (list) => {
        told.push([...list]);
      },
    },
    origins.map((o) => `${o}/*`),
  );
};

beforeEach(async () => {
  vault = createTokenVault({
    storage: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    keyStore: createDeviceKeyStore(new IDBFactory()),
    alarms: fakeBrowser.alarms,
  });
  told = [];
  granted = new Set([PLATFORM, 'https://ghe.acme.example', 'https://api.github.com']);
  await vault.save(GHE_TOKEN, gitToken('https://ghe.acme.example/api/v3', 'mona'));
  await vault.save(GH_TOKEN, gitToken('https://api.github.com', 'octocat'));
  await vault.save(API_KEY, {
    kind: 'codefresh-api-key',
    provider: null,
    apiUrl: PLATFORM,
    login: 'mona@acme.example',
    scopes: null,
    expiresAt: null,
    tokenType: 'codefresh-api-key',
    runtimes: [],
  });
});

describe('when the user withdraws host access in the browser', () => {
  it('keeps the saved token of that Git host, marks it as needing access, and says so', async () => {
    await revoke('https://ghe.acme.example');
    const tokens = await vault.list('git-token');
    expect(tokens).toHaveLength(2);
    const ghe = tokens.find((t) => t.login === 'mona')!;
    expect(await vault.withSecret(ghe.id, async (s) => s)).toBe(GHE_TOKEN);
    expect(told).toEqual([['mona ···gggg (https://ghe.acme.example)']]);

    const marked = await withAccessState(tokens, hasHostAccess);
    expect(marked.find((t) => t.login === 'mona')).toMatchObject({ needsAccess: 'https://ghe.acme.example' });
    expect(marked.find((t) => t.login === 'octocat')).not.toHaveProperty('needsAccess');
  });

  it('keeps a built-in host’s token too (api.github.com switched off in Firefox)', async () => {
    await revoke('https://api.github.com');
    const marked = await withAccessState(await vault.list('git-token'), hasHostAccess);
    expect(Object.fromEntries(marked.map((t) => [t.login, t.needsAccess ?? null]))).toEqual({
      mona: null,
      octocat: 'https://api.github.com',
    });
  });

  it('keeps the self-hosted platform’s API key and names the platform', async () => {
    await revoke(PLATFORM);
    const [key] = await vault.list('codefresh-api-key');
    expect(await vault.withSecret(key!.id, async (s) => s)).toBe(API_KEY);
    expect(told).toEqual([[PLATFORM]]);
  });

  it('is no longer marked once access is allowed again', async () => {
    await revoke('https://ghe.acme.example');
    granted.add('https://ghe.acme.example');
    const marked = await withAccessState(await vault.list('git-token'), hasHostAccess);
    expect(marked.every((t) => t.needsAccess === undefined)).toBe(true);
  });

  it('changes nothing and stays quiet for hosts nothing depended on', async () => {
    await revoke('https://argo.acme.example');
    expect(await vault.list()).toHaveLength(3);
    expect(told).toEqual([]);
  });
});
