import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createAccountService, type MeAnswer } from '../../../../src/background/account/account-service';
import { AppFailure } from '../../../../src/shared/errors';
import { makeHarness } from '../vault/vault-harness';

const ALICE: MeAnswer = {
  id: 'u-alice',
  name: 'Alice Example',
  email: 'alice@acme.example',
  activeAccount: { id: 'acc-1', name: 'acme', gitProvider: 'GITHUB', gitApiUrl: 'https://api.github.com' },
};
/** The same person's key to a second account on the same platform (another team). */
const ALICE_IN_GITLAB: MeAnswer = {
  ...ALICE,
  activeAccount: {
    id: 'acc-2',
    name: 'acme-gitlab',
    gitProvider: 'GITLAB',
    gitApiUrl: 'https://gitlab.com/api/v4',
  },
};
const PLATFORM = 'https://g.codefresh.io';

const apiKeyMeta = (apiUrl: string, accountId?: string) =>
  ({
    kind: 'codefresh-api-key',
    provider: null,
    apiUrl,
    login: null,
    scopes: null,
    expiresAt: null,
    tokenType: 'codefresh-api-key',
    runtimes: [],
    ...(accountId ? { accountId } : {}),
  }) as const;

/** The account service over a real vault and fake-browser storage; `me` answers from a table. */
const setup = (
  knownKeys: Record<string, MeAnswer> = {
    'good.key': ALICE,
    'new.key': ALICE,
    'gitlab.key': ALICE_IN_GITLAB,
  },
) => {
  const { vault, clock } = makeHarness();
  const asked: string[] = [];
  const claimed: string[] = [];
  const service = createAccountService({
    vault,
    storage: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    platformOrigin: () => PLATFORM,
    me: async (key) => {
      asked.push(key);
      // Each key is saved a moment after the one before: "oldest first" is then well defined.
      clock.now += 1_000;
      const me = knownKeys[key];
      if (!me) throw new AppFailure('codefresh-unauthorized', 'Codefresh refused the API key.');
      return me;
    },
    beforeSecondAccount: async (accountId) => void claimed.push(accountId),
  });
  const keys = async () =>
    Promise.all(
      (await vault.list('codefresh-api-key')).map(async (r) => ({
        apiUrl: r.apiUrl,
        accountId: r.accountId,
        key: await vault.withSecret(r.id, async (s) => s),
      })),
    );
  const inUse = () => service.withApiKey(async (k) => k);
  return { service, vault, keys, asked, claimed, inUse };
};

describe('the account service', () => {
  it('checks a key with `me`, stores it, and remembers who signed in', async () => {
    const { service, keys } = setup();
    await expect(service.setApiKey('  good.key\n')).resolves.toMatchObject({
      userId: 'u-alice',
      name: 'Alice Example',
      accountName: 'acme',
    });
    expect(await keys()).toEqual([{ apiUrl: PLATFORM, accountId: 'acc-1', key: 'good.key' }]);
    await expect(service.summary()).resolves.toMatchObject({ gitApiUrl: 'https://api.github.com' });
    await expect(service.withApiKey(async (k) => k.length)).resolves.toBe('good.key'.length);
  });

  it('names an account without a name (models_gen.go: Account.name is nullable) by its id', async () => {
    const { service } = setup({
      'dc.key': {
        ...ALICE,
        activeAccount: { id: 'acc-dc', name: null, gitProvider: 'BITBUCKET_SERVER', gitApiUrl: null },
      },
    });
    await expect(service.setApiKey('dc.key')).resolves.toMatchObject({
      accountId: 'acc-dc',
      accountName: 'acc-dc',
      gitProvider: 'BITBUCKET_SERVER',
      gitApiUrl: null,
    });
  });

  it('keeps the old key when a new one is refused', async () => {
    const { service, keys } = setup();
    await service.setApiKey('good.key');
    await expect(service.setApiKey('wrong.key')).rejects.toMatchObject({
      appError: { code: 'codefresh-unauthorized' },
    });
    expect((await keys()).map((k) => k.key)).toEqual(['good.key']);
  });

  it('replaces the key of the same account in place once a new one is verified', async () => {
    const { service, keys } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('new.key');
    expect((await keys()).map((k) => k.key)).toEqual(['new.key']);
  });

  it.each([
    ['', 'api-key-empty'],
    ['   ', 'api-key-empty'],
    ['two words', 'api-key-malformed'],
    ['key\u0000', 'api-key-malformed'],
  ])('refuses %j without asking Codefresh', async (raw, code) => {
    const { service, asked } = setup();
    await expect(service.setApiKey(raw)).rejects.toMatchObject({ appError: { code } });
    expect(asked).toEqual([]);
  });

  it('says where to create a key when none is stored', async () => {
    const { service } = setup();
    await expect(service.withApiKey(async () => 1)).rejects.toMatchObject({
      appError: { code: 'no-api-key', link: `${PLATFORM}/user/settings` },
    });
  });

  it('forgets the key and the summary on sign-out', async () => {
    const { service, keys } = setup();
    await service.setApiKey('good.key');
    await expect(service.signOut()).resolves.toBe('acc-1');
    expect(await keys()).toEqual([]);
    await expect(service.summary()).resolves.toBeNull();
    await expect(service.accounts()).resolves.toEqual([]);
  });
});

