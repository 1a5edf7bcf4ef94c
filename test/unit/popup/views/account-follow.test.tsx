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
  followAccount(store, (listener) => api.onAccountStored(listener));
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
