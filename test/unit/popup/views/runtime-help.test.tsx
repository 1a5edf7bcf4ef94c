// @vitest-environment happy-dom
// A runtime whose app-proxy did not answer offers Check connection and Set address; both open the
// options page at that runtime through the popup's browser API.
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

describe('next steps for a runtime that shows an error', () => {
  it('opens the options page at its diagnostics, and at its address', async () => {
    const api = new FakePopupApi();
    api.runtimes = [runtime('qa', { token: { kind: 'unknown', reason: 'unreachable', message: 'down' } })];
    const store = createPopupStore(api, (key) => key);
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    );
    await store.getState().start(null);

    fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'checkConnectionFor:qa' })));
    fireEvent.click(screen.getByRole('button', { name: 'setAppProxyAddressFor:qa' }));
    expect(api.openedOptions).toEqual([
      { section: 'diagnostics', runtimeName: 'qa' },
      { section: 'overrides', runtimeName: 'qa' },
    ]);
  });
});
