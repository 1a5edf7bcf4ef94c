// @vitest-environment happy-dom
// Runtime names, owner logins and error messages come from servers (Codefresh, the app-proxy, the
// Git provider). The popup must render them as text: markup in them creates no element.
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/popup/app';
import { createPopupStore } from '../../../src/popup/store';
import { StoreContext } from '../../../src/popup/store-context';
import { FakePopupApi, runtime, validation } from '../popup/fake-popup-api';

// fake-browser has no i18n; the views only need some text per key.
vi.mock('../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

const IMG = '<img src=x onerror="globalThis.__xss=1">';
const SCRIPT = '<script>globalThis.__xss=2</script>';
const EVIL_RUNTIME = `${IMG}rt`;
const EVIL_LOGIN = `${SCRIPT}octo`;
const EVIL_ERROR = `The runtime said: <b>no</b>${IMG}<a href="javascript:alert(1)">fix</a>`;

const mount = (api: FakePopupApi) => {
  const store = createPopupStore(api, (key, subs) => [key, ...[subs ?? []].flat()].join(':'));
  const view = render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { store, view };
};

const injected = (root: Element) => root.querySelectorAll('img, script, b, a[href^="javascript"], iframe');

afterEach(() => {
  cleanup();
  delete (globalThis as { __xss?: unknown }).__xss;
});

describe('server text in the popup', () => {
  it('renders markup in runtime names, logins and apply errors as text', async () => {
    const api = new FakePopupApi();
    api.statusView = {
      ...api.statusView,
      account: { ...api.statusView.account!, name: `${IMG}Dana`, accountName: `${SCRIPT}acme` },
    };
    api.runtimes = [runtime(EVIL_RUNTIME), runtime('plain')];
    api.detected = EVIL_RUNTIME;
    api.validationAnswer = {
      ok: true,
      value: { draftId: 'd1', validation: validation({ login: EVIL_LOGIN }) },
    };
    api.saved = [
      {
        id: 's1',
        provider: 'GITHUB',
        apiUrl: 'https://api.github.com',
        login: EVIL_LOGIN,
        tokenType: 'github-classic',
        scopes: ['repo'],
        lastFour: 'ab<i',
        expiresAt: null,
        createdAt: 0,
        lastUsedAt: null,
        runtimes: [EVIL_RUNTIME],
      },
    ];
    // The apply fails on the evil runtime with a server message full of markup.
    api.worker['token/apply'] = async ({ runtimeNames }) => ({
      ok: true,
      value: {
        results: runtimeNames.map((runtimeName) => ({
          runtimeName,
          ok: false as const,
          error: { code: 'app-proxy-rejected', message: EVIL_ERROR },
        })),
        recordId: null,
      },
    });

    const { store, view } = mount(api);
    await store.getState().start('https://rt.example/');
    await store.getState().validate('ghp_example');
    await store.getState().apply('draft');

    await waitFor(() => expect(view.container.textContent).toContain(EVIL_ERROR));
    const text = view.container.textContent ?? '';
    expect(text).toContain(EVIL_RUNTIME);
    expect(text).toContain(EVIL_LOGIN);
    expect(text).toContain(`${IMG}Dana`);
    expect(injected(view.container)).toHaveLength(0);
    expect((globalThis as { __xss?: unknown }).__xss).toBeUndefined();
  });

  it('renders markup in an error banner as text', async () => {
    const api = new FakePopupApi();
    api.runtimes = [runtime('production')];
    api.detected = 'production';
    api.validationAnswer = { ok: false, error: { code: 'token-bad-credentials', message: EVIL_ERROR } };
    const { store, view } = mount(api);
    await store.getState().start('https://rt.example/');
    await store.getState().validate('ghp_example');

    await waitFor(() => expect(view.getByRole('alert').textContent).toContain(EVIL_ERROR));
    expect(injected(view.container)).toHaveLength(0);
  });

  it('renders a runtime state message with markup as text', async () => {
    const api = new FakePopupApi();
    api.runtimes = [
      runtime('qa', { token: { kind: 'unknown', reason: 'error', message: EVIL_ERROR } }),
      runtime(EVIL_RUNTIME, {
        token: { kind: 'unknown', reason: 'app-proxy-down', message: `${SCRIPT}down` },
      }),
    ];
    const { store, view } = mount(api);
    await store.getState().start(null);
    await waitFor(() => expect(view.container.textContent).toContain(EVIL_RUNTIME));
    expect(injected(view.container)).toHaveLength(0);
  });
});
