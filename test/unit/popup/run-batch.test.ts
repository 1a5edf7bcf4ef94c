// The batch shape apply, Replace everywhere and OAuth share: host access first, every runtime pending,
// refused runtimes reported beside the worker's results, the whole lane reset when the worker refuses.
import { describe, expect, it } from 'vitest';
import { type Batch, runBatch } from '../../../src/popup/run-batch';
import { initialPopupState, type PopupState } from '../../../src/popup/store';
import type { Result } from '../../../src/shared/errors';
import type { RuntimeApplyResult } from '../../../src/shared/messages/token';
import { runtime } from './fake-popup-api';

type Answer = { readonly results: readonly RuntimeApplyResult[] };
const text = (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':');

const setup = (grant: boolean) => {
  let state: PopupState = {
    ...initialPopupState,
    runtimes: [
      runtime('open'),
      runtime('closed', { hostAccess: 'missing', appProxyOrigin: 'https://closed.example' }),
    ],
  };
  const asked: (readonly string[])[] = [];
  const sent: string[][] = [];
  const seen: PopupState[] = [];
  const context = {
    api: {
      requestHostAccess: async (origins: readonly string[]) => {
        asked.push(origins);
        return grant || origins.length === 0;
      },
    },
    text,
    get: () => state,
    set: (partial: Partial<PopupState>) => {
      state = { ...state, ...partial };
    },
  };
  const batch = (overrides: Partial<Batch<Answer>> = {}): Batch<Answer> => ({
    lane: 'apply',
    names: ['open', 'closed'],
    announcement: 'adding',
    clear: { results: null },
    send: async (sendable): Promise<Result<Answer>> => {
      sent.push(sendable);
      seen.push(state);
      return { ok: true, value: { results: sendable.map((runtimeName) => ({ runtimeName, ok: true })) } };
    },
    ...overrides,
  });
  return { context, batch, asked, sent, seen, state: () => state };
};

describe('runBatch', () => {
  it('asks for the missing app-proxy, shows all pending, and reports a refused runtime beside the rest', async () => {
    const t = setup(false);
    const outcome = await runBatch(t.context, t.batch());
    expect(t.asked).toEqual([['https://closed.example']]);
    expect(t.sent).toEqual([['open']]);
    expect(t.seen[0]).toMatchObject({ applying: true, progress: { open: 'pending', closed: 'pending' } });
    expect(outcome?.results).toEqual([
      { runtimeName: 'open', ok: true },
      {
        runtimeName: 'closed',
        ok: false,
        error: { code: 'host-access-refused', message: 'hostAccessRefused:closed' },
      },
    ]);
  });

  it('sends to every runtime when access is granted', async () => {
    const t = setup(true);
    await runBatch(t.context, t.batch());
    expect(t.sent).toEqual([['open', 'closed']]);
  });

  it('sends nothing when every runtime was refused', async () => {
    const t = setup(false);
    const outcome = await runBatch(t.context, t.batch({ names: ['closed'] }));
    expect(t.sent).toEqual([]);
    expect(outcome?.answer).toBeNull();
    expect(outcome?.results.map((r) => r.ok)).toEqual([false]);
  });

  it('with stopWith, sends nothing on a refusal and shows its error, asking the extra origin first', async () => {
    const t = setup(false);
    const outcome = await runBatch(
      t.context,
      t.batch({
        alsoAsk: ['https://ghe.example'],
        stopWith: (origins) => ({ code: 'host-access-refused', message: origins.join(', ') }),
      }),
    );
    expect(outcome).toBeNull();
    expect(t.asked).toEqual([['https://ghe.example', 'https://closed.example']]);
    expect(t.sent).toEqual([]);
    expect(t.state()).toMatchObject({
      applying: false,
      error: { message: 'https://ghe.example, https://closed.example' },
    });
  });

  it('still sends a batch for no runtime at all (a saved token no runtime uses)', async () => {
    const t = setup(true);
    await runBatch(t.context, t.batch({ names: [] }));
    expect(t.sent).toEqual([[]]);
  });

  it('resets its own lane and shows the error when the worker refuses the whole batch', async () => {
    const t = setup(true);
    const outcome = await runBatch(
      t.context,
      t.batch({
        lane: 'oauth',
        send: async () => ({
          ok: false,
          error: { code: 'worker-unreachable', message: 'Reopen the popup.' },
        }),
        onError: () => ({ ownerChangeAsked: true }),
      }),
    );
    expect(outcome).toBeNull();
    expect(t.state()).toMatchObject({
      authorizing: false,
      oauthProgress: {},
      applying: false,
      error: { code: 'worker-unreachable' },
      announcement: 'Reopen the popup.',
      ownerChangeAsked: true,
    });
  });
});
