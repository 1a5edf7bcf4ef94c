// Another signed-in account's API key, for "This token leaked" on that account's runtimes: only a
// key of the platform in use, only the one the platform still says belongs to that account.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import type { MeAnswer } from '../../../../src/background/account/account-summary';
import { createKeyOfAccount } from '../../../../src/background/account/key-of-account';
import { AppFailure } from '../../../../src/shared/errors';
import { makeHarness } from '../vault/vault-harness';

const PLATFORM = 'https://g.codefresh.io';
const meIn = (accountId: string): MeAnswer => ({
  id: 'u-alice',
  name: 'Alice',
  email: 'alice@acme.example',
  activeAccount: { id: accountId, name: `name-${accountId}`, gitProvider: 'GITHUB', gitApiUrl: null },
});
const keyMeta = (apiUrl: string, accountId: string) =>
  ({
    kind: 'codefresh-api-key',
    provider: null,
    apiUrl,
    login: null,
    scopes: null,
    expiresAt: null,
    tokenType: 'codefresh-api-key',
    runtimes: [],
    accountId,
  }) as const;

const setUp = async (answers: Record<string, MeAnswer>) => {
  const { vault } = makeHarness();
  await vault.save('labs.key', keyMeta(PLATFORM, 'acc-labs'));
  await vault.save('elsewhere.key', keyMeta('https://cf.other.example', 'acc-other'));
  const asked: string[] = [];
  const keyOf = createKeyOfAccount({
    vault,
    platformOrigin: () => PLATFORM,
    session: fakeBrowser.storage.session,
    me: async (key) => {
      asked.push(key);
      const me = answers[key];
      if (!me) throw new AppFailure('codefresh-unauthorized', 'Codefresh refused the API key.');
      return me;
    },
  });
  const used: string[] = [];
  const run = (accountId: string) =>
    keyOf(accountId, async (key, me) => {
      used.push(key);
      return me.accountName;
    });
  return { run, used, asked };
};

describe('the API key of another signed-in account', () => {
  it('is that account’s own key, checked with the platform', async () => {
    const { run, used } = await setUp({ 'labs.key': meIn('acc-labs') });
    await expect(run('acc-labs')).resolves.toBe('name-acc-labs');
    expect(used).toEqual(['labs.key']);
  });

  it('is never a key saved for another platform', async () => {
    const { run, used, asked } = await setUp({ 'elsewhere.key': meIn('acc-other') });
    await expect(run('acc-other')).rejects.toMatchObject({ appError: { code: 'account-key-missing' } });
    expect([...used, ...asked]).toEqual([]);
  });

  it('is not used when the platform now says it belongs to another account', async () => {
    const { run, used } = await setUp({ 'labs.key': meIn('acc-somewhere-else') });
    await expect(run('acc-labs')).rejects.toMatchObject({ appError: { code: 'account-key-missing' } });
    expect(used).toEqual([]);
  });

  it('passes on the platform’s refusal of the key, and uses it for nothing', async () => {
    const { run, used } = await setUp({});
    await expect(run('acc-labs')).rejects.toMatchObject({ appError: { code: 'codefresh-unauthorized' } });
    expect(used).toEqual([]);
  });
});
