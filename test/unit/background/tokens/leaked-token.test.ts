import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { revokeAtProvider } from '../../../../src/background/providers/revoke-token';
import { validateToken } from '../../../../src/background/providers/validate-token';
import { createLeakedToken } from '../../../../src/background/tokens/leaked-token';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import type { NewRecord, TokenVault } from '../../../../src/background/vault/vault-types';
import { AppFailure } from '../../../../src/shared/errors';
import type { RuntimeView } from '../../../../src/shared/runtime-types';
import { createFakeGitProviders, FAKE_GIT_API_URLS } from '../../../simulator/git-providers/index';
import { SEED_TOKENS } from '../../../simulator/git-providers/seed-tokens';
import type { FetchHandler } from '../../../simulator/types';
import { runtime } from '../../popup/fake-popup-api';

const LEAKED = SEED_TOKENS.githubClassicOk;

const meta = (over: Partial<NewRecord> = {}): NewRecord => ({
  kind: 'git-token',
  provider: 'GITHUB',
  apiUrl: FAKE_GIT_API_URLS.github,
  login: LEAKED.login,
  scopes: [...LEAKED.scopes],
  expiresAt: LEAKED.expiresAt,
  tokenType: 'github-classic',
  runtimes: ['production', 'staging', 'sandbox'],
  ...over,
});

