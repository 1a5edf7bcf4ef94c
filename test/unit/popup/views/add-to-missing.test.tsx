// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../src/popup/app';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import { FakePopupApi, runtime } from '../fake-popup-api';

vi.mock('../../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

afterEach(cleanup);

/** A popup opened where no runtime is detected (the user-settings page), for a GitHub account. */
const mount = async (accountProvider: 'GITHUB' | null) => {
  const api = new FakePopupApi();
  api.statusView = {
    ...api.statusView,
    account: {
      ...api.statusView.account!,
      gitProvider: accountProvider,
      gitApiUrl: accountProvider ? 'https://api.github.com' : null,
    },
  };
  api.runtimes = [
    runtime('production', { token: { kind: 'valid' } }),
    runtime('staging'),
    runtime('sandbox'),
    runtime('legacy', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }),
    runtime('dev', {
      installationStatus: 'IN_PROGRESS',
      token: { kind: 'unknown', reason: 'not-installed', message: '' },
    }),
  ];
  api.detected = undefined;
  const store = createPopupStore(api, (key) => key);
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://g.codefresh.io/2.0/user-settings');
  return { api, store };
};

describe('one Git provider per account, in the popup', () => {
  it('checks a token with no runtime chosen, then adds it to every runtime missing one in one click', async () => {
    const { api, store } = await mount('GITHUB');
    expect(store.getState().focused).toBeNull();
    const field = await waitFor(() => screen.getByLabelText('tokenLabel'));
    fireEvent.input(field, { target: { value: 'ghp_typed' } });
    const check = screen.getByRole('button', { name: 'checkToken' }) as HTMLButtonElement;
    expect(check.disabled).toBe(false);
    fireEvent.click(check);
    await waitFor(() => expect(api.sentTokens).toEqual(['ghp_typed']));
    // No runtime named: the worker checks it against the account's provider.
    expect(api.sentRuntimeNames).toEqual([undefined]);

    const addAll = await waitFor(() => screen.getByRole('button', { name: 'addToAllMissing:2' }));
    fireEvent.click(addAll);
    await waitFor(() => expect(api.applied).toHaveLength(1));
    // Not production (has one), not dev (installing), not legacy (reports GitLab).
    expect(api.applied[0]).toMatchObject({ source: { kind: 'draft' }, runtimeNames: ['staging', 'sandbox'] });
  });

  it('says what a runtime reports when it is not the account’s provider, and never offers it the token', async () => {
    const { store } = await mount('GITHUB');
    const list = await waitFor(() => screen.getByRole('region', { name: 'runtimesHeading' }));
    const row = (name: string) => within(list).getByText(name).closest('li')!;
    await waitFor(() => row('legacy'));
    expect(row('legacy').textContent).toContain(
      'runtimeReportsOtherGit:GitLab:https://gitlab.com/api/v4:GitHub',
    );
    expect(row('staging').textContent).not.toContain('runtimeReportsOtherGit');
    await store.getState().validate('ghp_x');
    const box = (await waitFor(() => screen.getByLabelText('legacy'))) as HTMLInputElement;
    expect(box.disabled).toBe(true);
  });

  it('an account that names no provider still needs a runtime before a token can be checked', async () => {
    await mount(null);
    const field = await waitFor(() => screen.getByLabelText('tokenLabel'));
    fireEvent.input(field, { target: { value: 'ghp_typed' } });
    expect((screen.getByRole('button', { name: 'checkToken' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
