import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createTokenKeeper } from '../../../../src/background/vault/token-keeper';
import { recordKey } from '../../../../src/background/vault/vault-layout';
import type { TokenValidation } from '../../../../src/shared/validation-types';
import { GITHUB_SECRET, GITLAB_SECRET, gitlabMeta, makeHarness } from './vault-harness';

const BITBUCKET_SECRET = 'ATBBvaultTESTsecret000000000000000QQQQ';

const validation = (over: Partial<TokenValidation> = {}): TokenValidation => ({
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: 'octocat',
  tokenType: 'github-classic',
  scopes: ['repo', 'admin:repo_hook'],
  requiredScopes: ['repo'],
  missingScopes: [],
  recommendedScopes: [],
  expiresAt: '2031-02-03T00:00:00.000Z',
  expiryKnown: true,
  lastFour: GITHUB_SECRET.slice(-4),
  warnings: [],
  blockers: [],
  createTokenUrl: 'https://github.com/settings/tokens/new',
  ...over,
});

describe('token keeper over the vault', () => {
  it('saves a validated token as a git-token record and lists it as a KeptToken', async () => {
    const { vault } = makeHarness();
    const keeper = createTokenKeeper(vault);
    const id = await keeper.save(GITHUB_SECRET, validation(), ['prod']);
    expect(await keeper.listTokens()).toEqual([
      {
        id,
        provider: 'GITHUB',
        apiUrl: 'https://api.github.com',
        lastFour: validation().lastFour,
        login: 'octocat',
        runtimes: ['prod'],
      },
    ]);
    const [record] = await vault.list();
    expect(record).toMatchObject({
      kind: 'git-token',
      tokenType: 'github-classic',
      scopes: ['repo', 'admin:repo_hook'],
      expiresAt: '2031-02-03T00:00:00.000Z',
    });
    expect(record).not.toHaveProperty('username');
    expect(await keeper.withSecret(id, async (s) => s === GITHUB_SECRET)).toBe(true);
  });

  it('keeps the Bitbucket username beside the token', async () => {
    const { vault } = makeHarness();
    const keeper = createTokenKeeper(vault);
    const id = await keeper.save(
      BITBUCKET_SECRET,
      validation({
        provider: 'BITBUCKET',
        apiUrl: 'https://api.bitbucket.org/2.0',
        tokenType: 'bitbucket-api-token',
      }),
      ['prod'],
      'dev@example.com',
    );
    expect((await vault.list())[0]).toMatchObject({ id, username: 'dev@example.com', provider: 'BITBUCKET' });
  });

  it('adds and drops runtime names on the record as stored, not on a copy read earlier', async () => {
    const { vault } = makeHarness();
    const keeper = createTokenKeeper(vault);
    const id = await keeper.save(GITHUB_SECRET, validation(), ['prod']);
    await Promise.all([keeper.addRuntimes(id, ['staging']), keeper.addRuntimes(id, ['dev', 'prod'])]);
    expect((await keeper.listTokens())[0]!.runtimes).toEqual(['prod', 'staging', 'dev']);
    await keeper.dropRuntimes(id, ['prod']);
    expect((await keeper.listTokens())[0]!.runtimes).toEqual(['staging', 'dev']);
  });

  it('offers neither API keys nor unreadable records for reuse', async () => {
    const { vault } = makeHarness();
    const keeper = createTokenKeeper(vault);
    const good = await keeper.save(GITHUB_SECRET, validation(), []);
    const bad = await vault.save(GITLAB_SECRET, gitlabMeta());
    await vault.save('cf-api-key-VAULTTEST-7777', {
      kind: 'codefresh-api-key',
      provider: null,
      apiUrl: 'https://g.codefresh.io',
      login: null,
      scopes: null,
      expiresAt: null,
      tokenType: 'codefresh-api-key',
      runtimes: [],
    });
    const stored = (await fakeBrowser.storage.local.get(recordKey(bad)))[recordKey(bad)] as {
      secret: string;
    };
    await fakeBrowser.storage.local.set({ [recordKey(bad)]: { ...stored, secret: 'v1.garbage.garbage' } });
    expect((await keeper.listTokens()).map((k) => k.id)).toEqual([good]);
    expect((await vault.list('git-token')).map((r) => r.id).sort()).toEqual([good, bad].sort());
  });
});
