import { describe, expect, it } from 'vitest';
import { createReplaceEverywhere } from '../../../../src/background/expiry/replace-everywhere';
import { createSavedGitTokens } from '../../../../src/background/tokens/saved-git-tokens';
import { createDraftStore } from '../../../../src/background/tokens/token-drafts';
import { createTokenService } from '../../../../src/background/tokens/token-service';
import type { RuntimeApplyResult } from '../../../../src/shared/messages/token';
import type { TokenValidation } from '../../../../src/shared/validation-types';
import { runtime } from '../../popup/fake-popup-api';
import { GITHUB_SECRET, githubMeta, makeHarness } from '../vault/vault-harness';

/** An app-proxy that answers only when the test lets it: both adds are in flight together. */
const heldNetwork = () => {
  const waiting: (() => void)[] = [];
  return {
    applyToRuntimes: async ({ runtimes }: { runtimes: readonly { name: string }[] }) => {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return runtimes.map((r): RuntimeApplyResult => ({ runtimeName: r.name, ok: true }));
    },
    async releaseWhen(count: number) {
      while (waiting.length < count) await new Promise((r) => setTimeout(r, 1));
      for (const release of waiting.splice(0)) release();
    },
  };
};

const runtimes = ['prod', 'a', 'b'].map((name) => runtime(name));
const findRuntime = async (name: string) => runtimes.find((r) => r.name === name)!;

describe('saved tokens: concurrent adds keep every runtime name', () => {
  it('two adds of one saved token (popup and menu), both delayed, list both runtimes', async () => {
    const { vault } = makeHarness();
    const id = await vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['prod'] }));
    const network = heldNetwork();
    const service = createTokenService({
      drafts: createDraftStore(),
      keeper: createSavedGitTokens(vault),
      accountGit: async () => null,
      findRuntime,
      validate: async () => {
        throw new Error('not used');
      },
      applyToRuntimes: network.applyToRuntimes,
      removeFromRuntime: async () => {},
      broadcast: () => {},
      invalidateRuntimeCache: async () => {},
    });
    const both = Promise.all([
      service.apply({ kind: 'record', recordId: id }, ['a'], false),
      service.apply({ kind: 'record', recordId: id }, ['b'], false),
    ]);
    await network.releaseWhen(2);
    await both;
    expect((await vault.list('git-token'))[0]?.runtimes).toEqual(['prod', 'a', 'b']);
  });

  it('a partial replace everywhere adds to the saved copy as stored, not as listed before', async () => {
    const { vault } = makeHarness();
    const next = `${GITHUB_SECRET.slice(0, -4)}NEW1`;
    const old = await vault.save(GITHUB_SECRET, githubMeta({ runtimes: ['a', 'b'] }));
    // The copy a previous partial rotation saved, used on 'prod' only.
    const copy = await vault.save(next, githubMeta({ runtimes: ['prod'] }));
    let added = false;
    const replace = createReplaceEverywhere({
      vault: {
        ...vault,
        // Another add of the copy lands between the rotation listing it and writing it.
        async withSecret(id, fn) {
          if (id === copy && !added) {
            added = true;
            await vault.updateMeta(copy, { addRuntimes: ['dev'] });
          }
          return vault.withSecret(id, fn);
        },
      },
      validate: async () =>
        ({
          provider: 'GITHUB',
          apiUrl: 'https://api.github.com',
          login: 'octocat',
          tokenType: 'github-classic',
          scopes: ['repo'],
          expiresAt: null,
          lastFour: 'NEW1',
          blockers: [],
        }) as unknown as TokenValidation,
      applyToRuntimes: async ({ runtimes: targets }) =>
        targets.map(
          (r): RuntimeApplyResult =>
            r.name === 'b'
              ? { runtimeName: r.name, ok: false, error: { code: 'app-proxy-down', message: 'down' } }
              : { runtimeName: r.name, ok: true },
        ),
      findRuntime,
    });
    const answer = await replace.rotate({ oldRecordId: old, newToken: next, confirmDifferentOwner: false });
    expect(added).toBe(true);
    expect(answer.newRecordId).toBe(copy);
    const saved = (await vault.list('git-token')).find((r) => r.id === copy);
    expect(saved?.runtimes).toEqual(['prod', 'dev', 'a']);
  });
});
