// Saved Git tokens used by two flows at once (the popup, the context menu, Replace everywhere):
// nothing one of them notes may be lost or end up under the wrong token. The real vault, saved
// tokens and token service over in-memory storage; the runtimes answer when the test lets them.
import { describe, expect, it } from 'vitest';
import { createReplaceEverywhere } from '../../../../src/background/expiry/replace-everywhere';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { createDraftStore } from '../../../../src/background/tokens/token-drafts';
import { createTokenService, type TokenServiceDeps } from '../../../../src/background/tokens/token-service';
import type { TokenVault } from '../../../../src/background/vault/vault-types';
import type { RuntimeApplyResult } from '../../../../src/shared/messages/token';
import type { TokenValidation } from '../../../../src/shared/validation-types';
import { runtime } from '../../popup/fake-popup-api';
import { GITHUB_SECRET, githubMeta, makeHarness } from '../vault/vault-harness';

const NEXT = `${GITHUB_SECRET.slice(0, -4)}NEW1`;

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

/** The token each runtime holds, as the runtimes' side of the fake network saw it. */
type Held = Map<string, string>;

/** An app-proxy that answers only when the test lets it: both adds are in flight together. */
const heldNetwork = (held: Held = new Map()) => {
  const waiting: (() => void)[] = [];
  const applyToRuntimes: TokenServiceDeps['applyToRuntimes'] = async ({ runtimes, withToken }) => {
    for (const r of runtimes) await withToken(async (token) => void held.set(r.name, token));
    await new Promise<void>((resolve) => waiting.push(resolve));
    return runtimes.map((r): RuntimeApplyResult => ({ runtimeName: r.name, ok: true }));
  };
  return {
    applyToRuntimes,
    async releaseWhen(count: number) {
      while (waiting.length < count) await new Promise((r) => setTimeout(r, 1));
      for (const release of waiting.splice(0)) release();
    },
  };
};

/** Runtimes that take every token at once. */
const openNetwork =
  (held: Held): TokenServiceDeps['applyToRuntimes'] =>
  async ({ runtimes, withToken }) => {
    for (const r of runtimes) await withToken(async (token) => void held.set(r.name, token));
    return runtimes.map((r): RuntimeApplyResult => ({ runtimeName: r.name, ok: true }));
  };

const runtimes = ['prod', 'a', 'b', 'c', 'dev'].map((name) => runtime(name));
const findRuntime = async (name: string) => runtimes.find((r) => r.name === name)!;

const validation = (token: string) =>
  ({
    provider: 'GITHUB',
    apiUrl: 'https://api.github.com',
    login: 'octocat',
    tokenType: 'github-classic',
    scopes: ['repo'],
    expiresAt: null,
    lastFour: token.slice(-4),
    blockers: [],
  }) as unknown as TokenValidation;

const tokenService = (
  saved: ReturnType<typeof createSavedGitTokens>,
  applyToRuntimes: TokenServiceDeps['applyToRuntimes'],
) =>
  createTokenService({
    drafts: createDraftStore(),
    keeper: saved,
    accountGit: async () => ({ provider: 'GITHUB', apiUrl: 'https://api.github.com' }) as never,
    findRuntime,
    validate: async ({ token }) => validation(token),
    applyToRuntimes,
    removeFromRuntime: async () => {},
    broadcast: () => {},
    invalidateRuntimeCache: async () => {},
  });

/** Every runtime a saved record lists holds that record's token, and every runtime given one is listed. */
const expectListsMatchRuntimes = async (vault: TokenVault, held: Held) => {
  const listed = new Map<string, string>();
  for (const record of await vault.list('git-token')) {
    const secret = await vault.withSecret(record.id, async (s) => s);
    for (const name of record.runtimes) listed.set(name, secret.slice(-4));
  }
  const holding = new Map([...held].map(([name, token]) => [name, token.slice(-4)]));
  expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(holding));
};

