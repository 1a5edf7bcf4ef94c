import { beforeEach, describe, expect, it } from 'vitest';
import { validateToken } from '../../../../src/background/providers/validate-token';
import { createDraftStore } from '../../../../src/background/tokens/token-drafts';
import {
  createTokenService,
  type KeptToken,
  type TokenKeeper,
} from '../../../../src/background/tokens/token-service';
import type { AccountGit } from '../../../../src/shared/account-git';
import { AppFailure } from '../../../../src/shared/errors';
import type { RuntimeApplyResult } from '../../../../src/shared/messages/token';
import type { RuntimeView } from '../../../../src/shared/runtime-types';
import { createFakeGitProviders } from '../../../simulator/git-providers/index';
import { SEED_TOKENS } from '../../../simulator/git-providers/seed-tokens';
import { runtime } from '../../popup/fake-popup-api';

/** An in-memory vault with the same contract: secrets only inside callbacks. */
class MemoryKeeper implements TokenKeeper {
  records = new Map<string, KeptToken & { secret: string }>();
  failSave: false | 'locked' | 'unexpected' = false;
  async listTokens() {
    return [...this.records.values()].map(({ secret: _s, ...meta }) => meta);
  }
  async save(
    secret: string,
    validation: {
      provider: KeptToken['provider'] & string;
      apiUrl: string;
      lastFour: string;
      login: string | null;
    },
    runtimes: readonly string[],
    username?: string,
  ) {
    if (this.failSave === 'locked') throw new AppFailure('vault-locked', 'Unlock the vault to save tokens.');
    if (this.failSave) throw new Error('QUOTA_BYTES quota exceeded');
    const id = `rec-${this.records.size + 1}`;
    this.records.set(id, {
      id,
      secret,
      provider: validation.provider,
      apiUrl: validation.apiUrl,
      lastFour: validation.lastFour,
      login: validation.login,
      runtimes,
      ...(username ? { username } : {}),
    });
    return id;
  }
  async withSecret<T>(id: string, fn: (secret: string) => Promise<T>) {
    const record = this.records.get(id);
    if (!record) throw new AppFailure('vault-record-missing', 'gone');
    return fn(record.secret);
  }
  async addRuntimes(id: string, names: readonly string[]) {
    const record = this.records.get(id)!;
    this.records.set(id, { ...record, runtimes: [...new Set([...record.runtimes, ...names])] });
  }
  /** Nothing here replaces a saved token, so there is nothing to keep apart. */
  adding<T>(fn: () => Promise<T>) {
    return fn();
  }
  async dropRuntimes(id: string, names: readonly string[]) {
    const record = this.records.get(id)!;
    this.records.set(id, { ...record, runtimes: record.runtimes.filter((n) => !names.includes(n)) });
  }
}

