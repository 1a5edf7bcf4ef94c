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

const mount = async (count: number) => {
  const api = new FakePopupApi();
  api.runtimes = [
    runtime('production', { token: { kind: 'valid' } }),
    runtime('ops', { token: { kind: 'invalid' } }),
    ...Array.from({ length: count - 2 }, (_, i) => runtime(`bench-${String(i + 1).padStart(2, '0')}`)),
  ];
  const store = createPopupStore(api, (key) => key);
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await store.getState().start('https://g.codefresh.io/2.0/user-settings');
  return screen.getByRole('region', { name: 'runtimesHeading' });
};

const rowNames = (list: HTMLElement) =>
  within(list)
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('.runtime-name')?.textContent);

describe('the runtime list', () => {
  it('shows each group under a heading that labels its list, needs-a-token first', async () => {
    const section = await mount(5);
    await waitFor(() => within(section).getByRole('heading', { name: 'runtimeGroupNeedsToken:3' }));
    const headings = within(section)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual(['runtimeGroupNeedsToken:3', 'runtimeGroupInvalid:1', 'runtimeGroupFine:1']);
    expect(rowNames(within(section).getByRole('list', { name: 'runtimeGroupInvalid:1' }))).toEqual(['ops']);
    // Eight or fewer fit the popup: no filter.
    expect(within(section).queryByLabelText('runtimeFilterLabel')).toBeNull();
  });

  it('offers a filter above eight runtimes that narrows every group by name', async () => {
    const section = await mount(12);
    const filter = await waitFor(() => within(section).getByLabelText('runtimeFilterLabel'));
    expect(rowNames(section)).toHaveLength(12);
    fireEvent.input(filter, { target: { value: 'BENCH-0' } });
    await waitFor(() => expect(rowNames(section)).toHaveLength(9));
    expect(within(section).queryByRole('heading', { name: /runtimeGroupFine/ })).toBeNull();
    fireEvent.input(filter, { target: { value: 'op' } });
    await waitFor(() => expect(rowNames(section)).toEqual(['ops']));
    fireEvent.input(filter, { target: { value: 'nothing-like-it' } });
    await waitFor(() => within(section).getByText('runtimeFilterNoMatch:nothing-like-it'));
    expect(rowNames(section)).toEqual([]);
  });
});
