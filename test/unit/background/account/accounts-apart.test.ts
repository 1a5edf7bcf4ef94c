// Several Codefresh accounts (issue 24, point 3): each account's runtime list, cache and saved
// tokens' "used on" lists stay its own, over a real vault and the simulator's platform, where
// Alice holds a key to acme (GitHub) and one to acme-gitlab (test/simulator/seed.ts, API_KEYS).
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountRoutesOf, createAccounts } from '../../../../src/background/account/accounts-setup';
import { leavePlatform } from '../../../../src/background/account/platform-switch';
import { createAppProxyClient } from '../../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../../src/background/codefresh/platform-client';
import { createPolicyGate } from '../../../../src/background/policy/policy-enforcement';
import { createAppProxyOverrides } from '../../../../src/background/runtimes/app-proxy-overrides';
import {
  createRuntimeDirectory,
  RUNTIME_SNAPSHOT_KEY,
} from '../../../../src/background/runtimes/runtime-directory';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { mergePolicy } from '../../../../src/shared/policy';
import {
  createSimulator,
  DEMO_API_KEY,
  GITLAB_ACCOUNT,
  GITLAB_API_KEY,
  PLATFORM_HOST,
  PLATFORM_URL,
  SIM_ACCOUNT,
} from '../../../simulator';
import { githubMeta, makeHarness } from '../vault/vault-harness';

const sim = createSimulator();
beforeEach(() => sim.reset());

/** The worker's account wiring as create-services.ts builds it, over the simulator. */
const setUp = () => {
  const harness = makeHarness();
  const platform = createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL, timeoutMs: 300 });
  const gate = createPolicyGate(
    async () =>
      mergePolicy({ platformHosts: [], requirePassphrase: false, autoLockMinutes: 15, keepTokens: true }, {}),
    () => PLATFORM_URL,
  );
  const { account, vault } = createAccounts({
    vault: harness.vault,
    gate,
    vaultMode: async () => 'device',
    me: (key) => {
      // Each key is saved a moment after the one before, so "oldest first" is well defined.
      harness.clock.now += 1_000;
      return platform.me(key);
    },
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    platformOrigin: () => PLATFORM_URL,
  });
  const directory = createRuntimeDirectory({
    platform,
    appProxy: createAppProxyClient({ fetch: sim.fetch, timeoutMs: 300 }),
    getApiKey: () => account.withApiKey(async (k) => k),
    getMe: async () => {
      const me = (await account.verifiedSummary())!;
      return { userId: me.userId, accountId: me.accountId, accountGitApiUrl: me.gitApiUrl };
    },
    hasHostAccess: async () => true,
    cache: fakeBrowser.storage.session,
    snapshot: fakeBrowser.storage.local,
  });
  const overrides = createAppProxyOverrides({
    vault: harness.vault,
    platformOrigin: () => PLATFORM_URL,
    activeAccount: () => account.knownAccountId(),
    hasHostAccess: async () => true,
  });
  const routes = accountRoutesOf({
    account,
    directory,
    overrides,
    lastSignedOut: () =>
      leavePlatform('sign-out', {
        account: { signOut: account.signOutAll },
        areas: { local: fakeBrowser.storage.local, session: fakeBrowser.storage.session },
      }),
  });
  const saved = createSavedGitTokens(vault);
  const recordOf = async (accountId: string) =>
    (await account.accounts()).find((a) => a.accountId === accountId)!.id;
  const names = async (refresh = true) => (await directory.list(refresh)).runtimes.map((r) => r.name);
  /** The last four characters of the API key on each runtimes query the platform received. */
  const keysOnRuntimeQueries = () =>
    sim
      .log()
      .filter((r) => r.host === PLATFORM_HOST && r.operationName === 'Runtimes')
      .map((r) => r.headers.authorization);
  return {
    harness,
    account,
    vault,
    directory,
    overrides,
    routes,
    saved,
    recordOf,
    names,
    keysOnRuntimeQueries,
  };
};

const lastFour = (key: string) => key.slice(-4);
const acmeNames = sim.runtimes.filter((r) => r.accountId === SIM_ACCOUNT.id).map((r) => r.name);
const gitlabNames = sim.runtimes.filter((r) => r.accountId === GITLAB_ACCOUNT.id).map((r) => r.name);

