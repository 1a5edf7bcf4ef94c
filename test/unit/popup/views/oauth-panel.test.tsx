// @vitest-environment happy-dom
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

describe('Authorize with the Git provider, in the popup', () => {
  it('authorizes every runtime that needs a token one by one, in one click', async () => {
    const api = new FakePopupApi();
    api.runtimes = [
      runtime('production', { token: { kind: 'valid' } }),
      runtime('staging'),
      runtime('old', { token: { kind: 'invalid' } }),
      runtime('bb', { gitProvider: 'BITBUCKET', gitApiUrl: 'https://api.bitbucket.org/2.0' }),
      runtime('dev', { installationStatus: 'IN_PROGRESS' }),
    ];
    api.detected = 'staging';
    const store = createPopupStore(api, (key, subs) => [key, ...[subs ?? []].flat()].join(':'));
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    );
    await store.getState().start('https://staging.example/workflows/');
    const many = await waitFor(() => screen.getByRole('button', { name: 'oauthAuthorizeMany:2' }));
    fireEvent.click(many);
    await waitFor(() => expect(api.authorized).toEqual([['staging', 'old']]));
  });
});