describe('a leaked token, handled in one action', () => {
  let vault: TokenVault;
  let providers: ReturnType<typeof createFakeGitProviders>;
  /** What reaches the Git provider: the fake hosts, unless a test puts a fault in front. */
  let gitHost: FetchHandler;
  let gitRequests: string[];
  let runtimes: RuntimeView[];
  /** Runtime → the user's token there (what app-proxy holds). */
  let registered: Map<string, string>;
  let down: Set<string>;

  const leak = (
    v: Pick<TokenVault, 'status' | 'list' | 'withSecret' | 'save' | 'updateMeta' | 'remove'> = vault,
  ) =>
    createLeakedToken({
      vault: v,
      saved: createSavedGitTokens(v),
      revoke: (input, withToken) =>
        revokeAtProvider(input, withToken, {
          fetch: async (url, init) => {
            const request = new Request(url, init);
            gitRequests.push(`${request.method} ${request.url}`);
            return gitHost(request);
          },
        }),
      findRuntime: async (name) => {
        const found = runtimes.find((r) => r.name === name);
        if (!found) throw new AppFailure('runtime-not-found', `Codefresh has no runtime named "${name}".`);
        return found;
      },
      removeFromRuntime: async (name) => {
        if (down.has(name)) throw new AppFailure('app-proxy-down', `${name}'s app-proxy is down. Try later.`);
        registered.delete(name);
      },
    });

  const stillValidAtGitHub = () =>
    validateToken(
      { token: LEAKED.token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.github },
      { fetch: async (url, init) => providers.handle(new Request(url, init)) },
    ).then(
      () => true,
      () => false,
    );

  beforeEach(() => {
    vault = createTokenVault({
      storage: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      keyStore: createDeviceKeyStore(new IDBFactory()),
      alarms: fakeBrowser.alarms,
      kdfIterations: 1_000,
      testOnlyKdfFloor: 1_000,
    });
    providers = createFakeGitProviders();
    gitHost = providers.handle;
    gitRequests = [];
    runtimes = [runtime('production'), runtime('staging'), runtime('sandbox')];
    registered = new Map(runtimes.map((r) => [r.name, LEAKED.token]));
    down = new Set();
  });

  it('revokes it at GitHub, removes it from every runtime and forgets it', async () => {
    const id = await vault.save(LEAKED.token, meta());
    expect(await stillValidAtGitHub()).toBe(true);

    const answer = await leak().handle(id);

    expect(answer).toEqual({
      provider: { outcome: 'revoked', place: 'GitHub (github.com)' },
      runtimes: [
        { runtimeName: 'production', ok: true },
        { runtimeName: 'staging', ok: true },
        { runtimeName: 'sandbox', ok: true },
      ],
      forgotten: true,
    });
    expect(gitRequests).toEqual(['POST https://api.github.com/credentials/revoke']);
    expect(await stillValidAtGitHub()).toBe(false);
    expect([...registered.keys()]).toEqual([]);
    expect(await vault.list('git-token')).toEqual([]);
  });

  it('goes on after a runtime fails and names it', async () => {
    down.add('staging');
    const id = await vault.save(LEAKED.token, meta());

    const answer = await leak().handle(id);

    expect(answer.provider.outcome).toBe('revoked');
    expect(answer.runtimes).toEqual([
      { runtimeName: 'production', ok: true },
      {
        runtimeName: 'staging',
        ok: false,
        error: { code: 'app-proxy-down', message: "staging's app-proxy is down. Try later." },
      },
      { runtimeName: 'sandbox', ok: true },
    ]);
    expect([...registered.keys()]).toEqual(['staging']);
    expect(answer.forgotten).toBe(true);
  });

  it('still removes and forgets when GitHub fails, and says the token may still work', async () => {
    gitHost = async () => new Response('{"message":"Server Error"}', { status: 500 });
    const id = await vault.save(LEAKED.token, meta());

    const answer = await leak().handle(id);

    expect(answer.provider).toMatchObject({
      outcome: 'failed',
      link: 'https://github.com/settings/tokens',
      error: { code: 'revoke-failed' },
    });
    expect(answer.provider.outcome === 'failed' && answer.provider.error.message).toMatch(
      /^Not revoked at GitHub \(github\.com\)\. .*until then it may still work\.$/,
    );
    expect(answer.runtimes.every((r) => r.ok)).toBe(true);
    expect(answer.forgotten).toBe(true);
    expect(await vault.list('git-token')).toEqual([]);
  });

  it('leaves alone a runtime that moved to another Git host, and says why', async () => {
    runtimes[2] = runtime('sandbox', { gitProvider: 'GITLAB', gitApiUrl: FAKE_GIT_API_URLS.gitlab });
    const id = await vault.save(LEAKED.token, meta());

    const answer = await leak().handle(id);

    expect(answer.runtimes[2]).toMatchObject({
      runtimeName: 'sandbox',
      ok: false,
      error: { code: 'token-wrong-host' },
    });
    expect(registered.has('sandbox')).toBe(true);
  });

  it('does nothing while the vault is locked (revoking needs the secret)', async () => {
    const id = await vault.save(LEAKED.token, meta());
    const locked = { ...vault, status: async () => ({ ...(await vault.status()), locked: true }) };

    await expect(leak(locked).handle(id)).rejects.toMatchObject({ appError: { code: 'vault-locked' } });

    expect(gitRequests).toEqual([]);
    expect(registered.size).toBe(3);
    expect(await vault.list('git-token')).toHaveLength(1);
  });

  it('names a saved copy it could not forget, after doing the rest', async () => {
    const id = await vault.save(LEAKED.token, meta());
    const stuck = {
      ...vault,
      remove: async () => {
        throw new AppFailure('storage-full', 'The browser refused to write the extension storage.');
      },
    };

    const answer = await leak(stuck).handle(id);

    expect(answer.provider.outcome).toBe('revoked');
    expect(answer.runtimes.every((r) => r.ok)).toBe(true);
    expect(answer).toMatchObject({ forgotten: false, forgetError: { code: 'storage-full' } });
  });

  it('opens nothing and sends nothing for Bitbucket, and still removes and forgets', async () => {
    const bb = SEED_TOKENS.bitbucketApiTokenOk;
    runtimes = [runtime('bb', { gitProvider: 'BITBUCKET', gitApiUrl: FAKE_GIT_API_URLS.bitbucket })];
    registered = new Map([['bb', bb.token]]);
    const id = await vault.save(
      bb.token,
      meta({
        provider: 'BITBUCKET',
        apiUrl: FAKE_GIT_API_URLS.bitbucket,
        runtimes: ['bb'],
        username: bb.email,
      }),
    );

    const answer = await leak().handle(id);

    expect(gitRequests).toEqual([]);
    expect(answer).toEqual({
      provider: {
        outcome: 'manual',
        place: 'Bitbucket Cloud (bitbucket.org)',
        link: 'https://id.atlassian.com/manage-profile/security/api-tokens',
      },
      runtimes: [{ runtimeName: 'bb', ok: true }],
      forgotten: true,
    });
  });
});
