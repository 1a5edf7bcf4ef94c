// @vitest-environment happy-dom
// The saved GitLab token's rotation controls (issue 24): Rotate now where the scopes allow it, the
// self_rotate hint and create link where they do not, an unfinished job's note and Finish button,
// and the automatic choice, off by default.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../src/popup/app';
import type { SavedToken } from '../../../../src/popup/popup-api';
import { RotationContext } from '../../../../src/popup/rotation-context';
import {
  createRotationState,
  openFromExpiryNotice,
  type RotationApi,
} from '../../../../src/popup/rotation-state';
import { createPopupStore } from '../../../../src/popup/store';
import { StoreContext } from '../../../../src/popup/store-context';
import type { Result } from '../../../../src/shared/errors';
import type { RotationAnswer, RotationStatusView } from '../../../../src/shared/messages/rotation';
import { FakePopupApi, runtime } from '../fake-popup-api';

vi.mock('../../../../src/ui/i18n', () => ({
  t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':'),
  tOr: (_key: string, fallback: string) => fallback,
}));

afterEach(cleanup);

const gitlab = (over: Partial<SavedToken> = {}): SavedToken => ({
  id: 'gl-1',
  provider: 'GITLAB',
  apiUrl: 'https://gitlab.com/api/v4',
  login: 'alice',
  tokenType: 'gitlab-personal',
  scopes: ['read_api', 'write_repository', 'self_rotate'],
  lastFour: 'Zk4w',
  expiresAt: '2030-01-01T00:00:00.000Z',
  createdAt: 0,
  lastUsedAt: null,
  runtimes: ['gitlab-eu', 'gitlab-us'],
  ...over,
});

class FakeRotationApi implements RotationApi {
  status_: RotationStatusView = { jobs: [], auto: {} };
  calls: unknown[][] = [];
  answer: Result<RotationAnswer> = {
    ok: true,
    value: {
      results: [
        { runtimeName: 'gitlab-eu', ok: true },
        {
          runtimeName: 'gitlab-us',
          ok: false,
          error: { code: 'app-proxy-down', message: 'gitlab-us is down.' },
        },
      ],
      expiresAt: '2030-03-31T00:00:00.000Z',
      pending: true,
    },
  };
  async status(): Promise<Result<RotationStatusView>> {
    return { ok: true, value: this.status_ };
  }
  async rotate(recordId: string) {
    this.calls.push(['rotate', recordId]);
    return this.answer;
  }
  async resume(recordId: string) {
    this.calls.push(['resume', recordId]);
    return this.answer;
  }
  async dismiss(recordId: string) {
    this.calls.push(['dismiss', recordId]);
    return { ok: true as const, value: {} };
  }
  async setAuto(recordId: string, days: number | null): Promise<Result<RotationStatusView>> {
    this.calls.push(['setAuto', recordId, days]);
    const auto = { ...this.status_.auto };
    if (days === null) delete auto[recordId];
    else auto[recordId] = days;
    this.status_ = { ...this.status_, auto };
    return { ok: true, value: this.status_ };
  }
}

const mount = async (saved: SavedToken, rotationApi: FakeRotationApi) => {
  const api = new FakePopupApi();
  api.runtimes = [
    runtime('gitlab-eu', { gitProvider: 'GITLAB', gitApiUrl: saved.apiUrl }),
    runtime('gitlab-us', { gitProvider: 'GITLAB', gitApiUrl: saved.apiUrl }),
  ];
  api.saved = [saved];
  const store = createPopupStore(api, (key) => key);
  const reloads: number[] = [];
  const rotation = createRotationState(rotationApi, async () => void reloads.push(1));
  render(
    <StoreContext.Provider value={store}>
      <RotationContext.Provider value={rotation}>
        <App />
      </RotationContext.Provider>
    </StoreContext.Provider>,
  );
  await store.getState().start('https://g.codefresh.io/2.0/user-settings');
  await rotation.load();
  return { reloads, store, rotation };
};

