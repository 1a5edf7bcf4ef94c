// "This token leaked" with two signed-in accounts on one platform (issue 24, points 2 and 3): Alice
// holds keys to acme and acme-labs, both on GitHub.com (test/simulator/seed.ts), and one saved
// token is on runtimes of both. It is removed from every one of them, each asked with its own
// account's key, over a real vault, the account wiring of create-services.ts and the simulator.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountRoutesOf, createAccounts } from '../../../../src/background/account/accounts-setup';
import { createAppProxyClient } from '../../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../../src/background/codefresh/platform-client';
import { createPolicyGate } from '../../../../src/background/policy/policy-enforcement';
import { revokeAtProvider } from '../../../../src/background/providers/revoke-token';
import { createAccountRuntimes } from '../../../../src/background/runtimes/account-runtimes';
import { directoryAccount } from '../../../../src/background/runtimes/directory-account';
import { createRuntimeDirectory } from '../../../../src/background/runtimes/runtime-directory';
import { createLeakedToken } from '../../../../src/background/tokens/leaked-token';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { mergePolicy } from '../../../../src/shared/policy';
import {
  appProxyHost,
  createSimulator,
  DEMO_API_KEY,
  LABS_ACCOUNT,
  LABS_API_KEY,
  PLATFORM_URL,
  SIM_ACCOUNT,
  SIM_USER,
} from '../../../simulator';
import { SEED_TOKENS } from '../../../simulator/git-providers';
import { makeHarness } from '../vault/vault-harness';

const LEAKED = SEED_TOKENS.githubClassicOk;
const sim = createSimulator();
beforeEach(() => {
  sim.reset();
  sim.clearFaults();
});

const setUp = async (options: { forgetFails?: boolean } = {}) => {
  const harness = makeHarness();
  const platform = createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL, timeoutMs: 300 });
  const appProxy = createAppProxyClient({ fetch: sim.fetch, timeoutMs: 300 });
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
      harness.clock.now += 1_000;
      return platform.me(key);
    },
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    platformOrigin: () => PLATFORM_URL,
  });
  const runtimeClients = { platform, appProxy, hasHostAccess: async () => true };
  const directory = createRuntimeDirectory({
    ...runtimeClients,
    ...directoryAccount(account, platform),
    cache: fakeBrowser.storage.session,
  });
  const routes = accountRoutesOf({ account, directory, lastSignedOut: async () => {} });
  const saved = createSavedGitTokens(vault);
  const leak = createLeakedToken({
    vault: options.forgetFails
      ? {
          ...vault,
          remove: async () => {
            throw new Error('disk full');
          },
        }
      : vault,
    saved,
    revoke: (input, withToken) => revokeAtProvider(input, withToken, { fetch: sim.fetch }),
    findRuntime: (name) => directory.find(name),
    removeFromRuntime: async (name) => directory.removeFromRuntime(await directory.find(name)),
    otherAccounts: createAccountRuntimes({ account, ...runtimeClients }),
  });
  /** Adds the token to `names` with `apiKey`, as the token flow does, and lists them as used. */
  const addWith = async (apiKey: string, names: readonly string[], id?: string) => {
    for (const name of names) {
      await appProxy.register(`https://${appProxyHost(name)}`, apiKey, { token: LEAKED.token });
    }
    if (id) return saved.addRuntimes(id, names).then(() => id);
    return saved.save(
      LEAKED.token,
      {
        ...LEAKED,
        provider: 'GITHUB',
        apiUrl: 'https://api.github.com',
        tokenType: 'github-classic',
        blockers: [],
        warnings: [],
      } as never,
      names,
    );
  };
  const recordOf = async (accountId: string) =>
    (await account.accounts()).find((a) => a.accountId === accountId)!.id;
  return { routes, saved, leak, addWith, recordOf };
};

/** Who holds Alice's token on `runtime`, as the simulated app-proxy says. */
const aliceOn = (runtime: string) => sim.registrations(runtime).find((r) => r.userId === SIM_USER.id);
/** The API key (last four) on each deregistration `host` received. */
const deregisteredWith = (host: string | null) =>
  sim
    .log()
    .filter((r) => r.host === host && r.operationName === 'DeregisterFromGitIntegration')
    .map((r) => r.headers.authorization?.slice(-4));

