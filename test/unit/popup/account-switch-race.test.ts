// Several Codefresh accounts (issue 24, point 3): the user switches account while the previous
// account's runtime list is still streaming in. Its broadcasts keep coming and its answer comes
// last; none of its rows may appear under the new account's header.
import { describe, expect, it } from 'vitest';
import { createPopupStore } from '../../../src/popup/store';
import type { Result } from '../../../src/shared/errors';
import type { RuntimeList } from '../../../src/shared/messages/runtimes';
import { FakePopupApi, runtime } from './fake-popup-api';

const text = (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':');

const GITLAB = {
  userId: 'u1',
  name: 'Dana',
  email: 'dana@acme.example',
  accountId: 'a2',
  accountName: 'acme-gitlab',
  gitProvider: 'GITLAB' as const,
  gitApiUrl: 'https://gitlab.com/api/v4',
};

/** A popup signed in to acme (a1, r1) and acme-gitlab (a2, r2); each list answer waits for the test. */
const twoAccounts = () => {
  const api = new FakePopupApi();
  api.statusView = {
    ...api.statusView,
    accounts: [
      { id: 'r1', accountId: 'a1', accountName: 'acme', active: true },
      { id: 'r2', accountId: 'a2', accountName: 'acme-gitlab', active: false },
    ],
  };
  api.otherAccounts = { r2: GITLAB };
  const answers: ((answer: Result<RuntimeList>) => void)[] = [];
  api.worker['runtimes/list'] = () => new Promise((resolve) => answers.push(resolve));
  // Each account's saved tokens as the worker lists them: acme's token is used on production.
  api.saved = [
    {
      id: 'tok-1',
      provider: 'GITHUB',
      apiUrl: 'https://api.github.com',
      login: 'alice',
      tokenType: 'github-classic',
      scopes: ['repo'],
      lastFour: 'aaaa',
      expiresAt: null,
      createdAt: 0,
      lastUsedAt: null,
      runtimes: ['production'],
    },
  ];
  const switchTo = api.worker['account/switch']!;
  api.worker['account/switch'] = async (payload) => {
    api.saved = api.saved.map((t) => ({ ...t, runtimes: [] }));
    return switchTo(payload);
  };
  const savedAnswers: (() => void)[] = [];
  api.worker['vault/list'] = () => {
    const listed = api.saved;
    return new Promise((resolve) => savedAnswers.push(() => resolve({ ok: true, value: listed })));
  };
  return { api, answers, savedAnswers };
};

const ok = (runtimes: RuntimeList['runtimes']): Result<RuntimeList> => ({
  ok: true,
  value: { runtimes, stale: false },
});

describe('switching account while the previous list still streams', () => {
  it('shows none of the previous account’s rows, streamed or answered, under the new account', async () => {
    const { api, answers, savedAnswers } = twoAccounts();
    const store = createPopupStore(api, text);
    const starting = store.getState().start('https://g.codefresh.io/2.0/');
    await expect.poll(() => answers.length).toBe(1);
    // acme's refresh streams in as usual.
    store.getState().onListProgress([{ type: 'runtimes/progress', accountId: 'a1', names: ['production'] }]);
    expect(store.getState().checking).toEqual(['production']);

    const switching = store.getState().switchAccount('r2');
    await expect.poll(() => answers.length).toBe(2);
    expect(store.getState().status?.account?.accountId).toBe('a2');
    expect(store.getState().runtimesLoading).toBe(true);

    // acme's refresh goes on streaming after the switch: nothing of it shows.
    store.getState().onListProgress([
      { type: 'runtimes/progress', accountId: 'a1', names: ['production', 'staging'] },
      { type: 'runtimes/progress', accountId: 'a1', runtime: runtime('production') },
    ]);
    expect(store.getState().runtimes).toEqual([]);
    expect(store.getState().checking).toEqual([]);
    // acme-gitlab's own stream does.
    store.getState().onListProgress([{ type: 'runtimes/progress', accountId: 'a2', names: ['gitlab-eu'] }]);
    expect(store.getState().checking).toEqual(['gitlab-eu']);

    // acme's answer comes last of all, after acme-gitlab's rows are in.
    store
      .getState()
      .onListProgress([{ type: 'runtimes/progress', accountId: 'a2', runtime: runtime('gitlab-eu') }]);
    await expect.poll(() => savedAnswers.length).toBe(2);
    answers[1]!(ok([runtime('gitlab-eu')]));
    savedAnswers[1]!();
    await switching;
    expect(store.getState().saved.map((t) => t.runtimes)).toEqual([[]]);
    answers[0]!(ok([runtime('production'), runtime('staging')]));
    // acme's saved-token list ("used on production") answers last too.
    savedAnswers[0]!();
    await starting;
    expect(store.getState().runtimes.map((r) => r.name)).toEqual(['gitlab-eu']);
    expect(store.getState().saved.map((t) => t.runtimes)).toEqual([[]]);
    expect(store.getState().runtimesLoading).toBe(false);
    expect(store.getState().error).toBeNull();
  });
});
