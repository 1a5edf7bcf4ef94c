// @vitest-environment happy-dom
// "Send this message, show the outcome": the one hook every options section uses. Driven through the
// real typed client over an in-memory worker, and through a real section over the browser channel.

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeLine, useRequest } from '../../../src/options/use-request';
import { ExpirySection } from '../../../src/options/views/expiry-section';
import { createWorkerClient } from '../../../src/shared/messages/client';
import { defineMessage } from '../../../src/shared/messages/define';

afterEach(cleanup);

const rename = defineMessage<{ readonly name: string }>()('test/rename', v.object({ name: v.string() }));

/** A worker that answers once `release` is called, with success or the given error. */
const heldWorker = () => {
  const sent: unknown[] = [];
  let release!: (answer: unknown) => void;
  const ask = createWorkerClient((message) => {
    sent.push(message);
    return new Promise((resolve) => {
      release = resolve;
    });
  });
  return { ask, sent, answer: (answer: unknown) => release(answer) };
};

const Rename = ({ ask }: { ask: ReturnType<typeof createWorkerClient> }) => {
  const { busy, outcome, send, fail } = useRequest(ask);
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => void send(rename, { name: 'qa' }, 'Renamed.')}>
        Rename
      </button>
      <button type="button" onClick={() => fail({ code: 'host-access-refused', message: 'Access refused.' })}>
        Refuse
      </button>
      <OutcomeLine outcome={outcome} />
    </div>
  );
};

describe('useRequest', () => {
  it("is busy while the worker works, then confirms with the section's sentence", async () => {
    const worker = heldWorker();
    render(<Rename ask={worker.ask} />);
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Rename' })).toHaveProperty('disabled', true),
    );
    expect(worker.sent).toEqual([{ type: 'test/rename', payload: { name: 'qa' } }]);
    expect(screen.queryByRole('status')).toBeNull();

    worker.answer({ ok: true, value: { name: 'qa' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Renamed.'));
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveProperty('disabled', false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the worker's error as an alert, and clears it when sent again", async () => {
    const worker = heldWorker();
    render(<Rename ask={worker.ask} />);
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    worker.answer({ ok: false, error: { code: 'vault-locked', message: 'Unlock first.' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Unlock first.'));
    expect(screen.queryByRole('status')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('says when the worker did not answer at all', async () => {
    const worker = heldWorker();
    render(<Rename ask={worker.ask} />);
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    worker.answer(undefined);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/did not answer/));
  });

  it('shows an error found before sending, without sending', async () => {
    const worker = heldWorker();
    render(<Rename ask={worker.ask} />);
    fireEvent.click(screen.getByRole('button', { name: 'Refuse' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Access refused.'));
    expect(worker.sent).toEqual([]);
  });
});

describe('a section on the hook (expiry settings)', () => {
  it('sends the settings and confirms, or shows why not', async () => {
    const sent: unknown[] = [];
    let refuse = false;
    fakeBrowser.runtime.sendMessage = (async (message: { type: string }) => {
      sent.push(message);
      if (message.type === 'expiry/status') {
        return {
          ok: true,
          value: { expiring: [], invalidRuntimes: [], settings: { leadDays: 3, notifications: true } },
        };
      }
      return refuse
        ? { ok: false, error: { code: 'bad-input', message: 'Between 1 and 90 days.' } }
        : { ok: true, value: { leadDays: 3, notifications: true } };
    }) as never;
    render(<ExpirySection />);
    await waitFor(() => expect(screen.getByRole('spinbutton')).toHaveProperty('value', '3'));

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => screen.getByRole('status'));
    expect(sent.at(-1)).toEqual({
      type: 'expiry/set-settings',
      payload: { leadDays: 3, notifications: true },
    });

    refuse = true;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Between 1 and 90 days.'));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