describe('saved tokens: concurrent adds keep every runtime name', () => {
  it('two adds of one saved token (popup and menu), both delayed, list both runtimes', async () => {
    const { vault } = makeHarness();
    const id = await vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['prod'] }));
    const network = heldNetwork();
    const service = tokenService(createSavedGitTokens(vault), network.applyToRuntimes);
    const both = Promise.all([
      service.apply({ kind: 'record', recordId: id }, ['a'], false),
      service.apply({ kind: 'record', recordId: id }, ['b'], false),
    ]);
    await network.releaseWhen(2);
    await both;
    expect((await vault.list('git-token'))[0]?.runtimes).toEqual(['prod', 'a', 'b']);
  });

  it('two keeps of one new token at once save one record that lists both runtimes', async () => {
    const { vault } = makeHarness();
    const network = heldNetwork();
    const service = tokenService(createSavedGitTokens(vault), network.applyToRuntimes);
    // The same token pasted in the popup and in the tab the menu's "Add a new token…" opened.
    const [popup, tab] = await Promise.all([
      service.validate(GITHUB_SECRET, 'a'),
      service.validate(GITHUB_SECRET, 'b'),
    ]);
    const both = Promise.all([
      service.apply({ kind: 'draft', draftId: popup.draftId }, ['a'], true),
      service.apply({ kind: 'draft', draftId: tab.draftId }, ['b'], true),
    ]);
    await network.releaseWhen(2);
    const answers = await both;
    const records = await vault.list('git-token');
    expect(records).toHaveLength(1);
    expect([...records[0]!.runtimes].sort()).toEqual(['a', 'b']);
    expect(answers.map((a) => a.recordId)).toEqual([records[0]!.id, records[0]!.id]);
  });

  it('an add of the saved token under way when Replace everywhere starts: its runtime gets the new token too', async () => {
    const { vault } = makeHarness();
    const old = await vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['a', 'b'] }));
    const held: Held = new Map([
      ['a', GITHUB_SECRET],
      ['b', GITHUB_SECRET],
    ]);
    const saved = createSavedGitTokens(vault);
    // The add reads the saved (old) token and sends it to c, whose answer is held.
    const addSent = deferred();
    const addAnswered = deferred();
    const service = tokenService(saved, async ({ runtimes: targets, withToken }) => {
      for (const r of targets) await withToken(async (token) => void held.set(r.name, token));
      addSent.resolve();
      await addAnswered.promise;
      return targets.map((r): RuntimeApplyResult => ({ runtimeName: r.name, ok: true }));
    });
    const replace = createReplaceEverywhere({
      vault,
      saved,
      validate: async ({ token }) => validation(token),
      applyToRuntimes: openNetwork(held),
      findRuntime,
    });

    const add = service.apply({ kind: 'record', recordId: old }, ['c'], false);
    await addSent.promise;
    const rotation = replace.rotate({ oldRecordId: old, newToken: NEXT, confirmDifferentOwner: false });
    addAnswered.resolve();
    const [added, rotated] = await Promise.all([add, rotation]);

    expect(added.results).toEqual([{ runtimeName: 'c', ok: true }]);
    expect(rotated.replaced).toBe(true);
    expect(rotated.results.map((r) => r.runtimeName)).toEqual(['a', 'b', 'c']);
    expect(held.get('c')).toBe(NEXT);
    await expectListsMatchRuntimes(vault, held);
  });

  it('a partial replace everywhere adds to the saved copy as stored, not as listed before', async () => {
    const { vault } = makeHarness();
    const old = await vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['a', 'b'] }));
    // The copy a previous partial rotation saved, used on 'prod' only.
    const copy = await vault.save(NEXT, githubMeta({ runtimes: ['prod'] }));
    let added = false;
    const racing: TokenVault = {
      ...vault,
      // Another add of the copy lands between the rotation listing it and writing it.
      async withSecret(id, fn) {
        if (id === copy && !added) {
          added = true;
          await vault.updateMeta(copy, { addRuntimes: ['dev'] });
        }
        return vault.withSecret(id, fn);
      },
    };
    const replace = createReplaceEverywhere({
      vault: racing,
      saved: createSavedGitTokens(racing),
      validate: async ({ token }) => validation(token),
      applyToRuntimes: async ({ runtimes: targets }) =>
        targets.map(
          (r): RuntimeApplyResult =>
            r.name === 'b'
              ? { runtimeName: r.name, ok: false, error: { code: 'app-proxy-down', message: 'down' } }
              : { runtimeName: r.name, ok: true },
        ),
      findRuntime,
    });
    const answer = await replace.rotate({ oldRecordId: old, newToken: NEXT, confirmDifferentOwner: false });
    expect(added).toBe(true);
    expect(answer.newRecordId).toBe(copy);
    const stored = (await vault.list('git-token')).find((r) => r.id === copy);
    expect(stored?.runtimes).toEqual(['prod', 'dev', 'a']);
  });
});
