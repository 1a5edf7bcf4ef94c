import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import {
  createSavedGitTokens,
  findSavedCopy,
  inNamedOrder,
  keepErrorOf,
  splitByFit,
} from '../../../../src/background/tokens/saved-git-tokens';
import { recordKey } from '../../../../src/background/vault/vault-keys';
import { AppFailure } from '../../../../src/shared/errors';
import type { TokenValidation } from '../../../../src/shared/validation-types';
import { GITHUB_SECRET, GITLAB_SECRET, gitlabMeta, makeHarness } from '../vault/vault-harness';

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

describe('saved Git tokens over the vault', () => {
  it('saves a validated token as a git-token record and lists it as a KeptToken', async () => {
    const { vault } = makeHarness();
    const keeper = createSavedGitTokens(vault);
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
    const keeper = createSavedGitTokens(vault);
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
    const keeper = createSavedGitTokens(vault);
    const id = await keeper.save(GITHUB_SECRET, validation(), ['prod']);
    await Promise.all([keeper.addRuntimes(id, ['staging']), keeper.addRuntimes(id, ['dev', 'prod'])]);
    expect((await keeper.listTokens())[0]!.runtimes).toEqual(['prod', 'staging', 'dev']);
    await keeper.dropRuntimes(id, ['prod']);
    expect((await keeper.listTokens())[0]!.runtimes).toEqual(['staging', 'dev']);
  });

  it('offers neither API keys nor unreadable records for reuse', async () => {
    const { vault } = makeHarness();
    const keeper = createSavedGitTokens(vault);
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

describe('saved Git tokens: the steps every flow shares', () => {
  const target = { provider: 'GITHUB' as const, apiUrl: 'https://api.github.com' };

  it('splits runtimes by fit: same provider and Git API, ignoring case and trailing slashes', () => {
    const runtimes = [
      { name: 'a', gitProvider: 'GITHUB' as const, gitApiUrl: 'https://API.github.com/' },
      { name: 'b', gitProvider: 'GITLAB' as const, gitApiUrl: 'https://api.github.com' },
      { name: 'c', gitProvider: 'GITHUB' as const, gitApiUrl: 'https://ghe.example/api/v3' },
      { name: 'd', gitProvider: null, gitApiUrl: null },
    ];
    const { fitting, misfits } = splitByFit(target, runtimes);
    expect(fitting.map((r) => r.name)).toEqual(['a']);
    expect(misfits.map((r) => r.name)).toEqual(['b', 'c', 'd']);
    expect(splitByFit({ provider: null, apiUrl: 'https://api.github.com' }, runtimes).fitting).toEqual([]);
  });

  it('orders results as the runtimes were named and leaves out names without one', () => {
    const results = [{ runtimeName: 'b' }, { runtimeName: 'a' }];
    expect(inNamedOrder(['a', 'x', 'b'], results)).toEqual([{ runtimeName: 'a' }, { runtimeName: 'b' }]);
  });

  it("keeps the vault's own reason for a failed keep, and says the fallback for anything else", () => {
    expect(keepErrorOf(new AppFailure('vault-locked', 'Unlock first.'), 'fallback')).toEqual({
      code: 'vault-locked',
      message: 'Unlock first.',
    });
    expect(keepErrorOf(new Error('QUOTA_BYTES quota exceeded'), 'Could not save.')).toEqual({
      code: 'keep-failed',
      message: 'Could not save.',
    });
  });

  it('finds the saved copy of a token, decrypting only plausible candidates', async () => {
    const { vault } = makeHarness();
    const saved = createSavedGitTokens(vault);
    const id = await saved.save(GITHUB_SECRET, validation(), ['prod']);
    await saved.save(
      GITLAB_SECRET,
      validation({ provider: 'GITLAB', apiUrl: 'https://gitlab.com/api/v4' }),
      [],
    );
    const lastFour = GITHUB_SECRET.slice(-4);
    expect((await findSavedCopy(saved, GITHUB_SECRET, { ...target, lastFour }))?.id).toBe(id);
    expect(await findSavedCopy(saved, GITHUB_SECRET, { ...target, lastFour }, id)).toBeUndefined();
    expect(
      await findSavedCopy(saved, `${GITHUB_SECRET.slice(0, -1)}X`, { ...target, lastFour }),
    ).toBeUndefined();
  });

  it('lists saved tokens for pages with their access state and the unreadable ones flagged', async () => {
    const { vault } = makeHarness();
    const saved = createSavedGitTokens(vault, async () => false);
    const id = await saved.save(GITHUB_SECRET, validation(), ['prod']);
    const listed = await saved.listSaved();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, lastFour: GITHUB_SECRET.slice(-4), runtimes: ['prod'] });
    expect(JSON.stringify(listed)).not.toContain(GITHUB_SECRET);
  });
});
