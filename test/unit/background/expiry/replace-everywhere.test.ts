import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createReplaceEverywhere,
  type RotateInput,
} from '../../../../src/background/expiry/replace-everywhere';
import { validateToken } from '../../../../src/background/providers/validate-token';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import type { NewRecord, TokenVault } from '../../../../src/background/vault/vault-types';
import { AppFailure } from '../../../../src/shared/errors';
import type { RuntimeApplyResult } from '../../../../src/shared/messages/token';
import type { RuntimeView } from '../../../../src/shared/runtime-types';
import { createFakeGitProviders } from '../../../simulator/git-providers/index';
import { SEED_TOKENS } from '../../../simulator/git-providers/seed-tokens';
import { runtime } from '../../popup/fake-popup-api';

const OLD = SEED_TOKENS.githubClassicNearExpiry;
const NEW = SEED_TOKENS.githubClassicOk;

const oldMeta = (over: Partial<NewRecord> = {}): NewRecord => ({
  kind: 'git-token',
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: OLD.login,
  scopes: [...OLD.scopes],
  expiresAt: OLD.expiresAt,
  tokenType: 'github-classic',
  runtimes: ['production', 'edge', 'staging'],
  ...over,
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppFailure ? error.appError.code : String(error)),
  );

describe('replace everywhere', () => {
  let vault: TokenVault;
  let runtimes: RuntimeView[];
  let registered: Map<string, string>;
  let down: Set<string>;
  let applyCalls: string[][];
  let progress: string[];
  let gitRequests: number;

  const makeRotation = () => {
    const providers = createFakeGitProviders();
    return createReplaceEverywhere({
      vault,
      saved: createSavedGitTokens(vault),
      validate: (input) =>
        validateToken(input, {
          fetch: async (url, init) => {
            gitRequests++;
            return providers.handle(new Request(url, init));
          },
        }),
      findRuntime: async (name) => {
        if (name === 'broken') throw new Error('socket hang up');
        const found = runtimes.find((r) => r.name === name);
        if (!found) throw new AppFailure('runtime-not-found', `Codefresh has no runtime named "${name}".`);
        return found;
      },
      applyToRuntimes: async ({ runtimes: targets, withToken, onProgress }) => {
        applyCalls.push(targets.map((r) => r.name));
        const results: RuntimeApplyResult[] = [];
        for (const r of targets) {
          onProgress?.(r.name, 'running');
          if (down.has(r.name)) {
            const error = { code: 'app-proxy-down', message: `${r.name}'s app-proxy is down. Try later.` };
            onProgress?.(r.name, 'failed', error);
            results.push({ runtimeName: r.name, ok: false, error });
            continue;
          }
          await withToken(async (token) => registered.set(r.name, token));
          onProgress?.(r.name, 'done');
          results.push({ runtimeName: r.name, ok: true });
        }
        return results;
      },
      broadcast: (event) => progress.push(`${event.runtimeName}:${event.state}`),
    });
  };

  const rotate = (over: Partial<RotateInput> & Pick<RotateInput, 'oldRecordId'>) =>
    makeRotation().rotate({ newToken: NEW.token, confirmDifferentOwner: false, ...over });

  const secretOf = (id: string) => vault.withSecret(id, async (s) => s);
  const records = () => vault.list('git-token');

  beforeEach(() => {
    vault = createTokenVault({
      storage: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      keyStore: createDeviceKeyStore(new IDBFactory()),
      alarms: fakeBrowser.alarms,
      kdfIterations: 1_000,
      testOnlyKdfFloor: 1_000,
    });
    runtimes = [runtime('production'), runtime('edge'), runtime('staging')];
    registered = new Map();
    down = new Set();
    applyCalls = [];
    progress = [];
    gitRequests = 0;
  });

  it('replaces the saved token in place when every runtime takes the new one', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    const answer = await rotate({ oldRecordId: id });

    expect(gitRequests).toBe(1);
    expect(answer).toEqual({
      results: [
        { runtimeName: 'production', ok: true },
        { runtimeName: 'edge', ok: true },
        { runtimeName: 'staging', ok: true },
      ],
      replaced: true,
      newRecordId: null,
    });
    expect([...registered.values()]).toEqual([NEW.token, NEW.token, NEW.token]);
    const all = await records();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      id,
      lastFour: NEW.token.slice(-4),
      login: NEW.login,
      scopes: NEW.scopes,
      expiresAt: NEW.expiresAt,
      runtimes: ['production', 'edge', 'staging'],
    });
    expect(await secretOf(id)).toBe(NEW.token);
    expect(progress).toContain('staging:done');
  });

  it('keeps the old record untouched on partial failure, saves the new token for the runtimes that took it', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    const before = (await records())[0];
    down.add('edge');

    const answer = await rotate({ oldRecordId: id });

    expect(answer.replaced).toBe(false);
    expect(answer.results).toEqual([
      { runtimeName: 'production', ok: true },
      {
        runtimeName: 'edge',
        ok: false,
        error: { code: 'app-proxy-down', message: "edge's app-proxy is down. Try later." },
      },
      { runtimeName: 'staging', ok: true },
    ]);
    const old = (await records()).find((r) => r.id === id);
    expect(old).toEqual(before);
    expect(await secretOf(id)).toBe(OLD.token);

    expect(answer.newRecordId).toEqual(expect.any(String));
    const fresh = (await records()).find((r) => r.id === answer.newRecordId);
    expect(fresh).toMatchObject({
      lastFour: NEW.token.slice(-4),
      runtimes: ['production', 'staging'],
      expiresAt: NEW.expiresAt,
      login: NEW.login,
    });
    expect(await secretOf(answer.newRecordId!)).toBe(NEW.token);
    expect(progress).toContain('edge:failed');
  });

  it('finishes a partial rotation on retry: one record, same id, no leftover copy', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    down.add('edge');
    const first = await rotate({ oldRecordId: id });
    expect(await records()).toHaveLength(2);

    down.clear();
    const second = await rotate({ oldRecordId: id });
    expect(second).toMatchObject({ replaced: true, newRecordId: null });
    const all = await records();
    expect(all.map((r) => r.id)).toEqual([id]);
    expect(all.map((r) => r.id)).not.toContain(first.newRecordId);
    expect(await secretOf(id)).toBe(NEW.token);
  });

  it('saves nothing when every runtime refused the new token', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    const before = await records();
    down = new Set(['production', 'edge', 'staging']);
    const answer = await rotate({ oldRecordId: id });
    expect(answer).toMatchObject({ replaced: false, newRecordId: null });
    expect(answer.results.every((r) => !r.ok)).toBe(true);
    expect(await records()).toEqual(before);
    expect(await secretOf(id)).toBe(OLD.token);
  });

  it('refuses a token of another owner unless confirmed, naming both logins', async () => {
    const id = await vault.save(OLD.token, oldMeta({ login: 'hubot' }));
    const refused = await rotate({ oldRecordId: id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppFailure);
    const { code, message } = (refused as AppFailure).appError;
    expect(code).toBe('rotation-owner-changed');
    expect(message).toBe(
      'The new token belongs to octocat, but the saved token belongs to hubot. Confirm to replace it anyway, or paste a token of hubot.',
    );
    expect(applyCalls).toEqual([]);
    expect(await secretOf(id)).toBe(OLD.token);

    const confirmed = await rotate({ oldRecordId: id, confirmDifferentOwner: true });
    expect(confirmed.replaced).toBe(true);
    expect((await records())[0]).toMatchObject({ id, login: 'octocat' });
  });

  it('refuses a blocked new token (missing scope) before adding it anywhere', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    const before = await records();
    const blocked = await rotate({
      oldRecordId: id,
      newToken: SEED_TOKENS.githubClassicMissingRepo.token,
    }).catch((e: unknown) => e as AppFailure);
    expect(blocked).toBeInstanceOf(AppFailure);
    expect((blocked as AppFailure).appError.code).toBe('token-blocked');
    expect((blocked as AppFailure).appError.message).toContain('repo');
    expect(applyCalls).toEqual([]);
    expect(registered.size).toBe(0);
    expect(await records()).toEqual(before);
  });

  it('refuses the token that is already saved, without asking the provider', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    expect(await codeOf(rotate({ oldRecordId: id, newToken: OLD.token }))).toBe('rotation-same-token');
    expect(gitRequests).toBe(0);
  });

  it('refuses while the vault is locked, before validating or adding anything', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    await vault.enablePassphrase('correct horse battery');
    await vault.lock();
    expect(await codeOf(rotate({ oldRecordId: id }))).toBe('vault-locked');
    expect(gitRequests).toBe(0);
    expect(applyCalls).toEqual([]);
  });

  it('answers vault-record-missing for an unknown record', async () => {
    expect(await codeOf(rotate({ oldRecordId: 'no-such-record' }))).toBe('vault-record-missing');
  });

  it('lists a runtime that is gone or moved to another Git host as failed, and does not replace', async () => {
    const id = await vault.save(OLD.token, oldMeta({ runtimes: ['production', 'deleted', 'moved'] }));
    runtimes.push(runtime('moved', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }));
    const answer = await rotate({ oldRecordId: id });
    expect(answer.results.map((r) => [r.runtimeName, r.ok ? 'ok' : r.error.code])).toEqual([
      ['production', 'ok'],
      ['deleted', 'runtime-not-found'],
      ['moved', 'token-wrong-host'],
    ]);
    expect(applyCalls).toEqual([['production']]);
    expect(answer.replaced).toBe(false);
    expect(await secretOf(id)).toBe(OLD.token);
  });

  it('never puts a token in an answer or an error', async () => {
    const id = await vault.save(OLD.token, oldMeta({ login: 'hubot' }));
    down.add('edge');
    const texts = [
      JSON.stringify(await rotate({ oldRecordId: id, confirmDifferentOwner: true })),
      JSON.stringify(await rotate({ oldRecordId: id }).catch((e: AppFailure) => e.appError)),
      JSON.stringify(
        await rotate({ oldRecordId: id, newToken: SEED_TOKENS.githubClassicMissingRepo.token }).catch(
          (e: AppFailure) => e.appError,
        ),
      ),
    ].join('\n');
    for (const seed of [OLD, NEW, SEED_TOKENS.githubClassicMissingRepo])
      expect(texts).not.toContain(seed.token);
  });

  it('words each refusal in full and says what to do next', async () => {
    const messageOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: AppFailure) => error.appError.message,
      );
    const id = await vault.save(OLD.token, oldMeta());
    expect(await messageOf(rotate({ oldRecordId: id, newToken: OLD.token }))).toBe(
      'That is the token already saved. Create a new token on the Git provider and paste that one.',
    );
    expect(await messageOf(rotate({ oldRecordId: 'no-such-record' }))).toBe(
      'That saved token no longer exists. Refresh and try again.',
    );
    const unknown = await vault.save(OLD.token, oldMeta({ provider: null }));
    expect(await messageOf(rotate({ oldRecordId: unknown }))).toBe(
      'This saved token does not say which Git provider it is for. Add the new token from the popup instead.',
    );
    await vault.enablePassphrase('correct horse battery');
    await vault.lock();
    expect(await messageOf(rotate({ oldRecordId: id }))).toBe(
      'Saved tokens are locked. Unlock them with your passphrase and try again.',
    );
  });

  it('words a runtime that moved host, or failed unexpectedly, in its result', async () => {
    const id = await vault.save(OLD.token, oldMeta({ runtimes: ['moved', 'unknown', 'broken'] }));
    runtimes.push(
      runtime('moved', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }),
      runtime('unknown', { gitApiUrl: null }),
    );
    const answer = await rotate({ oldRecordId: id });
    expect(answer.results.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      {
        code: 'token-wrong-host',
        message:
          'moved now uses https://gitlab.com/api/v4, not https://api.github.com. Add a token from that host to it instead.',
      },
      {
        code: 'token-wrong-host',
        message:
          'unknown now uses another Git host, not https://api.github.com. Add a token from that host to it instead.',
      },
      { code: 'internal', message: 'Something went wrong on this runtime. Try again.' },
    ]);
  });

  it('says the old token is unchanged when the new one was added but could not be saved', async () => {
    const id = await vault.save(OLD.token, oldMeta());
    vault = {
      ...vault,
      replaceSecret: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
    };
    const answer = await rotate({ oldRecordId: id });
    expect(answer).toMatchObject({
      replaced: false,
      newRecordId: null,
      keepError: {
        code: 'keep-failed',
        message: 'The new token was added but could not be saved. The old saved token is unchanged.',
      },
    });
    expect(await secretOf(id)).toBe(OLD.token);
  });
});