/** acme's staging and sandbox, and acme-labs' labs-ci, hold the one saved token; acme is in use. */
const sharedToken = async (options: { forgetFails?: boolean } = {}) => {
  const s = await setUp(options);
  await s.routes.setApiKey(DEMO_API_KEY);
  const id = await s.addWith(DEMO_API_KEY, ['staging', 'sandbox']);
  await s.routes.setApiKey(LABS_API_KEY);
  await s.addWith(LABS_API_KEY, ['labs-ci'], id);
  await s.routes.switchTo(await s.recordOf(SIM_ACCOUNT.id));
  sim.clearLog();
  return { ...s, id };
};

describe('a leaked token on runtimes of two accounts', () => {
  it('lists the other account’s runtimes beside the ones of the account in use', async () => {
    const { saved } = await sharedToken();
    expect(await saved.listSaved()).toMatchObject([
      {
        runtimes: ['staging', 'sandbox'],
        otherAccounts: [{ accountId: LABS_ACCOUNT.id, runtimes: ['labs-ci'] }],
      },
    ]);
  });

  it('removes it from both accounts’ runtimes, each with its own key, then forgets it', async () => {
    const { leak, saved, id } = await sharedToken();

    const answer = await leak.handle(id);

    expect(answer).toEqual({
      provider: { outcome: 'revoked', place: 'GitHub (github.com)' },
      runtimes: [
        { runtimeName: 'staging', ok: true },
        { runtimeName: 'sandbox', ok: true },
      ],
      otherAccounts: [
        {
          accountId: LABS_ACCOUNT.id,
          accountName: 'acme-labs',
          runtimes: [{ runtimeName: 'labs-ci', ok: true }],
        },
      ],
      forgotten: true,
    });
    for (const name of ['staging', 'sandbox', 'labs-ci']) expect(aliceOn(name)).toBeUndefined();
    expect(deregisteredWith(appProxyHost('staging'))).toEqual([DEMO_API_KEY.slice(-4)]);
    expect(deregisteredWith(appProxyHost('labs-ci'))).toEqual([LABS_API_KEY.slice(-4)]);
    expect(await saved.all()).toEqual([]);
  });

  it('goes on when the other account’s runtime refuses, and names the account and the runtime', async () => {
    const { leak, id } = await sharedToken();
    sim.inject({
      host: appProxyHost('labs-ci')!,
      operationName: 'DeregisterFromGitIntegration',
      status: 401,
    });

    const answer = await leak.handle(id);

    expect(answer.runtimes.every((r) => r.ok)).toBe(true);
    expect(answer.otherAccounts).toMatchObject([
      {
        accountName: 'acme-labs',
        runtimes: [{ runtimeName: 'labs-ci', ok: false, error: { message: expect.any(String) } }],
      },
    ]);
    expect(aliceOn('staging')).toBeUndefined();
    expect(aliceOn('labs-ci')).toBeDefined();
    expect(answer.forgotten).toBe(true);
  });

  it('says so for an account signed out of since: no key of it is used, the others go on', async () => {
    const { leak, routes, recordOf, id } = await sharedToken();
    await routes.signOut(await recordOf(LABS_ACCOUNT.id));

    const answer = await leak.handle(id);

    expect(answer.runtimes.every((r) => r.ok)).toBe(true);
    expect(answer.otherAccounts).toEqual([
      {
        accountId: LABS_ACCOUNT.id,
        accountName: LABS_ACCOUNT.id,
        runtimes: [
          {
            runtimeName: 'labs-ci',
            ok: false,
            error: {
              code: 'account-key-missing',
              message: expect.stringMatching(/^No API key of this account/),
            },
          },
        ],
      },
    ]);
    expect(deregisteredWith(appProxyHost('labs-ci'))).toEqual([]);
    expect(aliceOn('labs-ci')).toBeDefined();
  });

  it('keeps the other account’s list true when the saved copy cannot be forgotten', async () => {
    const { leak, saved, routes, recordOf, id } = await sharedToken({ forgetFails: true });

    const answer = await leak.handle(id);

    expect(answer.forgotten).toBe(false);
    await routes.switchTo(await recordOf(LABS_ACCOUNT.id));
    expect((await saved.get(id)).runtimes).toEqual([]);
  });
});
