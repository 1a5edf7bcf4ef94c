// @vitest-environment happy-dom
// The options page's automatic GitLab rotation (issue 24): each saved GitLab token that can rotate
// itself, with the same choice as the popup's card, sent through the page's useRequest hook.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import { RotationSection } from '../../../src/options/views/rotation-section';
import type { SavedToken } from '../../../src/shared/messages/vault';

afterEach(cleanup);

const token = (over: Partial<SavedToken>): SavedToken => ({
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
  runtimes: ['gitlab-eu'],
  ...over,
});

/** A worker over the browser channel that keeps the automatic settings it is sent. */
const worker = (saved: readonly SavedToken[], auto: Record<string, number>) => {
  const sent: { type: string; payload: unknown }[] = [];
  let refuse = false;
  fakeBrowser.runtime.sendMessage = (async (message: { type: string; payload: Record<string, unknown> }) => {
    sent.push(message);
    if (message.type === 'vault/list') return { ok: true, value: saved };
    if (message.type === 'rotation/status') return { ok: true, value: { jobs: [], auto } };
    if (message.type === 'rotation/set-auto') {
      if (refuse)
        return { ok: false, error: { code: 'vault-record-missing', message: 'That token is gone.' } };
      const { recordId, days } = message.payload as { recordId: string; days: number | null };
      if (days === null) delete auto[recordId];
      else auto[recordId] = days;
      return { ok: true, value: { jobs: [], auto: { ...auto } } };
    }
    return { ok: false, error: { code: 'unexpected', message: message.type } };
  }) as never;
  return { sent, refuseNext: () => (refuse = true) };
};

const select = (name: RegExp) => screen.findByRole('combobox', { name }) as Promise<HTMLSelectElement>;

describe('automatic GitLab rotation on the options page', () => {
  it('shows each rotatable GitLab token’s choice and saves a change', async () => {
    const w = worker(
      [
        token({ id: 'gl-1' }),
        token({ id: 'gl-2', login: 'bob', lastFour: 'Ab12' }),
        token({
          id: 'gh-1',
          provider: 'GITHUB',
          tokenType: 'github-classic',
          apiUrl: 'https://api.github.com',
        }),
      ],
      { 'gl-2': 14 },
    );
    render(<RotationSection />);
    const alice = await select(/alice/);
    expect(alice.value).toBe('off');
    expect((await select(/bob/)).value).toBe('14');
    expect(screen.getAllByRole('combobox')).toHaveLength(2);
    expect([...alice.options].map((o) => o.textContent)).toEqual([
      'Off',
      '3 days before expiry',
      '7 days before expiry',
      '14 days before expiry',
      '30 days before expiry',
    ]);

    fireEvent.change(alice, { target: { value: '7' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Automatic rotation saved.'));
    expect(w.sent.at(-1)).toEqual({ type: 'rotation/set-auto', payload: { recordId: 'gl-1', days: 7 } });
    expect((await select(/alice/)).value).toBe('7');

    w.refuseNext();
    fireEvent.change(await select(/bob/), { target: { value: 'off' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('That token is gone.'));
    expect(w.sent.at(-1)).toEqual({ type: 'rotation/set-auto', payload: { recordId: 'gl-2', days: null } });
  });

  it('a GitLab token without api or self_rotate gets the hint, not a choice', async () => {
    worker([token({ scopes: ['read_api', 'write_repository'] })], {});
    render(<RotationSection />);
    await screen.findByRole('heading', { name: 'Automatic GitLab rotation' });
    expect(screen.getByText(/self_rotate/)).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('is absent while no GitLab token is saved', async () => {
    const w = worker([token({ provider: 'GITHUB', tokenType: 'github-classic' })], {});
    render(<RotationSection />);
    await waitFor(() => expect(w.sent.map((m) => m.type)).toEqual(['vault/list', 'rotation/status']));
    expect(screen.queryByRole('heading', { name: 'Automatic GitLab rotation' })).toBeNull();
  });
});