describe('token service', () => {
  let keeper: MemoryKeeper;
  let registered: Map<string, string>;
  let down: Set<string>;
  let runtimes: RuntimeView[];
  let progress: string[];
  let gitRequests: number;
  let usernames: Map<string, string | undefined>;
  /** The account's Git provider; null (an account naming none) makes the runtime decide. */
  let accountGit: AccountGit | null;

  const makeService = () => {
    const providers = createFakeGitProviders();
    return createTokenService({
      drafts: createDraftStore(),
      keeper,
      accountGit: async () => accountGit,
      findRuntime: async (name) => {
        const found = runtimes.find((r) => r.name === name);
        if (!found) throw new AppFailure('runtime-not-found', `No runtime ${name}`);
        return found;
      },
      validate: (input) =>
        validateToken(input, {
          fetch: async (url, init) => {
            gitRequests++;
            return providers.handle(new Request(url, init));
          },
        }),
      applyToRuntimes: async ({ runtimes: targets, withToken, onProgress, username }) => {
        const results: RuntimeApplyResult[] = [];
        for (const r of targets) {
          usernames.set(r.name, username);
          onProgress?.(r.name, 'running');
          if (down.has(r.name)) {
            results.push({
              runtimeName: r.name,
              ok: false,
              error: { code: 'app-proxy-down', message: 'down' },
            });
            continue;
          }
          await withToken(async (token) => registered.set(r.name, token));
          results.push({ runtimeName: r.name, ok: true });
          onProgress?.(r.name, 'done');
        }
        return results;
      },
      removeFromRuntime: async (r) => {
        registered.delete(r.name);
      },
      broadcast: (event) => progress.push(`${event.runtimeName}:${event.state}`),
      invalidateRuntimeCache: async () => {},
    });
  };

  beforeEach(() => {
    keeper = new MemoryKeeper();
    registered = new Map();
    down = new Set();
    progress = [];
    gitRequests = 0;
    usernames = new Map();
    accountGit = null;
    runtimes = [
      runtime('production'),
      runtime('staging'),
      runtime('edge-down'),
      runtime('gitlab-apps', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }),
    ];
  });

  it('validates against the runtime provider with one request and returns a draft, not the token', async () => {
    const answer = await makeService().validate(`  ${SEED_TOKENS.githubClassicOk.token}\n`, 'production');
    expect(gitRequests).toBe(1);
    expect(answer.validation).toMatchObject({ login: SEED_TOKENS.githubClassicOk.login, blockers: [] });
    expect(JSON.stringify(answer)).not.toContain(SEED_TOKENS.githubClassicOk.token);
  });

  it('checks a token against the account’s Git provider with no runtime chosen', async () => {
    accountGit = { provider: 'GITHUB', apiUrl: 'https://api.github.com' };
    const service = makeService();
    const answer = await service.validate(SEED_TOKENS.githubClassicOk.token, undefined);
    expect(gitRequests).toBe(1);
    expect(answer.validation).toMatchObject({ provider: 'GITHUB', login: 'octocat', blockers: [] });
    // The account's provider decides even when the chosen runtime reports another one.
    const onGitlab = await service.validate(SEED_TOKENS.githubClassicOk.token, 'gitlab-apps');
    expect(onGitlab.validation).toMatchObject({ provider: 'GITHUB', blockers: [] });
    // So a runtime that reports another provider never gets the account's token.
    const answerApply = await service.apply(
      { kind: 'draft', draftId: answer.draftId },
      ['gitlab-apps', 'staging'],
      false,
    );
    expect(answerApply.results.map((r) => [r.runtimeName, r.ok])).toEqual([
      ['gitlab-apps', false],
      ['staging', true],
    ]);
    expect(registered.has('gitlab-apps')).toBe(false);
  });

  it('without the account’s provider and without a runtime, asks for a runtime and checks nothing', async () => {
    await expect(makeService().validate(SEED_TOKENS.githubClassicOk.token, undefined)).rejects.toMatchObject({
      appError: { code: 'no-runtime' },
    });
    expect(gitRequests).toBe(0);
  });

  it('adds a draft to many runtimes, one result each, and keeps it once after the first success', async () => {
    down.add('edge-down');
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    const answer = await service.apply(
      { kind: 'draft', draftId },
      ['production', 'edge-down', 'staging'],
      true,
    );
    expect(answer.results.map((r) => [r.runtimeName, r.ok])).toEqual([
      ['production', true],
      ['edge-down', false],
      ['staging', true],
    ]);
    expect(registered.get('production')).toBe(SEED_TOKENS.githubClassicOk.token);
    expect(keeper.records.size).toBe(1);
    expect((await keeper.listTokens())[0]?.runtimes).toEqual(['production', 'staging']);
    expect(progress).toContain('staging:done');
  });

  it('does not save a second copy of a token that is already kept', async () => {
    const service = makeService();
    const first = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    await service.apply({ kind: 'draft', draftId: first.draftId }, ['production'], true);
    const second = await service.validate(SEED_TOKENS.githubClassicOk.token, 'staging');
    const answer = await service.apply({ kind: 'draft', draftId: second.draftId }, ['staging'], true);
    expect(keeper.records.size).toBe(1);
    expect((await keeper.listTokens())[0]?.runtimes).toEqual(['production', 'staging']);
    expect(answer.recordId).toBe('rec-1');
  });

  it('refuses a draft with blockers and sends nothing', async () => {
    const service = makeService();
    const { draftId, validation } = await service.validate(
      SEED_TOKENS.githubClassicMissingRepo.token,
      'production',
    );
    expect(validation.missingScopes).toContain('repo');
    await expect(service.apply({ kind: 'draft', draftId }, ['production'], true)).rejects.toMatchObject({
      appError: { code: 'token-blocked' },
    });
    expect(registered.size).toBe(0);
    expect(keeper.records.size).toBe(0);
  });

  it('does not send a token to a runtime on another Git host', async () => {
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    const answer = await service.apply({ kind: 'draft', draftId }, ['gitlab-apps', 'production'], false);
    expect(answer.results[0]).toMatchObject({
      runtimeName: 'gitlab-apps',
      ok: false,
      error: {
        code: 'token-wrong-host',
        message:
          'gitlab-apps uses https://gitlab.com/api/v4, but this token was checked against https://api.github.com. Add a token from that host instead.',
      },
    });
    expect(registered.has('gitlab-apps')).toBe(false);
    expect(keeper.records.size).toBe(0);
  });

  it('reuses a saved token without it being pasted again', async () => {
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    const { recordId } = await service.apply({ kind: 'draft', draftId }, ['production'], true);
    service.discardDraft(draftId);
    const answer = await service.apply({ kind: 'record', recordId: recordId! }, ['staging'], true);
    expect(answer.results).toEqual([{ runtimeName: 'staging', ok: true }]);
    expect(registered.get('staging')).toBe(SEED_TOKENS.githubClassicOk.token);
  });

  it('keeps the Bitbucket username beside a saved token and sends it again on reuse', async () => {
    runtimes.push(
      runtime('bb-one', { gitProvider: 'BITBUCKET', gitApiUrl: 'https://api.bitbucket.org/2.0' }),
      runtime('bb-two', { gitProvider: 'BITBUCKET', gitApiUrl: 'https://api.bitbucket.org/2.0' }),
    );
    const service = makeService();
    const seed = SEED_TOKENS.bitbucketApiTokenOk;
    const { draftId } = await service.validate(seed.token, 'bb-one', seed.email);
    const { recordId } = await service.apply({ kind: 'draft', draftId }, ['bb-one'], true);
    expect(usernames.get('bb-one')).toBe(seed.email);
    service.discardDraft(draftId);
    await service.apply({ kind: 'record', recordId: recordId! }, ['bb-two'], false);
    expect(usernames.get('bb-two')).toBe(seed.email);
    expect(registered.get('bb-two')).toBe(seed.token);
  });

  it('reports an expired draft so the user pastes again', async () => {
    await expect(
      makeService().apply({ kind: 'draft', draftId: 'gone' }, ['production'], true),
    ).rejects.toMatchObject({
      appError: {
        code: 'draft-expired',
        message:
          'The pasted token is no longer held (the extension restarted or ten minutes passed). Paste it again.',
      },
    });
  });

  it('still reports the results when keeping fails, and says why', async () => {
    keeper.failSave = 'locked';
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    const answer = await service.apply({ kind: 'draft', draftId }, ['production'], true);
    expect(answer.results).toEqual([{ runtimeName: 'production', ok: true }]);
    expect(answer.keepError?.code).toBe('vault-locked');
  });

  it('removing a token from a runtime also drops it from the saved token usage list', async () => {
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    await service.apply({ kind: 'draft', draftId }, ['production', 'staging'], true);
    await service.removeFromRuntime('staging');
    expect(registered.has('staging')).toBe(false);
    expect((await keeper.listTokens())[0]?.runtimes).toEqual(['production']);
  });

  it('says why when keeping fails unexpectedly, with the results intact', async () => {
    keeper.failSave = 'unexpected';
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    const answer = await service.apply({ kind: 'draft', draftId }, ['production'], true);
    expect(answer.results).toEqual([{ runtimeName: 'production', ok: true }]);
    expect(answer.keepError).toEqual({
      code: 'keep-failed',
      message: 'The token was added but could not be saved for reuse.',
    });
  });

  it('words a runtime of unknown Git host or provider, and a saved token that is gone', async () => {
    runtimes.push(runtime('no-api', { gitApiUrl: null }), runtime('no-git', { gitProvider: null }));
    const service = makeService();
    const { draftId } = await service.validate(SEED_TOKENS.githubClassicOk.token, 'production');
    const answer = await service.apply({ kind: 'draft', draftId }, ['no-api'], false);
    expect(answer.results[0]).toMatchObject({
      ok: false,
      error: {
        code: 'token-wrong-host',
        message:
          'no-api uses another Git host, but this token was checked against https://api.github.com. Add a token from that host instead.',
      },
    });
    await expect(service.validate(SEED_TOKENS.githubClassicOk.token, 'no-git')).rejects.toMatchObject({
      appError: {
        code: 'runtime-git-unknown',
        message:
          'Codefresh did not say which Git provider no-git uses. Refresh the runtime list and try again.',
      },
    });
    await expect(
      service.apply({ kind: 'record', recordId: 'gone' }, ['production'], false),
    ).rejects.toMatchObject({
      appError: {
        code: 'vault-record-missing',
        message: 'That saved token no longer exists. Refresh and try again.',
      },
    });
  });
});
