// The account gate and the account routes (accounts-setup.ts), each decision on its own: over the
// real vault behind the real policy gate, as create-services.ts wires them, with the platform's
// `me` answer and the runtime directory as small in-memory stand-ins that record what they were asked.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import type { MeAnswer } from '../../../../src/background/account/account-summary';
import { accountRoutesOf, createAccounts } from '../../../../src/background/account/accounts-setup';
import { createPolicyGate, gateVault } from '../../../../src/background/policy/policy-enforcement';
import { text } from '../../../../src/shared/i18n';
import { type ManagedPolicy, mergePolicy } from '../../../../src/shared/policy';
import { failureOf } from '../../failure';
import { GITHUB_SECRET, githubMeta, makeHarness } from '../vault/vault-harness';

const PLATFORM = 'https://g.codefresh.io';
const ACME_KEY = 'cf-key-acme-000000000000000000000000000';
const BETA_KEY = 'cf-key-beta-000000000000000000000000000';
const PASSPHRASE = 'correct horse battery staple';

const meOf = (accountId: string): MeAnswer => ({
  id: 'u1',
  name: 'Alice',
  email: 'alice@example.com',
  activeAccount: {
    id: accountId,
    name: accountId,
    gitProvider: 'github',
    gitApiUrl: 'https://api.github.com',
  },
});
const ME_BY_KEY: Record<string, MeAnswer> = { [ACME_KEY]: meOf('acme'), [BETA_KEY]: meOf('beta') };

/** The worker's account wiring; `policy` is the managed policy as last read, `unreadable` a failed read. */
const setUp = () => {
  const harness = makeHarness();
  const policy: { managed: ManagedPolicy; unreadable: boolean } = { managed: {}, unreadable: false };
  const gate = createPolicyGate(
    async () =>
      mergePolicy(
        { platformHosts: [PLATFORM], requirePassphrase: false, autoLockMinutes: 15, keepTokens: true },
        policy.managed,
        policy.unreadable,
      ),
    () => PLATFORM,
  );
  /** Every API key the platform was asked about, in order. */
  const askedMe: string[] = [];
  const { account, vault } = createAccounts({
    vault: gateVault(harness.vault, gate),
    gate,
    vaultMode: async () => (await harness.vault.status()).mode,
    me: async (apiKey) => {
      askedMe.push(apiKey);
      const me = ME_BY_KEY[apiKey];
      if (!me) throw new Error('unknown key');
      return me;
    },
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    platformOrigin: () => PLATFORM,
  });
  const savedKeys = async () => (await harness.vault.list('codefresh-api-key')).map((r) => r.accountId);
  /** From now on the policy allows another platform only, not the one in use. */
  const refusePlatform = () => {
    policy.managed = { allowedPlatformHosts: ['https://codefresh.acme.example'] };
  };
  return { harness, policy, account, vault, askedMe, savedKeys, refusePlatform };
};

const platformRefusal = {
  code: 'platform-not-allowed',
  message: text('platformInUseNotAllowed', [PLATFORM]),
};

describe('the account gate: saving an API key', () => {
  it('checks the key with the platform and keeps it when the policy allows the platform', async () => {
    const s = setUp();
    expect(await s.account.setApiKey(ACME_KEY)).toMatchObject({ accountId: 'acme' });
    expect(s.askedMe).toEqual([ACME_KEY]);
    expect(await s.savedKeys()).toEqual(['acme']);
  });

  it('refuses a platform the policy leaves out before the key is sent to it or saved', async () => {
    const s = setUp();
    s.refusePlatform();
    expect((await failureOf(s.account.setApiKey(ACME_KEY))).appError).toEqual(platformRefusal);
    expect(s.askedMe).toEqual([]);
    expect(await s.savedKeys()).toEqual([]);
  });

  it('refuses before the key is sent while a required passphrase is not set, and saves once it is', async () => {
    const s = setUp();
    s.policy.managed = { requirePassphrase: true };
    expect((await failureOf(s.account.setApiKey(ACME_KEY))).appError).toEqual({
      code: 'policy-passphrase-first',
      message: text('policyPassphraseFirst'),
    });
    expect(s.askedMe).toEqual([]);
    expect(await s.savedKeys()).toEqual([]);
    await s.harness.vault.enablePassphrase(PASSPHRASE);
    await s.account.setApiKey(ACME_KEY);
    expect(await s.savedKeys()).toEqual(['acme']);
  });

  it('refuses while the policy could not be read, without asking the platform', async () => {
    const s = setUp();
    s.policy.unreadable = true;
    expect((await failureOf(s.account.setApiKey(ACME_KEY))).appError.code).toBe('policy-unknown');
    expect(s.askedMe).toEqual([]);
  });
});

