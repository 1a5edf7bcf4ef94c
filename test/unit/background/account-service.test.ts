import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import {
  type ApiKeyVault,
  createAccountService,
  type MeAnswer,
} from '../../../src/background/account-service';
import { leavePlatform } from '../../../src/background/platform-switch';
import { AppFailure } from '../../../src/shared/errors';

const ALICE: MeAnswer = {
  id: 'u-alice',
  name: 'Alice Example',
  email: 'alice@acme.example',
  activeAccount: { id: 'acc-1', name: 'acme', gitProvider: 'GITHUB', gitApiUrl: 'https://api.github.com' },
};

/** An in-memory vault holding API keys, enough to watch what the service stores and replaces. */
const memoryVault = () => {
  const records = new Map<string, string>();
  const origins = new Map<string, string>();
  let next = 0;
  const vault: ApiKeyVault = {
    list: async () => [...records.keys()].map((id) => ({ id, apiUrl: origins.get(id)! })),
    saveOnly: async (secret, meta) => {
      const existing = [...origins].find(([, origin]) => origin === meta.apiUrl)?.[0];
      const id = existing ?? `r${++next}`;
      records.set(id, secret);
      origins.set(id, meta.apiUrl);
      return id;
    },
    withSecret: async (id, fn) => fn(records.get(id)!),
    removeKind: async () => {
      records.clear();
      origins.clear();
    },
  };
  return { vault, records };
};

const memoryArea = () => {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key: string) => (key in data ? { [key]: data[key] } : {}),
    set: async (items: Record<string, unknown>) => {
      Object.assign(data, items);
    },
    remove: async (key: string) => {
      delete data[key];
    },
  };
};

const setup = (knownKeys: Record<string, MeAnswer> = { 'good.key': ALICE, 'new.key': ALICE }) => {
  const { vault, records } = memoryVault();
  const storage = memoryArea();
  const asked: string[] = [];
  const service = createAccountService({
    vault,
    storage,
    platformOrigin: () => 'https://g.codefresh.io',
    me: async (key) => {
      asked.push(key);
      const me = knownKeys[key];
      if (!me) throw new AppFailure('codefresh-unauthorized', 'Codefresh refused the API key.');
      return me;
    },
  });
  return { service, records, storage, asked };
};

describe('the account service', () => {
  it('checks a key with `me`, stores it, and remembers who signed in', async () => {
    const { service, records } = setup();
    await expect(service.setApiKey('  good.key\n')).resolves.toMatchObject({
      userId: 'u-alice',
      name: 'Alice Example',
      accountName: 'acme',
    });
    expect([...records.values()]).toEqual(['good.key']);
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
    const { service, records } = setup();
    await service.setApiKey('good.key');
    await expect(service.setApiKey('wrong.key')).rejects.toMatchObject({
      appError: { code: 'codefresh-unauthorized' },
    });
    expect([...records.values()]).toEqual(['good.key']);
  });

  it('replaces the key in place once a new one is verified', async () => {
    const { service, records } = setup();
    await service.setApiKey('good.key');
    await service.setApiKey('new.key');
    expect([...records.values()]).toEqual(['new.key']);
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
      appError: { code: 'no-api-key', link: 'https://g.codefresh.io/user/settings' },
    });
  });

  it('forgets the key and, by their declaration, the summary and its verified copy on sign-out', async () => {
    const { vault, records } = memoryVault();
    const [local, session] = [fakeBrowser.storage.local, fakeBrowser.storage.session];
    const service = createAccountService({
      vault,
      storage: local,
      session,
      platformOrigin: () => 'https://g.codefresh.io',
      me: async () => ALICE,
    });
    await service.setApiKey('good.key');
    await leavePlatform('sign-out', { account: service, areas: { local, session } });
    expect(records.size).toBe(0);
    expect(await local.get(null)).toEqual({});
    expect(await session.get(null)).toEqual({});
    await expect(service.summary()).resolves.toBeNull();
  });
});
