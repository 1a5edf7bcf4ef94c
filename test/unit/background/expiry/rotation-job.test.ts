import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { scopeToAccount } from '../../../../src/background/account/account-scoped-vault';
import { createRotationJobs } from '../../../../src/background/expiry/rotation-job';
import { createRotationStore } from '../../../../src/background/expiry/rotation-store';
import { createReachabilityCheck } from '../../../../src/background/runtimes/runtime-reachability';
import { ROTATION_JOBS_KEY } from '../../../../src/background/storage/storage-keys';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { createDraftStore } from '../../../../src/background/tokens/token-drafts';
import { createTokenService } from '../../../../src/background/tokens/token-service';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../../src/background/vault/token-vault';
import type { NewRecord, TokenVault } from '../../../../src/background/vault/vault-types';
import { rotateGitLabToken } from '../../../../src/providers/gitlab/self-rotate';
import { AppFailure } from '../../../../src/shared/errors';
import type { RuntimeApplyResult } from '../../../../src/shared/messages/token';
import type { RuntimeView } from '../../../../src/shared/runtime-types';
import {
  createFakeGitProviders,
  FAKE_GIT_API_URLS,
  SEED_TOKENS,
} from '../../../simulator/git-providers/index';
import { runtime } from '../../popup/fake-popup-api';

const OLD = SEED_TOKENS.gitlabSelfRotate;
const NAMES = ['gitlab-eu', 'gitlab-us', 'gitlab-ap'];
const SELF = `${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self`;

const meta = (over: Partial<NewRecord> = {}): NewRecord => ({
  kind: 'git-token',
  provider: 'GITLAB',
  apiUrl: FAKE_GIT_API_URLS.gitlab,
  login: OLD.login,
  scopes: [...OLD.scopes],
  expiresAt: OLD.expiresAt,
  tokenType: 'gitlab-personal',
  runtimes: NAMES,
  ...over,
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppFailure ? error.appError.code : String(error)),
  );