describe('several accounts on one platform', () => {
  it('keeps one key per account, the newest in use, and lists both', async () => {
    const { service, keys, inUse, claimed } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('gitlab.key');
    expect((await keys()).map((k) => [k.accountId, k.key])).toEqual([
      ['acc-1', 'good.key'],
      ['acc-2', 'gitlab.key'],
    ]);
    // What was kept while acme was the only account is acme's, not the new account's.
    expect(claimed).toEqual(['acc-1']);
    expect(await inUse()).toBe('gitlab.key');
    expect((await service.accounts()).map((a) => [a.accountName, a.active])).toEqual([
      ['acme', false],
      ['acme-gitlab', true],
    ]);
    await expect(service.summary()).resolves.toMatchObject({ accountId: 'acc-2' });
    await expect(service.activeAccountId()).resolves.toBe('acc-2');
  });

  it('switches in one step: the other key is sent and the other account is summarised', async () => {
    const { service, inUse } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('gitlab.key');
    const acme = (await service.accounts()).find((a) => a.accountId === 'acc-1')!;
    await expect(service.switchTo(acme.id)).resolves.toMatchObject({ accountName: 'acme' });
    expect(await inUse()).toBe('good.key');
    await expect(service.verifiedSummary()).resolves.toMatchObject({
      accountId: 'acc-1',
      gitApiUrl: 'https://api.github.com',
    });
    await expect(service.activeAccountId()).resolves.toBe('acc-1');
  });

  it('refuses to switch to a record that is not one of this platform’s keys', async () => {
    const { service, vault, inUse } = setup();
    await service.setApiKey('good.key');
    const elsewhere = await vault.save('other.key', apiKeyMeta('https://cf.evil.example', 'acc-9'));
    await expect(service.switchTo(elsewhere)).rejects.toMatchObject({
      appError: { code: 'account-missing' },
    });
    expect(await inUse()).toBe('good.key');
  });

  it('signs out of the account in use only; the remaining one takes its place', async () => {
    const { service, keys, inUse } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('gitlab.key');
    await expect(service.signOut()).resolves.toBe('acc-2');
    expect((await keys()).map((k) => k.key)).toEqual(['good.key']);
    expect(await inUse()).toBe('good.key');
    await expect(service.summary()).resolves.toMatchObject({ accountName: 'acme' });
    await expect(service.signOut()).resolves.toBe('acc-1');
    await expect(service.summary()).resolves.toBeNull();
  });

  it('signs out of a named account without changing the one in use', async () => {
    const { service, keys, inUse } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('gitlab.key');
    const acme = (await service.accounts()).find((a) => a.accountId === 'acc-1')!;
    await expect(service.signOut(acme.id)).resolves.toBe('acc-1');
    expect((await keys()).map((k) => k.key)).toEqual(['gitlab.key']);
    expect(await inUse()).toBe('gitlab.key');
  });

  it('a rewritten choice in storage.local picks only among this platform’s own keys', async () => {
    const { service, vault, inUse } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('gitlab.key');
    const elsewhere = await vault.save('other.key', apiKeyMeta('https://cf.evil.example', 'acc-9'));
    await fakeBrowser.storage.local.set({ 'account.active.v1': elsewhere });
    // Not the other platform's key: the oldest key of this platform.
    expect(await inUse()).toBe('good.key');
    await fakeBrowser.storage.local.set({ 'account.active.v1': 'no-such-record' });
    expect(await inUse()).toBe('good.key');
  });

  it('ties a key saved before accounts were kept apart to its account, so it is not duplicated', async () => {
    const { service, vault, keys } = setup();
    // One key as the single-account version saved it: no account id on the record.
    await vault.saveOnly('good.key', apiKeyMeta(PLATFORM));
    await service.setApiKey('gitlab.key');
    await service.setApiKey('new.key');
    expect((await keys()).map((k) => [k.accountId, k.key])).toEqual([
      ['acc-1', 'new.key'],
      ['acc-2', 'gitlab.key'],
    ]);
  });

  it('forgets every key and summary when the platform is left', async () => {
    const { service, keys } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('gitlab.key');
    await service.signOutAll();
    expect(await keys()).toEqual([]);
    expect(await fakeBrowser.storage.local.get(['accounts.v1', 'account.active.v1'])).toEqual({});
    expect(await fakeBrowser.storage.session.get('account.verified.v2')).toEqual({});
  });
});
