// @vitest-environment happy-dom
// A sign-in that finishes after the popup opened (the user closed the popup that sent the key at
// once): the next popup, showing the key form, follows the stored account to "Signed in as".
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followAccount } from '../../../../src/popup/account-follow';
import { App } from '../../../../src/popup/app';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import { FakePopupApi, runtime } from '../fake-popup-api';

vi.mock('../../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

afterEach(cleanup);

const URL = 'https://g.codefresh.io/2.0/user-settings';

const setup = () => {
  const api = new FakePopupApi();
  const account = api.statusView.account!;
  api.statusView = { ...api.statusView, account: null };
  api.runtimes = [runtime('staging')];
  const store = createPopupStore(api, (key) => key);
  followAccount(store, (listener) => api.onAccountChanged(listener));
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { api, store, account };
};

const lists = (api: FakePopupApi) => api.payloads('runtimes/list').length;

describe('a popup that opened before the key was saved', () => {
  it('shows the signed-in account once the worker stores it', async () => {
    const { api, store, account } = setup();
    await store.getState().start(URL);
    await waitFor(() => screen.getByLabelText('apiKeyLabel'));

    api.storeAccount(account);
    await waitFor(() => screen.getByText('signedInAs:Dana:acme'));
    expect(store.getState().phase).toBe('ready');
    expect(screen.queryByLabelText('apiKeyLabel')).toBeNull();
    await waitFor(() => expect(store.getState().runtimes.map((r) => r.name)).toEqual(['staging']));
  });

  it('looks again when the account is stored while its first status answer was on its way', async () => {
    const { api, store, account } = setup();
    // The worker answered the status before the save, and the save lands before the answer.
    const starting = store.getState().start(URL);
    api.storeAccount(account);
    await starting;
    await waitFor(() => expect(store.getState().phase).toBe('ready'));
    expect(store.getState().status?.account?.name).toBe('Dana');
  });

  it('enters once when the account stored is its own sign-in', async () => {
    const { api, store, account } = setup();
    await store.getState().start(URL);
    // As the worker does: the summary is stored before the answer to the sign-in comes back.
    api.worker['account/set-api-key'] = async () => {
      api.storeAccount(account);
      return { ok: true, value: account };
    };
    expect(await store.getState().submitApiKey('key')).toBe(true);
    await waitFor(() => expect(store.getState().runtimes).toHaveLength(1));
    expect(lists(api)).toBe(1);
    expect(api.payloads('status/get')).toHaveLength(1);
  });
});

const GITLAB = {
  userId: 'u1',
  name: 'Dana',
  email: 'dana@acme.example',
  accountId: 'a2',
  accountName: 'acme-gitlab',
  gitProvider: 'GITLAB' as const,
  gitApiUrl: 'https://gitlab.com/api/v4',
};

/** A popup open on acme (r1), with acme-gitlab (r2) signed in too; lists follow the account in use. */
const openOnTwoAccounts = async () => {
  const api = new FakePopupApi();
  api.statusView = {
    ...api.statusView,
    accounts: [
      { id: 'r1', accountId: 'a1', accountName: 'acme', active: true },
      { id: 'r2', accountId: 'a2', accountName: 'acme-gitlab', active: false },
    ],
  };
  api.otherAccounts = { r2: GITLAB };
  const list = () => {
    const account = api.statusView.account?.accountId;
    return account === 'a2' ? [runtime('gitlab-eu')] : account === 'a1' ? [runtime('production')] : [];
  };
  api.worker['runtimes/list'] = () => ({ ok: true, value: { runtimes: list(), stale: false } });
  const store = createPopupStore(api, (key, subs) => [key, ...[subs ?? []].flat()].join(':'));
  followAccount(store, (listener) => api.onAccountChanged(listener));
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start(URL);
  await waitFor(() => expect(store.getState().runtimes.map((r) => r.name)).toEqual(['production']));
  return { api, store };
};

describe('an open popup when an account is signed out of on the options page', () => {
  it('moves to the next account when the one on screen is signed out of', async () => {
    const { api, store } = await openOnTwoAccounts();
    api.signOutElsewhere('r1');
    await waitFor(() => screen.getByText('signedInAs:Dana:acme-gitlab'));
    await waitFor(() => expect(store.getState().runtimes.map((r) => r.name)).toEqual(['gitlab-eu']));
    expect(screen.queryByText('production')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(
      'accountSignedOutElsewhere:acme accountSwitched:acme-gitlab',
    );
    // One account left: no switcher.
    expect(screen.queryByLabelText('accountSwitchLabel')).toBeNull();
  });

  it('shows the sign-in form when the last account is signed out of', async () => {
    const { api, store } = await openOnTwoAccounts();
    api.signOutElsewhere('r2');
    api.signOutElsewhere('r1');
    await waitFor(() => screen.getByLabelText('apiKeyLabel'));
    expect(store.getState().phase).toBe('needs-api-key');
    expect(store.getState().runtimes).toEqual([]);
    expect(screen.queryByText('production')).toBeNull();
  });

  it('stays on its account when another one is signed out of, and drops it from the switcher', async () => {
    const { api, store } = await openOnTwoAccounts();
    expect(screen.getByLabelText('accountSwitchLabel')).toBeTruthy();
    const listsBefore = lists(api);
    api.signOutElsewhere('r2');
    await waitFor(() => expect(screen.queryByLabelText('accountSwitchLabel')).toBeNull());
    expect(screen.getByText('signedInAs:Dana:acme')).toBeTruthy();
    expect(store.getState().runtimes.map((r) => r.name)).toEqual(['production']);
    expect(lists(api)).toBe(listsBefore);
  });

  it('starts over once for its own switch, not again for the account it stores', async () => {
    const { api, store } = await openOnTwoAccounts();
    const switchTo = api.worker['account/switch']!;
    api.worker['account/switch'] = async (payload) => {
      const answer = await switchTo(payload);
      // As the worker does: the account in use is stored before the answer comes back.
      for (const listener of api.accountListeners) listener();
      return answer;
    };
    const listsBefore = lists(api);
    await store.getState().switchAccount('r2');
    await waitFor(() => expect(store.getState().runtimes.map((r) => r.name)).toEqual(['gitlab-eu']));
    expect(lists(api)).toBe(listsBefore + 1);
  });
});