describe('GitLab rotation job', () => {
  let vault: TokenVault;
  let idb: IDBFactory;
  let git: ReturnType<typeof createFakeGitProviders>;
  /** Runtime → the token it holds now. */
  let registered: Map<string, string>;
  let registerCalls: string[];
  let notReady: Set<string>;
  /** Runtimes whose next registration fails once; runtimes whose registration never answers. */
  let failOnce: Set<string>;
  let refuseAlways: Set<string>;
  let hang: Set<string>;

  const buildVault = () =>
    createTokenVault({
      storage: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      keyStore: createDeviceKeyStore(idb),
      alarms: fakeBrowser.alarms,
      kdfIterations: 1_000,
      testOnlyKdfFloor: 1_000,
    });

  /** Runtimes whose Git integration moved to another GitLab host since the token was saved. */
  let movedHost: Set<string>;

  /** One worker's object graph; a second call stands for the worker started again. */
  const worker = (saved = createSavedGitTokens(vault)) => {
    const views: RuntimeView[] = NAMES.map((n) =>
      runtime(n, {
        gitProvider: 'GITLAB',
        gitApiUrl: movedHost.has(n) ? 'https://gitlab.acme.example/api/v4' : FAKE_GIT_API_URLS.gitlab,
      }),
    );
    return createRotationJobs({
      saved,
      vault,
      store: createRotationStore(fakeBrowser.storage.local),
      findRuntime: async (name) => {
        const found = views.find((r) => r.name === name);
        if (!found) throw new AppFailure('runtime-not-found', `No runtime ${name}.`);
        return found;
      },
      checkReachable: createReachabilityCheck({
        hasHostAccess: async () => true,
        fetch: async (url) => {
          const host = new URL(String(url)).host.replace('.example', '');
          return new Response(notReady.has(host) ? 'bad gateway' : 'ok', {
            status: notReady.has(host) ? 502 : 200,
          });
        },
      }),
      rotateAtGitLab: (input) =>
        rotateGitLabToken(input, {
          hasHostAccess: async () => true,
          fetch: async (url, init) => git.handle(new Request(url, init)),
        }),
      applyToRuntimes: async ({ runtimes: targets, withToken, onProgress }) =>
        Promise.all(
          targets.map(async (r): Promise<RuntimeApplyResult> => {
            registerCalls.push(r.name);
            onProgress?.(r.name, 'running');
            if (hang.has(r.name)) return new Promise<never>(() => {});
            if (failOnce.delete(r.name) || refuseAlways.has(r.name)) {
              const error = { code: 'app-proxy-down', message: `${r.name} refused.` };
              onProgress?.(r.name, 'failed', error);
              return { runtimeName: r.name, ok: false, error };
            }
            await withToken(async (token) => registered.set(r.name, token));
            onProgress?.(r.name, 'done');
            return { runtimeName: r.name, ok: true };
          }),
        ),
    });
  };

  const gitlabStatus = async (token: string) =>
    (await git.handle(new Request(SELF, { headers: { 'PRIVATE-TOKEN': token } }))).status;
  const secretOf = (id: string) => vault.withSecret(id, async (s) => s);
  const storedJobs = async () =>
    ((await fakeBrowser.storage.local.get(ROTATION_JOBS_KEY))[ROTATION_JOBS_KEY] ?? {}) as Record<
      string,
      { phase: string; outcomes: Record<string, unknown> }
    >;

  beforeEach(() => {
    idb = new IDBFactory();
    vault = buildVault();
    git = createFakeGitProviders();
    registered = new Map(NAMES.map((n) => [n, OLD.token]));
    registerCalls = [];
    notReady = new Set();
    failOnce = new Set();
    refuseAlways = new Set();
    hang = new Set();
    movedHost = new Set();
  });

  it('rotates at GitLab, saves the new token in place and puts it on every runtime', async () => {
    const id = await vault.save(OLD.token, meta());
    const answer = await worker().rotate(id);

    const [issued] = git.gitlabIssuedTokens();
    expect(issued).toBeDefined();
    expect(await secretOf(id)).toBe(issued);
    expect([...registered.values()]).toEqual([issued, issued, issued]);
    expect(answer.results).toEqual(NAMES.map((runtimeName) => ({ runtimeName, ok: true })));
    expect(answer.pending).toBe(false);
    const record = (await vault.list('git-token')).find((r) => r.id === id)!;
    expect(record.lastFour).toBe(issued!.slice(-4));
    expect(record.expiresAt).toBe(answer.expiresAt);
    expect(record.runtimes).toEqual(NAMES);
    // The old token is dead at GitLab, the new one works; nothing is left in the job store.
    expect(await gitlabStatus(OLD.token)).toBe(401);
    expect(await gitlabStatus(issued!)).toBe(200);
    expect(await storedJobs()).toEqual({});
  });

  it('an add of the saved token under way when the rotation starts: that runtime gets the new token too', async () => {
    const id = await vault.save(OLD.token, meta({ runtimes: ['gitlab-eu', 'gitlab-us'] }));
    registered.delete('gitlab-ap');
    const saved = createSavedGitTokens(vault);
    let sent!: () => void;
    const oldTokenSent = new Promise<void>((resolve) => {
      sent = resolve;
    });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    // The popup adds the saved (old) token to gitlab-ap; gitlab-ap's answer is held.
    const tokens = createTokenService({
      drafts: createDraftStore(),
      keeper: saved,
      accountGit: async () => null,
      findRuntime: async (name) =>
        runtime(name, { gitProvider: 'GITLAB', gitApiUrl: FAKE_GIT_API_URLS.gitlab }),
      validate: async () => {
        throw new Error('not used');
      },
      applyToRuntimes: async ({ runtimes: targets, withToken }) => {
        for (const r of targets) await withToken(async (token) => registered.set(r.name, token));
        sent();
        await answered;
        return targets.map((r): RuntimeApplyResult => ({ runtimeName: r.name, ok: true }));
      },
      removeFromRuntime: async () => {},
      broadcast: () => {},
      invalidateRuntimeCache: async () => {},
    });

    const add = tokens.apply({ kind: 'record', recordId: id }, ['gitlab-ap'], false);
    await oldTokenSent;
    const rotation = worker(saved).rotate(id);
    answer();
    const [, rotated] = await Promise.all([add, rotation]);

    const [issued] = git.gitlabIssuedTokens();
    expect(rotated.results).toEqual(NAMES.map((runtimeName) => ({ runtimeName, ok: true })));
    // GitLab revoked the old token: no runtime may be left holding it, nor listed under the new one without it.
    expect(Object.fromEntries(registered)).toEqual(Object.fromEntries(NAMES.map((n) => [n, issued])));
    expect((await vault.list('git-token')).find((r) => r.id === id)?.runtimes).toEqual(NAMES);
  });

  it('refuses, changing nothing, when a runtime using the token does not answer readyz', async () => {
    notReady.add('gitlab-us');
    const id = await vault.save(OLD.token, meta());
    const attempt = worker().rotate(id);
    await expect(attempt).rejects.toThrow(/gitlab-us/);
    expect(await codeOf(worker().rotate(id))).toBe('rotation-runtime-unreachable');

    expect(git.gitlabIssuedTokens()).toEqual([]);
    expect(await gitlabStatus(OLD.token)).toBe(200);
    expect(await secretOf(id)).toBe(OLD.token);
    expect(registerCalls).toEqual([]);
    expect(await storedJobs()).toEqual({});
  });

  it('refuses, changing nothing, when another signed-in account uses the token too (issue 24.3)', async () => {
    const raw = vault;
    vault = scopeToAccount(raw, async () => 'acc-1');
    const id = await vault.save(OLD.token, meta());
    // The same token on a runtime of the user's other account.
    await raw.updateMeta(id, { account: 'acc-2', addRuntimes: ['other-team'] });
    expect(await codeOf(worker().rotate(id))).toBe('rotation-other-account');

    expect(git.gitlabIssuedTokens()).toEqual([]);
    expect(await gitlabStatus(OLD.token)).toBe(200);
    expect(await secretOf(id)).toBe(OLD.token);
    expect(registerCalls).toEqual([]);
    expect(await storedJobs()).toEqual({});
  });

  it('refuses a token whose scopes cannot rotate it, before any request', async () => {
    const id = await vault.save(
      SEED_TOKENS.gitlabOk.token,
      meta({ scopes: ['read_api', 'write_repository'] }),
    );
    expect(await codeOf(worker().rotate(id))).toBe('rotation-not-possible');
    expect(git.gitlabIssuedTokens()).toEqual([]);
  });

  it('keeps the old token and no job when GitLab refuses the rotation', async () => {
    // Saved scopes say api, but GitLab knows better (read_api + write_repository only): 403.
    const id = await vault.save(SEED_TOKENS.gitlabOk.token, meta({ scopes: ['api'] }));
    expect(await codeOf(worker().rotate(id))).toBe('rotation-scope-missing');
    expect(await secretOf(id)).toBe(SEED_TOKENS.gitlabOk.token);
    expect(await storedJobs()).toEqual({});
    expect(registerCalls).toEqual([]);
  });

  it('retries a runtime that refused once, with the new token', async () => {
    failOnce.add('gitlab-us');
    const id = await vault.save(OLD.token, meta());
    const answer = await worker().rotate(id);
    const [issued] = git.gitlabIssuedTokens();
    expect(registerCalls.filter((n) => n === 'gitlab-us')).toHaveLength(2);
    expect(registered.get('gitlab-us')).toBe(issued);
    expect(answer.results.every((r) => r.ok)).toBe(true);
    expect(await storedJobs()).toEqual({});
  });

  it('keeps the job for a retry when a runtime refuses twice, and finishes it on resume', async () => {
    refuseAlways.add('gitlab-ap');
    const id = await vault.save(OLD.token, meta());
    const answer = await worker().rotate(id);
    const [issued] = git.gitlabIssuedTokens();
    expect(answer.pending).toBe(true);
    expect(answer.results.find((r) => r.runtimeName === 'gitlab-ap')).toMatchObject({
      ok: false,
      error: { code: 'app-proxy-down' },
    });
    expect(registered.get('gitlab-eu')).toBe(issued);
    expect((await storedJobs())[id]?.phase).toBe('needs-retry');

    refuseAlways.clear();
    registerCalls = [];
    const finished = await worker().resume(id);
    expect(registerCalls).toEqual(['gitlab-ap']);
    expect(registered.get('gitlab-ap')).toBe(issued);
    expect(finished.pending).toBe(false);
    expect(await storedJobs()).toEqual({});
    // GitLab was asked once in all.
    expect(git.gitlabIssuedTokens()).toHaveLength(1);
  });

  it('a worker stopped mid-registration: the next start finishes from what was saved', async () => {
    hang.add('gitlab-us');
    const id = await vault.save(OLD.token, meta());
    void worker().rotate(id);
    // gitlab-eu and gitlab-ap took the new token; gitlab-us never answers: the worker stops here.
    await expect
      .poll(async () => Object.keys((await storedJobs())[id]?.outcomes ?? {}).sort())
      .toEqual(['gitlab-ap', 'gitlab-eu']);
    const [issued] = git.gitlabIssuedTokens();
    expect(registered.get('gitlab-us')).toBe(OLD.token);

    // A new worker: new vault object over the same storage, new store, new job runner.
    hang.clear();
    registerCalls = [];
    vault = buildVault();
    await worker().resumeAll();
    expect(registerCalls).toEqual(['gitlab-us']);
    expect([...registered.values()]).toEqual([issued, issued, issued]);
    expect(await secretOf(id)).toBe(issued);
    expect(await storedJobs()).toEqual({});
    expect(git.gitlabIssuedTokens()).toHaveLength(1);
  });

  it('a worker stopped before GitLab answered is never sent to GitLab again', async () => {
    const id = await vault.save(OLD.token, meta());
    // What a worker leaves when it stops between asking GitLab and saving the answer.
    await createRotationStore(fakeBrowser.storage.local).put({
      recordId: id,
      phase: 'rotating',
      oldLastFour: OLD.token.slice(-4),
      runtimes: NAMES,
      outcomes: {},
      startedAt: 1,
      auto: false,
    });
    await worker().resumeAll();
    expect(git.gitlabIssuedTokens()).toEqual([]);
    expect(registerCalls).toEqual([]);
    expect((await storedJobs())[id]?.phase).toBe('interrupted');
    expect(await codeOf(worker().resume(id))).toBe('rotation-interrupted');
    expect(await secretOf(id)).toBe(OLD.token);
  });

  it('a worker stopped right after saving the new token goes on registering it', async () => {
    const id = await vault.save(OLD.token, meta());
    await createRotationStore(fakeBrowser.storage.local).put({
      recordId: id,
      phase: 'rotating',
      oldLastFour: OLD.token.slice(-4),
      runtimes: NAMES,
      outcomes: {},
      startedAt: 1,
      auto: false,
    });
    const NEW = 'glpat-SIMLEAKsavedBeforeStop';
    await vault.replaceSecret(id, NEW);
    await worker().resumeAll();
    expect([...registered.values()]).toEqual([NEW, NEW, NEW]);
    expect(await storedJobs()).toEqual({});
  });

  it('refuses a second rotation of the same token while one is unfinished', async () => {
    refuseAlways.add('gitlab-ap');
    const id = await vault.save(OLD.token, meta());
    await worker().rotate(id);
    expect(await codeOf(worker().rotate(id))).toBe('rotation-in-progress');
    expect(git.gitlabIssuedTokens()).toHaveLength(1);
  });

  it('a runtime now on another GitLab host is not probed, not sent the token, and is named', async () => {
    movedHost.add('gitlab-ap');
    notReady.add('gitlab-ap');
    const id = await vault.save(OLD.token, meta());
    const answer = await worker().rotate(id);
    expect(registerCalls.sort()).toEqual(['gitlab-eu', 'gitlab-us']);
    expect(registered.get('gitlab-ap')).toBe(OLD.token);
    expect(answer.results.find((r) => r.runtimeName === 'gitlab-ap')).toMatchObject({
      ok: false,
      error: { code: 'token-wrong-host' },
    });
  });

  it('forgets a job whose saved token the user removed meanwhile', async () => {
    refuseAlways.add('gitlab-ap');
    const id = await vault.save(OLD.token, meta());
    await worker().rotate(id);
    await vault.remove(id);
    expect(await codeOf(worker().resume(id))).toBe('vault-record-missing');
    expect(await storedJobs()).toEqual({});
  });
});
