// @vitest-environment happy-dom
// "This token leaked" (issue 24 point 2): the confirmation lists what will happen, the worker does
// it in one message, and the answer says what was done at the provider and on each runtime.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../src/popup/app';
import type { SavedToken } from '../../../../src/popup/popup-api';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import { fail, ok } from '../../../../src/shared/errors';
import { FakePopupApi, runtime } from '../fake-popup-api';

vi.mock('../../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

afterEach(cleanup);

const token = (over: Partial<SavedToken> = {}): SavedToken => ({
  id: 'gh-1',
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: 'octocat',
  tokenType: 'github-classic',
  scopes: ['repo'],
  lastFour: 'abcd',
  expiresAt: null,
  createdAt: 0,
  lastUsedAt: null,
  runtimes: ['production', 'staging'],
  ...over,
});
const LABEL = 'octocat · GitHub ···abcd';

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

const ask = async () => {
  fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'leakButton' })));
  return screen.getByRole('group', { name: `leakQuestion:${LABEL}` });
};

describe('This token leaked', () => {
  it('lists revoke at GitHub, the runtimes and forgetting before anything is sent', async () => {
    const api = new FakePopupApi();
    api.runtimes = [runtime('production'), runtime('staging')];
    api.saved = [token()];
    await mount(api);
    const confirm = await ask();
    expect(
      within(confirm)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'leakStepRevokeApi:GitHub (github.com)',
      'leakStepRuntimes:production, staging',
      'leakStepForget',
    ]);
    expect(api.sent.filter((m) => m.type === 'leak/handle')).toEqual([]);

    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: `leakQuestion:${LABEL}` })).toBeNull();
    expect(api.sent.filter((m) => m.type === 'leak/handle')).toEqual([]);
  });

  it("stays open, with nothing moved in front of it, when the runtime list and the tab's runtime arrive after it", async () => {
    // In Firefox, "Use on production" appeared (list and detection in) after the card was drawn, in
    // front of This token leaked: the buttons moved, and a click meant for This token leaked landed
    // on Replace everywhere, which swaps the saved tokens for the rotation form.
    const api = new FakePopupApi();
    api.saved = [token({ runtimes: ['production', 'staging'] })];
    const store = await mount(api);
    const card = () => screen.getByRole('listitem', { name: LABEL });
    const buttonsBeforeLeak = () => {
      const names = within(card())
        .getAllByRole('button')
        .map((b) => b.textContent);
      return names.slice(0, names.indexOf('leakButton'));
    };
    await waitFor(() => screen.getByRole('button', { name: 'leakButton' }));
    const before = buttonsBeforeLeak();
    expect(before).toEqual(['replaceEverywhere']);

    // The list and the tab's runtime arrive: the card offers "Use on production" and "Use on 1 missing".
    await act(() => {
      store.setState({
        runtimes: [runtime('production'), runtime('staging', { token: { kind: 'valid' } })],
        focused: 'production',
      });
    });
    await waitFor(() => within(card()).getByRole('button', { name: 'useOn:production' }));
    expect(within(card()).getByRole('button', { name: 'useOnMissing:1' })).toBeTruthy();
    expect(buttonsBeforeLeak()).toEqual(before);

    // Asked, it stays open through the saved list and the runtimes read again (new objects).
    const confirm = await ask();
    await act(() => {
      store.setState((s) => ({
        saved: s.saved.map((r) => ({ ...r })),
        runtimes: s.runtimes.map((r) => ({ ...r })),
      }));
    });
    expect(confirm.isConnected).toBe(true);
    expect(document.activeElement?.textContent).toBe('leakConfirm');
  });

  it('says Bitbucket is revoked on its page, not by the extension', async () => {
    const api = new FakePopupApi();
    api.saved = [token({ provider: 'BITBUCKET', apiUrl: 'https://api.bitbucket.org/2.0', runtimes: [] })];
    await mount(api);
    fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'leakButton' })));
    expect(screen.getByText('leakStepRevokePage:Bitbucket Cloud (bitbucket.org)')).toBeTruthy();
    expect(screen.getByText('leakStepNoRuntimes')).toBeTruthy();
  });

  it('does not promise a revocation it cannot make when the saved copy is unreadable', async () => {
    const api = new FakePopupApi();
    api.saved = [token({ unreadable: { message: 'This saved token cannot be read.' } })];
    await mount(api);
    const confirm = await ask();
    expect(within(confirm).getAllByRole('listitem')[0]!.textContent).toBe(
      'leakStepRevokeUnreadable:GitHub (github.com)',
    );
  });

  it('shows what was done per runtime and at the provider, and the saved token is gone', async () => {
    const api = new FakePopupApi();
    api.saved = [token()];
    api.leakAnswer = ok({
      provider: {
        outcome: 'failed',
        place: 'GitHub (github.com)',
        link: 'https://github.com/settings/tokens',
        error: { code: 'revoke-failed', message: 'Not revoked at GitHub (github.com).' },
      },
      runtimes: [
        { runtimeName: 'production', ok: true },
        { runtimeName: 'staging', ok: false, error: { code: 'app-proxy-down', message: 'staging is down' } },
      ],
      forgotten: true,
    });
    await mount(api);
    const confirm = await ask();
    fireEvent.click(within(confirm).getByRole('button', { name: 'leakConfirm' }));

    const results = await waitFor(() => screen.getByRole('region', { name: `leakResultsHeading: ${LABEL}` }));
    expect(api.sent).toContainEqual({ type: 'leak/handle', payload: { recordId: 'gh-1' } });
    expect(within(results).getByText('Not revoked at GitHub (github.com).')).toBeTruthy();
    expect(
      within(results).getByRole('link', { name: 'leakOpenTokenPage:GitHub (github.com)' }),
    ).toHaveProperty('href', 'https://github.com/settings/tokens');
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['production leakResultRemoved', 'staging staging is down']);
    // Forgotten as asked, and the answer says the token was not revoked.
    expect(within(results).getByText('leakResultForgottenNotRevoked')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'leakButton' })).toBeNull());
    await waitFor(() => expect(document.activeElement?.id).toBe('leak-heading'));

    fireEvent.click(within(results).getByRole('button', { name: 'dismiss' }));
    expect(screen.queryByRole('region', { name: `leakResultsHeading: ${LABEL}` })).toBeNull();
  });

  describe('with the token on runtimes of another signed-in account too', () => {
    const twoAccounts = () => {
      const api = new FakePopupApi();
      api.statusView = {
        ...api.statusView,
        accounts: [
          ...api.statusView.accounts,
          { id: 'r2', accountId: 'a2', accountName: 'acme-labs', active: false },
        ],
      };
      api.saved = [token({ otherAccounts: [{ accountId: 'a2', runtimes: ['labs-ci', 'staging'] }] })];
      return api;
    };

    it('names each account with its runtimes, and that the other is reached with its own key', async () => {
      await mount(twoAccounts());
      const confirm = await ask();
      expect(
        within(confirm)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual([
        'leakStepRevokeApi:GitHub (github.com)',
        'leakStepRuntimesInAccount:production, staging:acme',
        'leakStepOtherAccount:labs-ci, staging:acme-labs',
        'leakStepForget',
      ]);
    });

    it('shows the results under each account’s name (runtime names repeat across accounts)', async () => {
      const api = twoAccounts();
      api.leakAnswer = ok({
        provider: { outcome: 'revoked', place: 'GitHub (github.com)' },
        runtimes: [
          { runtimeName: 'production', ok: true },
          { runtimeName: 'staging', ok: true },
        ],
        otherAccounts: [
          {
            accountId: 'a2',
            accountName: 'acme-labs',
            runtimes: [
              { runtimeName: 'labs-ci', ok: true },
              { runtimeName: 'staging', ok: false, error: { code: 'unauthorized', message: 'Key refused.' } },
            ],
          },
        ],
        forgotten: true,
      });
      await mount(api);
      fireEvent.click(within(await ask()).getByRole('button', { name: 'leakConfirm' }));
      const results = await waitFor(() =>
        screen.getByRole('region', { name: `leakResultsHeading: ${LABEL}` }),
      );
      const listOf = (account: string) =>
        within(within(results).getByRole('region', { name: `leakResultsAccount:${account}` }))
          .getAllByRole('listitem')
          .map((li) => li.textContent);
      expect(listOf('acme')).toEqual(['production leakResultRemoved', 'staging leakResultRemoved']);
      expect(listOf('acme-labs')).toEqual(['labs-ci leakResultRemoved', 'staging Key refused.']);
    });
  });

  it('keeps everything and shows why when the worker refuses (vault locked)', async () => {
    const api = new FakePopupApi();
    api.saved = [token()];
    api.leakAnswer = fail('vault-locked', 'Unlock first.');
    await mount(api);
    fireEvent.click(within(await ask()).getByRole('button', { name: 'leakConfirm' }));
    await waitFor(() => screen.getByRole('alert'));
    expect(screen.getByRole('alert').textContent).toContain('Unlock first.');
    expect(screen.getByRole('button', { name: 'leakButton' })).toBeTruthy();
  });
});
