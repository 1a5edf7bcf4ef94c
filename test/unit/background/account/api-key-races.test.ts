import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createAccountService, type MeAnswer } from '../../../../src/background/account/account-service';
import { leavePlatform } from '../../../../src/background/account/platform-switch';
import { createAppProxyClient } from '../../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../../src/background/codefresh/platform-client';
import { createRuntimeDirectory } from '../../../../src/background/runtimes/runtime-directory';
import {
  createSimulator,
  DEMO_API_KEY,
  OTHER_API_KEY,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_USER,
} from '../../../simulator';
import { failureOf } from '../../failure';
import { makeHarness } from '../vault/vault-harness';

const ME: MeAnswer = {
  id: SIM_USER.id,
  name: SIM_USER.name,
  email: SIM_USER.email,
  activeAccount: { id: 'acc', name: 'acme', gitProvider: 'GITHUB', gitApiUrl: 'https://api.github.com' },
};

const apiKeyMeta = (apiUrl: string) =>
  ({
    kind: 'codefresh-api-key',
    provider: null,
    apiUrl,
    login: null,
    scopes: null,
    expiresAt: null,
    tokenType: 'codefresh-api-key',
    runtimes: [],
  }) as const;

/** The account service over a real vault, on a platform the test can switch. */
const setUp = () => {
  const { vault } = makeHarness();
  const platform = { origin: PLATFORM_URL };
  const account = createAccountService({
    vault,
    me: async () => ME,
    storage: fakeBrowser.storage.local,
    platformOrigin: () => platform.origin,
  });
  const keys = async () =>
    Promise.all(
      (await vault.list('codefresh-api-key')).map(async (r) => ({
        apiUrl: r.apiUrl,
        key: await vault.withSecret(r.id, async (s) => s),
      })),
    );
  return { vault, account, platform, keys };
};

describe('API key: at most one record per platform', () => {
  it('keeps one record when the popup and the options page save a key at the same moment', async () => {
    const { account, keys } = setUp();
    await Promise.all([account.setApiKey(DEMO_API_KEY), account.setApiKey(OTHER_API_KEY)]);
    const stored = await keys();
    expect(stored).toHaveLength(1);
    expect([DEMO_API_KEY, OTHER_API_KEY]).toContain(stored[0]!.key);
    expect(await account.withApiKey(async (k) => k)).toBe(stored[0]!.key);
  });

  it('leaving the platform signs out of every API key record, not only the first', async () => {
    const { vault, account } = setUp();
    await account.setApiKey(DEMO_API_KEY);
    // A second record, as an older version could leave behind.
    await vault.save(OTHER_API_KEY, apiKeyMeta(PLATFORM_URL));
    await account.signOutAll();
    expect(await vault.list('codefresh-api-key')).toEqual([]);
    expect((await failureOf(account.withApiKey(async (k) => k))).appError.code).toBe('no-api-key');
  });

  it('never sends the key saved for one platform to another', async () => {
    const { vault, account, platform } = setUp();
    await vault.save(OTHER_API_KEY, apiKeyMeta('https://codefresh.other.example'));
    expect((await failureOf(account.withApiKey(async (k) => k))).appError.code).toBe(
      'settings-changed-outside',
    );
    platform.origin = 'https://codefresh.other.example';
    expect(await account.withApiKey(async (k) => k)).toBe(OTHER_API_KEY);
  });
});

describe('leaving a platform', () => {
  it('drops its API keys and its cached runtimes, so no lookup finds one of its runtimes', async () => {
    const sim = createSimulator();
    const { vault, account } = setUp();
    await account.setApiKey(DEMO_API_KEY);
    const granted = new Set(RUNTIME_HOSTS.map((h) => `https://${h}`));
    const directory = createRuntimeDirectory({
      platform: createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL, timeoutMs: 300 }),
      appProxy: createAppProxyClient({ fetch: sim.fetch, timeoutMs: 300 }),
      getApiKey: () => account.withApiKey(async (k) => k),
      getMe: async () => ({ userId: SIM_USER.id, accountGitApiUrl: null, accountGitProvider: null }),
      hasHostAccess: async (origin) => granted.has(origin),
      cache: fakeBrowser.storage.session,
    });
    expect((await directory.list(true)).runtimes.map((r) => r.name)).toContain('production');
    expect((await directory.find('production')).name).toBe('production');

    await leavePlatform('platform-change', {
      account: { signOut: account.signOutAll },
      areas: { local: fakeBrowser.storage.local, session: fakeBrowser.storage.session },
    });
    expect(await vault.list('codefresh-api-key')).toEqual([]);
    expect((await failureOf(directory.find('production'))).appError.code).toBe('no-api-key');
  });
});
