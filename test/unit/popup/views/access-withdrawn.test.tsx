// @vitest-environment happy-dom
// Host access withdrawn in the browser: the popup shows what is kept but unused, and offers to allow
// access again (asked inside the click) or to forget it. Nothing is gone until the user says so.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
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

const saved: SavedToken = {
  id: 'ghe-1',
  provider: 'GITHUB',
  apiUrl: 'https://ghe.acme.example/api/v3',
  login: 'mona',
  tokenType: 'github-classic',
  scopes: ['repo'],
  lastFour: 'gggg',
  expiresAt: null,
  createdAt: 0,
  lastUsedAt: null,
  runtimes: ['ghe-runtime'],
  needsAccess: 'https://ghe.acme.example',
};

const mount = async (api: FakePopupApi) => {
  const store = createPopupStore(api, (key) => key);
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://g.codefresh.io/2.0/user-settings');
  return store;
};

describe('a saved token whose host access was withdrawn', () => {
  it('is shown as needing access, offers Allow and Forget, and no way to use it meanwhile', async () => {
    const api = new FakePopupApi();
    api.runtimes = [runtime('ghe-runtime', { gitApiUrl: saved.apiUrl })];
    api.saved = [saved];
    await mount(api);
    await waitFor(() => screen.getByText('savedNeedsAccess:ghe.acme.example'));
    expect(screen.queryByRole('button', { name: 'replaceEverywhere' })).toBeNull();
    expect(screen.getByRole('button', { name: 'forget' })).toBeTruthy();

    api.saved = [{ ...saved, needsAccess: undefined } as SavedToken];
    fireEvent.click(screen.getByRole('button', { name: 'allowAccessAgain:ghe.acme.example' }));
    await waitFor(() => expect(screen.queryByText('savedNeedsAccess:ghe.acme.example')).toBeNull());
    expect(api.requestedOrigins).toEqual([['https://ghe.acme.example']]);
    expect(screen.getByRole('button', { name: 'replaceEverywhere' })).toBeTruthy();
  });

  it('stays kept and says so when the user refuses access again', async () => {
    const api = new FakePopupApi();
    api.saved = [saved];
    api.grantHostAccess = false;
    await mount(api);
    fireEvent.click(
      await waitFor(() => screen.getByRole('button', { name: 'allowAccessAgain:ghe.acme.example' })),
    );
    await waitFor(() => screen.getByText('hostAccessStillMissing'));
    expect(screen.getByText('savedNeedsAccess:ghe.acme.example')).toBeTruthy();
  });
});

describe('a self-hosted platform whose access was withdrawn', () => {
  const withdrawn = (api: FakePopupApi) => {
    api.statusView = {
      ...api.statusView,
      platformOrigin: 'https://cf.acme.example',
      platformNeedsAccess: true,
    };
  };

  it('keeps the API key and offers to allow access again in the click', async () => {
    const api = new FakePopupApi();
    withdrawn(api);
    await mount(api);
    await waitFor(() => screen.getByText('platformNeedsAccess:https://cf.acme.example'));
    fireEvent.click(screen.getByRole('button', { name: 'allowAccessAgain:cf.acme.example' }));
    await waitFor(() => expect(api.requestedOrigins).toEqual([['https://cf.acme.example']]));
    expect(api.signedOut).toBe(0);
  });

  it('forgets the API key only after the user confirms', async () => {
    const api = new FakePopupApi();
    withdrawn(api);
    await mount(api);
    fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'forgetApiKey' })));
    expect(api.signedOut).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'forgetConfirm' }));
    await waitFor(() => expect(api.signedOut).toBe(1));
    // The one key there is: the one in use.
    expect(api.sent.filter((m) => m.type === 'account/sign-out')).toEqual([
      { type: 'account/sign-out', payload: {} },
    ]);
  });

  it('with several accounts there, names how many keys and whose, and forgets all only when confirmed', async () => {
    const api = new FakePopupApi();
    withdrawn(api);
    api.statusView = {
      ...api.statusView,
      accounts: [
        ...api.statusView.accounts,
        { id: 'r2', accountId: 'a2', accountName: 'acme-labs', active: false },
      ],
    };
    await mount(api);
    await waitFor(() =>
      screen.getByText('platformNeedsAccessKeys:https://cf.acme.example:2:acme, acme-labs'),
    );
    expect(screen.queryByRole('button', { name: 'forgetApiKey' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'forgetApiKeys:2' }));
    expect(screen.getByText('forgetApiKeysQuestion:2:https://cf.acme.example:acme, acme-labs')).toBeTruthy();
    expect(api.signedOut).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'forgetConfirm' }));
    await waitFor(() => expect(api.signedOut).toBe(1));
    expect(api.sent.filter((m) => m.type === 'account/sign-out')).toEqual([
      { type: 'account/sign-out', payload: { every: true } },
    ]);
  });
});