describe('GitLab rotation controls on a saved token', () => {
  it('rotate in one click and show each runtime’s outcome', async () => {
    const rotationApi = new FakeRotationApi();
    const { reloads } = await mount(gitlab(), rotationApi);
    fireEvent.click(await screen.findByRole('button', { name: 'rotationRotateNow' }));
    await waitFor(() => screen.getByRole('list', { name: 'rotationResultsLabel' }));
    expect(rotationApi.calls).toEqual([['rotate', 'gl-1']]);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toContain('rotationResultOk:gitlab-eu');
    expect(items).toContain('rotationResultFailed:gitlab-us:gitlab-us is down.');
    expect(screen.getByText('rotationPartly')).toBeTruthy();
    expect(reloads).toHaveLength(1);
  });

  it('without api or self_rotate: no Rotate now, a hint, and a create link asking for self_rotate', async () => {
    await mount(gitlab({ scopes: ['read_api', 'write_repository'] }), new FakeRotationApi());
    await screen.findByText('rotationAddSelfRotate', { exact: false });
    expect(screen.queryByRole('button', { name: 'rotationRotateNow' })).toBeNull();
    const link = screen.getByRole('link', { name: 'rotationCreateSelfRotating' });
    expect(link.getAttribute('href')).toBe(
      'https://gitlab.com/-/user_settings/personal_access_tokens?name=Codefresh%20GitOps&scopes=read_api,write_repository,self_rotate',
    );
  });

  it('an unfinished job: its note and Finish rotation instead of Rotate now', async () => {
    const rotationApi = new FakeRotationApi();
    rotationApi.status_ = {
      jobs: [
        {
          recordId: 'gl-1',
          phase: 'registering',
          runtimes: ['gitlab-eu', 'gitlab-us'],
          results: [{ runtimeName: 'gitlab-eu', ok: true }],
          startedAt: 1,
          auto: false,
        },
      ],
      auto: {},
    };
    await mount(gitlab(), rotationApi);
    await screen.findByText('rotationJobRegistering:gitlab-us');
    expect(screen.queryByRole('button', { name: 'rotationRotateNow' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'rotationFinish' }));
    await waitFor(() => expect(rotationApi.calls).toEqual([['resume', 'gl-1']]));
  });

  it('a job the worker finished on its own (after an unlock): the note goes and the outcome shows', async () => {
    const rotationApi = new FakeRotationApi();
    const job = {
      recordId: 'gl-1',
      phase: 'registering' as const,
      runtimes: ['gitlab-eu', 'gitlab-us'],
      results: [{ runtimeName: 'gitlab-eu', ok: true as const }],
      startedAt: 1,
      auto: false,
    };
    rotationApi.status_ = { jobs: [job], auto: {} };
    const { rotation, reloads } = await mount(gitlab(), rotationApi);
    await screen.findByText('rotationJobRegistering:gitlab-us');
    rotationApi.status_ = { jobs: [], auto: {} };
    await rotation.finishedElsewhere('gl-1', {
      results: job.runtimes.map((runtimeName) => ({ runtimeName, ok: true as const })),
      expiresAt: '2030-03-31T00:00:00.000Z',
      pending: false,
    });
    await waitFor(() => screen.getByRole('list', { name: 'rotationResultsLabel' }));
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toContain('rotationResultOk:gitlab-eu');
    expect(items).toContain('rotationResultOk:gitlab-us');
    expect(screen.getByText('rotationGitLabDone:2030-03-31')).toBeTruthy();
    expect(screen.queryByText('rotationJobRegistering:gitlab-us')).toBeNull();
    expect(screen.queryByRole('button', { name: 'rotationFinish' })).toBeNull();
    expect(rotationApi.calls).toEqual([]);
    expect(reloads).toHaveLength(1);
  });

  it('automatic rotation is off by default and set per token', async () => {
    const rotationApi = new FakeRotationApi();
    await mount(gitlab(), rotationApi);
    const select = (await screen.findByLabelText('rotationAutoLabel')) as HTMLSelectElement;
    expect(select.value).toBe('off');
    fireEvent.change(select, { target: { value: '14' } });
    await waitFor(() => expect(rotationApi.calls).toEqual([['setAuto', 'gl-1', 14]]));
    await waitFor(() => expect(select.value).toBe('14'));
  });

  it('shows nothing of this on a GitHub token', async () => {
    await mount(
      gitlab({
        provider: 'GITHUB',
        apiUrl: 'https://api.github.com',
        tokenType: 'github-classic',
        scopes: ['repo'],
      }),
      new FakeRotationApi(),
    );
    await screen.findByRole('button', { name: 'forget' });
    expect(screen.queryByRole('button', { name: 'rotationRotateNow' })).toBeNull();
    expect(screen.queryByLabelText('rotationAutoLabel')).toBeNull();
  });

  it('opened from the expiry notification of a token GitLab can rotate: Rotate now has focus, no Replace everywhere', async () => {
    const { store, rotation } = await mount(gitlab(), new FakeRotationApi());
    openFromExpiryNotice(store, rotation, 'gl-1');
    const button = await screen.findAllByRole('button', { name: 'rotationRotateNow' });
    await waitFor(() => expect(document.activeElement).toBe(button[0]));
    expect(store.getState().rotating).toBeNull();
    expect(screen.queryByRole('heading', { name: 'rotateHeading' })).toBeNull();
  });

  it('opened from the expiry notification of a token without self_rotate: Replace everywhere for it', async () => {
    const { store, rotation } = await mount(
      gitlab({ scopes: ['read_api', 'write_repository'] }),
      new FakeRotationApi(),
    );
    openFromExpiryNotice(store, rotation, 'gl-1');
    await screen.findByRole('heading', { name: 'rotateHeading' });
    expect(store.getState().rotating).toBe('gl-1');
    expect(rotation.store.getState().focusRequest).toBeNull();
  });
});