describe('two accounts on one platform', () => {
  it('switching changes the runtime list, read with the key of the account in use', async () => {
    const { routes, recordOf, names, keysOnRuntimeQueries } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    await routes.setApiKey(GITLAB_API_KEY);
    expect(await names()).toEqual(gitlabNames);
    await routes.switchTo(await recordOf(SIM_ACCOUNT.id));
    expect(await names()).toEqual(acmeNames);
    expect(keysOnRuntimeQueries().map((h) => h?.slice(-4))).toEqual([
      lastFour(GITLAB_API_KEY),
      lastFour(DEMO_API_KEY),
    ]);
  });

  it('keeps each account’s cached list: switching back shows it without asking again', async () => {
    const { routes, recordOf, names, keysOnRuntimeQueries } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    expect(await names()).toEqual(acmeNames);
    await routes.setApiKey(GITLAB_API_KEY);
    expect(await names()).toEqual(gitlabNames);
    await routes.switchTo(await recordOf(SIM_ACCOUNT.id));
    expect(await names(false)).toEqual(acmeNames);
    await routes.switchTo(await recordOf(GITLAB_ACCOUNT.id));
    expect(await names(false)).toEqual(gitlabNames);
    // Two refreshes, one per account; the cached reads asked the platform nothing more.
    expect(keysOnRuntimeQueries()).toHaveLength(2);
  });

  it('signing out of one account drops its cached list and keeps the other’s', async () => {
    const { routes, account, names } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    await names();
    await routes.setApiKey(GITLAB_API_KEY);
    await names();
    await routes.signOut();
    const snapshot = (await fakeBrowser.storage.local.get(RUNTIME_SNAPSHOT_KEY))[RUNTIME_SNAPSHOT_KEY];
    expect(Object.keys(snapshot as object)).toEqual([SIM_ACCOUNT.id]);
    await expect(account.summary()).resolves.toMatchObject({ accountName: SIM_ACCOUNT.name });
    expect(await names(false)).toEqual(acmeNames);
  });

  it('forgets every account’s key on the platform at once when asked to (access withdrawn), and nothing else', async () => {
    const { routes, account, harness, saved } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    await routes.setApiKey(GITLAB_API_KEY);
    const kept = await harness.vault.save('ghp_SIMLEAKaccountsEvery000000000000CCCC', githubMeta());
    await routes.signOut(undefined, true);
    expect(await account.accounts()).toEqual([]);
    expect(await harness.vault.list('codefresh-api-key')).toEqual([]);
    // Saved Git tokens are not API keys: they stay until the user forgets them.
    expect((await saved.all()).map((r) => r.id)).toEqual([kept]);
  });

  it('keeps each saved token’s "used on" list per account', async () => {
    const { routes, saved, recordOf } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    const id = await saved.save(
      'ghp_SIMLEAKaccountsApart000000000000AAAA',
      {
        provider: 'GITHUB',
        apiUrl: 'https://api.github.com',
        login: 'alice',
        scopes: ['repo'],
        expiresAt: null,
        tokenType: 'github-classic',
      } as never,
      ['production'],
    );
    await routes.setApiKey(GITLAB_API_KEY);
    expect((await saved.listSaved()).map((t) => t.runtimes)).toEqual([[]]);
    await saved.addRuntimes(id, ['production']);
    await saved.addRuntimes(id, ['gitlab-eu']);
    expect((await saved.get(id)).runtimes).toEqual(['production', 'gitlab-eu']);
    await routes.switchTo(await recordOf(SIM_ACCOUNT.id));
    expect((await saved.get(id)).runtimes).toEqual(['production']);
    await saved.dropRuntimes(id, ['production']);
    await routes.switchTo(await recordOf(GITLAB_ACCOUNT.id));
    expect((await saved.get(id)).runtimes).toEqual(['production', 'gitlab-eu']);
  });

  it('gives the lists kept while there was one account to that account when a second is added', async () => {
    const { harness, routes, saved, recordOf } = setUp();
    // Saved by the single-account version: one plain list, no per-account lists.
    const id = await harness.vault.save('ghp_SIMLEAKaccountsLegacy00000000000BBBB', githubMeta());
    await routes.setApiKey(DEMO_API_KEY);
    expect((await saved.get(id)).runtimes).toEqual(['prod']);
    await routes.setApiKey(GITLAB_API_KEY);
    expect((await saved.get(id)).runtimes).toEqual([]);
    await routes.switchTo(await recordOf(SIM_ACCOUNT.id));
    expect((await saved.get(id)).runtimes).toEqual(['prod']);
  });

  it('keeps each account’s app-proxy addresses; signing out of one removes its own only', async () => {
    const { routes, overrides, recordOf } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    await overrides.set('production', 'https://wrong.acme.example');
    await routes.setApiKey(GITLAB_API_KEY);
    expect(await overrides.read()).toEqual({});
    await overrides.set('production', 'https://gitlab-team.acme.example');
    await routes.switchTo(await recordOf(SIM_ACCOUNT.id));
    expect(await overrides.read()).toEqual({ production: 'https://wrong.acme.example' });

    await routes.signOut();
    expect(await overrides.read()).toEqual({ production: 'https://gitlab-team.acme.example' });
    await routes.setApiKey(DEMO_API_KEY);
    expect(await overrides.read()).toEqual({});
  });

  it('gives the addresses kept while there was one account to that account when a second is added', async () => {
    const { harness, routes, overrides, recordOf } = setUp();
    await routes.setApiKey(DEMO_API_KEY);
    // Saved by the version that kept one set of addresses per platform.
    await harness.vault.saveOnly(JSON.stringify({ edge: 'https://edge.acme.example' }), {
      kind: 'app-proxy-addresses',
      provider: null,
      apiUrl: PLATFORM_URL,
      login: null,
      scopes: null,
      expiresAt: null,
      tokenType: 'app-proxy-addresses',
      runtimes: [],
    });
    await routes.setApiKey(GITLAB_API_KEY);
    expect(await overrides.read()).toEqual({});
    await routes.switchTo(await recordOf(SIM_ACCOUNT.id));
    expect(await overrides.read()).toEqual({ edge: 'https://edge.acme.example' });
  });
});
