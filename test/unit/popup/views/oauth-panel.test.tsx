// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../src/popup/app';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import { authorizeOAuth } from '../../../../src/shared/messages/oauth';
import { OAUTH_BATCH_MAX } from '../../../../src/shared/oauth-providers';
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

  const needingToken = (count: number) =>
    Array.from({ length: count }, (_, i) => runtime(i === 0 ? 'staging' : `rt-${i}`));

  const show = async (api: FakePopupApi) => {
    api.detected = 'staging';
    const store = createPopupStore(api, (key, subs) => [key, ...[subs ?? []].flat()].join(':'));
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    );
    await store.getState().start('https://staging.example/workflows/');
    await waitFor(() => screen.getByRole('button', { name: 'oauthAuthorizeWith:GitHub' }));
  };

  it('offers all at once exactly as many runtimes as one oauth/authorize message accepts', async () => {
    const names = needingToken(OAUTH_BATCH_MAX).map((r) => r.name);
    expect(v.safeParse(authorizeOAuth.payload, { runtimeNames: names }).success).toBe(true);
    expect(v.safeParse(authorizeOAuth.payload, { runtimeNames: [...names, 'one-more'] }).success).toBe(false);

    const api = new FakePopupApi();
    api.runtimes = needingToken(OAUTH_BATCH_MAX);
    await show(api);
    fireEvent.click(screen.getByRole('button', { name: `oauthAuthorizeMany:${OAUTH_BATCH_MAX}` }));
    await waitFor(() => expect(api.authorized).toEqual([names]));
  });

  it('above that, offers no all-at-once button the worker would refuse, and says what to do instead', async () => {
    const api = new FakePopupApi();
    api.runtimes = needingToken(OAUTH_BATCH_MAX + 1);
    await show(api);
    expect(screen.queryByRole('button', { name: /^oauthAuthorizeMany/ })).toBeNull();
    expect(
      screen.getByText(`oauthTooManyForOneClick:${OAUTH_BATCH_MAX + 1}:${OAUTH_BATCH_MAX}`),
    ).toBeTruthy();
    // The focused runtime can still be authorized on its own.
    fireEvent.click(screen.getByRole('button', { name: 'oauthAuthorizeWith:GitHub' }));
    await waitFor(() => expect(api.authorized).toEqual([['staging']]));
  });
});