describe('the account gate: using a saved API key', () => {
  /** Two saved keys (acme in use), then the policy stops allowing the platform. */
  const signedInThenRefused = async () => {
    const s = setUp();
    await s.account.setApiKey(BETA_KEY);
    await s.account.setApiKey(ACME_KEY);
    await fakeBrowser.storage.session.clear();
    s.askedMe.length = 0;
    s.refusePlatform();
    return s;
  };

  it('hands the key to no caller once the platform is not allowed', async () => {
    const s = await signedInThenRefused();
    const handed: string[] = [];
    const refused = await failureOf(s.account.withApiKey(async (key) => handed.push(key)));
    expect(refused.appError).toEqual(platformRefusal);
    expect(handed).toEqual([]);
  });

  it('sends the key for no verified summary, alone or with another request, once the platform is not allowed', async () => {
    const s = await signedInThenRefused();
    const sent: string[] = [];
    expect((await failureOf(s.account.verifiedSummary())).appError).toEqual(platformRefusal);
    const both = s.account.verifiedWith(
      async (key) => sent.push(key),
      async (key) => {
        sent.push(key);
        return { me: meOf('acme'), value: 0 };
      },
    );
    expect((await failureOf(both)).appError).toEqual(platformRefusal);
    expect(s.askedMe).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('switches to no other account once the platform is not allowed', async () => {
    const s = await signedInThenRefused();
    const beta = (await s.account.accounts()).find((a) => a.accountId === 'beta')!;
    expect((await failureOf(s.account.switchTo(beta.id))).appError).toEqual(platformRefusal);
    expect((await s.account.accounts()).find((a) => a.active)?.accountId).toBe('acme');
  });

  it('uses the key in use again as soon as the platform is allowed', async () => {
    const s = await signedInThenRefused();
    s.policy.managed = {};
    expect(await s.account.withApiKey(async (key) => key)).toBe(ACME_KEY);
    expect(await s.account.verifiedSummary()).toMatchObject({ accountId: 'acme' });
    const beta = (await s.account.accounts()).find((a) => a.accountId === 'beta')!;
    expect(await s.account.switchTo(beta.id)).toMatchObject({ accountId: 'beta' });
  });
});

describe("the vault as the accounts' setup hands it on", () => {
  it('shows and keeps each saved Git token\'s "used on" list of the account in use', async () => {
    const s = setUp();
    await s.account.setApiKey(ACME_KEY);
    const id = await s.vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['prod'] }));
    await s.account.setApiKey(BETA_KEY);
    expect((await s.vault.list('git-token')).find((r) => r.id === id)?.runtimes).toEqual([]);
    const acme = (await s.account.accounts()).find((a) => a.accountId === 'acme')!;
    await s.account.switchTo(acme.id);
    expect((await s.vault.list('git-token')).find((r) => r.id === id)?.runtimes).toEqual(['prod']);
  });

  it('gives the lists kept while there was one account to that account when a second is added', async () => {
    const s = setUp();
    // Saved before any account was known: its list is nobody's yet.
    const id = await s.harness.vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['prod'] }));
    await s.account.setApiKey(ACME_KEY);
    await s.account.setApiKey(BETA_KEY);
    const record = (await s.harness.vault.list('git-token')).find((r) => r.id === id);
    expect(record?.usedOn).toEqual({ acme: ['prod'] });
  });
});

describe('the account routes: the runtime lists follow the account', () => {
  /** The runtime directory as the routes use it: what it was told, in order. */
  const directoryLog = () => {
    const told: string[] = [];
    return {
      told,
      directory: {
        detach: () => void told.push('detach'),
        forgetAccount: async (accountId: string) => void told.push(`forget ${accountId}`),
      },
    };
  };
  const routesOver = (s: ReturnType<typeof setUp>) => {
    const log = directoryLog();
    const lastSignedOut: string[] = [];
    const routes = accountRoutesOf({
      account: s.account,
      directory: log.directory,
      lastSignedOut: async () => void lastSignedOut.push('cleared'),
    });
    return { routes, told: log.told, lastSignedOut };
  };

  it('detaches the runtime list from the old account after a key is saved or another account chosen', async () => {
    const s = setUp();
    const { routes, told } = routesOver(s);
    await routes.setApiKey(ACME_KEY);
    await routes.setApiKey(BETA_KEY);
    const acme = (await s.account.accounts()).find((a) => a.accountId === 'acme')!;
    await routes.switchTo(acme.id);
    expect(told).toEqual(['detach', 'detach', 'detach']);
  });

  it('leaves the runtime list alone when saving a key or switching is refused', async () => {
    const s = setUp();
    const { routes, told } = routesOver(s);
    await routes.setApiKey(ACME_KEY);
    told.length = 0;
    s.refusePlatform();
    await failureOf(routes.setApiKey(BETA_KEY));
    const acme = (await s.account.accounts()).find((a) => a.accountId === 'acme')!;
    await failureOf(routes.switchTo(acme.id));
    expect(told).toEqual([]);
  });

  it("forgets a signed-out account's runtimes, and clears what sign-out clears only with the last account", async () => {
    const s = setUp();
    const { routes, told, lastSignedOut } = routesOver(s);
    await routes.setApiKey(ACME_KEY);
    await routes.setApiKey(BETA_KEY);
    told.length = 0;
    const acme = (await s.account.accounts()).find((a) => a.accountId === 'acme')!;
    await routes.signOut(acme.id);
    expect(told).toEqual(['detach', 'forget acme']);
    expect(lastSignedOut).toEqual([]);
    await routes.signOut();
    expect(told).toEqual(['detach', 'forget acme', 'detach', 'forget beta']);
    expect(lastSignedOut).toEqual(['cleared']);
  });

  it('forgets no runtimes when the key to sign out of is not saved', async () => {
    const s = setUp();
    const { routes, told, lastSignedOut } = routesOver(s);
    await routes.setApiKey(ACME_KEY);
    told.length = 0;
    await routes.signOut('no-such-record');
    expect(told).toEqual(['detach']);
    expect(lastSignedOut).toEqual([]);
    expect(await s.savedKeys()).toEqual(['acme']);
  });
});
