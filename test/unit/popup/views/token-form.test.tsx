// @vitest-environment happy-dom
// Pasting is covered in real Chromium (popup-flow e2e): happy-dom has no `onpaste`, so Preact
// would listen for a differently named event here.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
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

const mount = async (provider: 'GITHUB' | 'BITBUCKET') => {
  const api = new FakePopupApi();
  api.runtimes = [runtime('rt', { gitProvider: provider, gitApiUrl: 'https://api.github.com' })];
  api.detected = 'rt';
  const store = createPopupStore(api, (key) => key);
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://rt.example/workflows/');
  return api;
};

describe('the token field', () => {
  it('asks no username for other providers', async () => {
    await mount('GITHUB');
    await waitFor(() => screen.getByLabelText('tokenLabel'));
    expect(screen.queryByLabelText('bitbucketEmailLabel')).toBeNull();
  });

  it('asks Bitbucket users for their username first, and sends both together', async () => {
    const api = await mount('BITBUCKET');
    const username = await waitFor(() => screen.getByLabelText('bitbucketEmailLabel'));
    fireEvent.input(username, { target: { value: 'alice@acme.example' } });
    fireEvent.input(screen.getByLabelText('tokenLabel'), { target: { value: 'ATATT_typed' } });
    fireEvent.click(screen.getByRole('button', { name: 'checkToken' }));
    await waitFor(() => expect(api.sentTokens).toEqual(['ATATT_typed']));
    expect(api.sentUsernames).toEqual(['alice@acme.example']);
  });
});
