// @vitest-environment happy-dom
// A token added to many runtimes: the action that starts it stays in its bar, each runtime's
// outcome shows as it arrives under a count, and failures come first.
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

const mount = async () => {
  const api = new FakePopupApi();
  api.runtimes = [
    runtime('production', { token: { kind: 'valid' } }),
    runtime('alpha'),
    runtime('beta'),
    runtime('gamma'),
  ];
  api.detected = 'alpha';
  api.failOn = new Set(['gamma']);
  const store = createPopupStore(api, (key) => key);
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://alpha.example/');
  await store.getState().validate('ghp_x');
  return { api, store };
};

const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.runtime-name')?.textContent);

describe('adding a token to many runtimes', () => {
  it('offers all missing and the picked runtimes in one bar, outside the list', async () => {
    const { api } = await mount();
    const all = await waitFor(() => screen.getByRole('button', { name: 'addToAllMissing:3' }));
    expect(all.closest('.action-bar')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'addToOne:alpha' }).closest('.action-bar')).toBe(
      all.closest('.action-bar'),
    );
    const list = screen.getByRole('region', { name: 'runtimesHeading' });
    expect(within(list).queryByRole('button', { name: /^addTo/ })).toBeNull();
    fireEvent.click(all);
    await waitFor(() => expect(api.applied).toHaveLength(1));
    expect(api.applied[0]!.runtimeNames).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('counts the answers as they arrive, failures first, then lists every result failures first', async () => {
    const { api, store } = await mount();
    let release = () => {};
    api.holdApply = new Promise((resolve) => {
      release = resolve;
    });
    fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'addToAllMissing:3' })));
    const results = await waitFor(() => screen.getByRole('region', { name: 'addingHeading' }));
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('batchCount:0:3'));

    store.getState().onProgress({ alpha: 'running' });
    store.getState().onProgress({ alpha: 'done' });
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('batchCount:1:3'));
    store.getState().onProgress({ gamma: 'failed' });
    await waitFor(() => expect(names(results)).toEqual(['gamma', 'alpha']));
    expect(within(results).getByRole('status').textContent).toBe('batchCount:2:3');

    release();
    const done = await waitFor(() => screen.getByRole('region', { name: 'resultsHeading' }));
    await waitFor(() => expect(names(done)).toEqual(['gamma', 'alpha', 'beta']));
    expect(within(done).getByRole('button', { name: 'retryOn:gamma' })).toBeTruthy();
    // The list read again still says alpha and beta have none; the bar offers only gamma.
    await waitFor(() => expect(api.payloads('runtimes/list').filter((p) => p.refresh)).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'addToOnlyMissing:gamma' })).toBeTruthy();
  });
});
