// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEADER_KEY } from '../../../../src/background/vault/vault-keys';
import { App } from '../../../../src/popup/app';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import { GITHUB_SECRET, githubMeta, makeHarness } from '../../background/vault/vault-harness';
import { FakePopupApi } from '../fake-popup-api';

vi.mock('../../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

afterEach(cleanup);

/** The popup over a real vault whose header was damaged; the rest of the worker is the fake. */
const mountOver = async (header: unknown) => {
  const h = makeHarness();
  await h.vault.save(GITHUB_SECRET, githubMeta());
  await fakeBrowser.storage.local.set({ [HEADER_KEY]: header });
  const vault = h.restartWorker();
  const api = new FakePopupApi();
  const fakeStatus = api.worker['status/get']!;
  api.worker['status/get'] = async (payload) => {
    const answer = await fakeStatus(payload);
    if (!answer.ok) return answer;
    const v = await vault.status();
    const unreadable = v.unreadable ? { unreadable: { message: v.unreadable.message } } : {};
    return { ok: true, value: { ...answer.value, vault: { mode: v.mode, locked: v.locked, ...unreadable } } };
  };
  api.worker['vault/reset'] = async () => {
    await vault.reset();
    api.statusView = { ...api.statusView, account: null };
    return { ok: true, value: { erased: true } };
  };
  const store = createPopupStore(api, (key) => key);
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://argo.example/workflows/');
  return { api, h };
};

describe('the popup when the saved data cannot be read', () => {
  it.each([
    ['"x"', 'x'],
    ['{schema: 99}', { schema: 99 }],
    ['truncated JSON', '{"schema":2,"mode":"device","dataKey":"v1.AAA'],
  ])('with header %s, says so and erases in two clicks', async (_name, header) => {
    const { api, h } = await mountOver(header);
    const alert = await waitFor(() => screen.getByRole('alert'));
    expect(alert.textContent).toContain('vaultUnreadableHeading');
    expect(alert.textContent).toMatch(/newer version|damaged/);
    expect(screen.queryByLabelText('tokenLabel')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'eraseAndStartAgain' }));
    fireEvent.click(screen.getByRole('button', { name: 'eraseAndStartAgainConfirm' }));
    await waitFor(() => expect(api.sentTypes()).toContain('vault/reset'));
    expect(await h.local()).toEqual({});
    // Started again as on a first run: the API key is asked for.
    await waitFor(() => screen.getByLabelText('apiKeyLabel'));
    expect(screen.queryByText('vaultUnreadableHeading')).toBeNull();
  });
});
