// @vitest-environment happy-dom
// Several Codefresh accounts (issue 24, point 3): the header names the account in use, switches by
// a labelled select, and "Add another account" opens the sign-in form again. After a switch the
// popup shows only the other account's runtimes and saved-token lists.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../src/popup/app';
import type { SavedToken } from '../../../../src/popup/popup-api';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import { FakePopupApi, runtime } from '../fake-popup-api';

vi.mock('../../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

afterEach(cleanup);

const token = (runtimes: string[]): SavedToken => ({
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
  runtimes,
});

const GITLAB_ACCOUNT = {
  userId: 'u1',
  name: 'Dana',
  email: 'dana@acme.example',
  accountId: 'a2',
  accountName: 'acme-gitlab',
  gitProvider: 'GITLAB' as const,
  gitApiUrl: 'https://gitlab.com/api/v4',
};

/** A popup signed in to acme (r1) and acme-gitlab (r2); the fake swaps lists as the worker would. */
const twoAccounts = () => {
  const api = new FakePopupApi();
  api.statusView = {
    ...api.statusView,
    accounts: [
      { id: 'r1', accountId: 'a1', accountName: 'acme', active: true },
      { id: 'r2', accountId: 'a2', accountName: 'acme-gitlab', active: false },
    ],
  };
  api.otherAccounts = { r2: GITLAB_ACCOUNT };
  api.runtimes = [runtime('production')];
  api.saved = [token(['production'])];
  const switchTo = api.worker['account/switch']!;
  api.worker['account/switch'] = async (payload) => {
    const answer = await switchTo(payload);
    api.runtimes = [runtime('gitlab-eu', { gitProvider: 'GITLAB', gitApiUrl: GITLAB_ACCOUNT.gitApiUrl })];
    api.saved = [token([])];
    return answer;
  };
  return api;
};

const mount = async (api: FakePopupApi) => {
  const store = createPopupStore(api, (key, subs) => [key, ...[subs ?? []].flat()].join(':'));
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://g.codefresh.io/2.0/user-settings');
  return store;
};

describe('the account switcher in the popup header', () => {
  it('switches with the labelled select; only the other account’s runtimes and lists remain', async () => {
    const api = twoAccounts();
    const store = await mount(api);
    const select = screen.getByLabelText('accountSwitchLabel') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['acme', 'acme-gitlab']);
    expect(select.value).toBe('r1');
    await waitFor(() => expect(store.getState().runtimes.map((r) => r.name)).toEqual(['production']));

    fireEvent.change(select, { target: { value: 'r2' } });
    await waitFor(() => screen.getByText('signedInAs:Dana:acme-gitlab'));
    expect(api.payloads('account/switch')).toEqual([{ id: 'r2' }]);
    await waitFor(() => expect(store.getState().runtimes.map((r) => r.name)).toEqual(['gitlab-eu']));
    expect(store.getState().saved.map((s) => s.runtimes)).toEqual([[]]);
    expect(store.getState().focused).not.toBe('production');
    expect((screen.getByLabelText('accountSwitchLabel') as HTMLSelectElement).value).toBe('r2');
    expect(screen.getByRole('status').textContent).toBe('accountSwitched:acme-gitlab');
  });

  it('shows no select with one account, and opens the sign-in form for another', async () => {
    const api = new FakePopupApi();
    await mount(api);
    expect(screen.queryByLabelText('accountSwitchLabel')).toBeNull();
    const add = screen.getByRole('button', { name: 'accountAddAnother' });
    expect(add.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(add);
    // The form's code is fetched on first use (views/lazy-view.tsx).
    const form = await screen.findByRole('form', { name: 'accountAddHeading' });
    fireEvent.input(within(form).getByLabelText('apiKeyLabel'), { target: { value: 'other.key' } });
    fireEvent.submit(form);
    await waitFor(() => expect(api.payloads('account/set-api-key')).toEqual([{ apiKey: 'other.key' }]));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'accountAddHeading' })).toBeNull());
  });

  it('closes the form on Cancel without sending anything', async () => {
    const api = new FakePopupApi();
    await mount(api);
    fireEvent.click(screen.getByRole('button', { name: 'accountAddAnother' }));
    fireEvent.click(await screen.findByRole('button', { name: 'cancel' }));
    expect(screen.queryByRole('form', { name: 'accountAddHeading' })).toBeNull();
    expect(api.payloads('account/set-api-key')).toEqual([]);
  });
});
