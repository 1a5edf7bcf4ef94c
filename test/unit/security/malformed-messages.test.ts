// Hostile and broken messages through the real router and the real route table: every one gets an
// error answer (or is ignored, for what is not ours), none reaches a service, none crashes the
// listener, and nothing pollutes prototypes.
import { describe, expect, it } from 'vitest';
import { createMessageListener, MAX_MESSAGE_BYTES } from '../../../src/background/messaging/message-router';
import type { WorkerFeatures as Services } from '../../../src/background/messaging/routes';
import { buildRoutes } from '../../../src/background/messaging/routes';

const popupSender = { id: 'ext', url: 'chrome-extension://ext/src/popup/index.html' } as never;

const setup = () => {
  const calls: string[] = [];
  const trap = (path: string): unknown =>
    new Proxy(() => {}, {
      get: (_t, key) => trap(`${path}.${String(key)}`),
      apply: () => {
        calls.push(path);
        return Promise.resolve({ ok: 'handled' });
      },
    });
  const listener = createMessageListener(buildRoutes(trap('services') as Services), () => 'extension-page');
  return { listener, calls };
};

const errorCode = async (answer: unknown) => ((await answer) as { error?: { code: string } }).error?.code;

describe('malformed and hostile messages', () => {
  it.each([
    ['null', null],
    ['a string', 'token/validate'],
    ['a number', 42],
    ['an array', [{ type: 'status/get' }]],
    ['a type that is not a string', { type: ['status/get'], payload: {} }],
    ['an unknown type', { type: 'token/export-all', payload: {} }],
    ['a prototype key as type', { type: '__proto__', payload: {} }],
    ['constructor as type', { type: 'constructor', payload: {} }],
    ['toString as type', { type: 'toString', payload: {} }],
  ])('ignores %s without claiming it', (_name, message) => {
    const { listener, calls } = setup();
    expect(listener(message, popupSender)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('refuses a payload just over 64 KiB before parsing it', async () => {
    const { listener, calls } = setup();
    const token = 'x'.repeat(MAX_MESSAGE_BYTES);
    const answer = listener({ type: 'token/validate', payload: { token, runtimeName: 'p' } }, popupSender);
    expect(await errorCode(answer)).toBe('payload-too-large');
    expect(calls).toEqual([]);
  });

  it('takes one apply to every runtime of a large account, and refuses more than 1,000 names', async () => {
    const { listener, calls } = setup();
    const apply = (count: number) =>
      listener(
        {
          type: 'token/apply',
          payload: {
            source: { kind: 'draft', draftId: 'd' },
            runtimeNames: Array.from({ length: count }, (_, i) => `bench-${i + 1}`),
            keep: false,
          },
        },
        popupSender,
      );
    expect(await errorCode(apply(203))).toBeUndefined();
    expect(calls.length).toBeGreaterThan(0);
    calls.length = 0;
    expect(await errorCode(apply(1001))).toBe('bad-payload');
    expect(calls).toEqual([]);
  });

  it('refuses a huge array and deep nesting without a stack overflow', async () => {
    const { listener } = setup();
    const names = Array.from({ length: 20_000 }, (_, i) => `rt-${i}`);
    expect(
      await errorCode(
        listener(
          {
            type: 'token/apply',
            payload: { source: { kind: 'record', recordId: 'r' }, runtimeNames: names, keep: true },
          },
          popupSender,
        ),
      ),
    ).toBe('payload-too-large');
    let deep: unknown = {};
    for (let i = 0; i < 5_000; i++) deep = { next: deep };
    expect(await errorCode(listener({ type: 'runtimes/list', payload: deep }, popupSender))).toMatch(
      /bad-payload|payload-too-large/,
    );
  });

  it.each([
    [
      'a cyclic payload',
      () => {
        const payload: Record<string, unknown> = { refresh: true };
        payload.self = payload;
        return payload;
      },
    ],
    ['a BigInt', () => ({ refresh: 1n })],
    [
      'a getter that throws',
      () => ({
        get refresh() {
          throw new Error('boom https://evil.example/?token=SIMLEAKxxxxxxxx');
        },
      }),
    ],
  ])('answers %s with bad-payload, never a crash', async (_name, make) => {
    const { listener, calls } = setup();
    const answer = await listener({ type: 'runtimes/list', payload: make() }, popupSender);
    expect(answer).toEqual({ ok: false, error: { code: 'bad-payload', message: expect.any(String) } });
    expect(JSON.stringify(answer)).not.toContain('SIMLEAK');
    expect(calls).toEqual([]);
  });

  it('does not let toJSON hide a payload from the size cap: the schema still refuses it', async () => {
    const { listener, calls } = setup();
    const payload = { token: 'x'.repeat(1_000_000), runtimeName: 'p', toJSON: () => ({}) };
    expect(await errorCode(listener({ type: 'token/validate', payload }, popupSender))).toBe('bad-payload');
    expect(calls).toEqual([]);
  });

  it.each([
    ['a string for a boolean', 'runtimes/list', { refresh: 'true' }],
    ['a token over 4096 characters', 'token/validate', { token: 't'.repeat(4097), runtimeName: 'p' }],
    [
      'an empty runtime list',
      'token/apply',
      { source: { kind: 'draft', draftId: 'd' }, runtimeNames: [], keep: false },
    ],
    [
      'an unknown token source',
      'token/apply',
      { source: { kind: 'file', path: '/etc/passwd' }, runtimeNames: ['p'], keep: false },
    ],
    ['the reset without its phrase', 'vault/reset', { confirm: 'yes' }],
    ['an API key over 512 characters', 'account/set-api-key', { apiKey: 'k'.repeat(513) }],
    ['a page report with 151 rows', 'page/report', { rowTexts: Array(151).fill('a') }],
    ['a page report with a row over 300 characters', 'page/report', { rowTexts: ['a'.repeat(301)] }],
    [
      'a right-clicked row over 300 characters',
      'page/report',
      { rowTexts: [], focusedText: 'a'.repeat(301) },
    ],
  ])('answers %s with bad-payload and calls nothing', async (_name, type, payload) => {
    const { listener, calls } = setup();
    expect(await errorCode(listener({ type, payload }, popupSender))).toBe('bad-payload');
    expect(calls).toEqual([]);
  });

  it('drops unknown keys and does not pollute prototypes', async () => {
    const { listener, calls } = setup();
    const payload = JSON.parse(
      '{"refresh":true,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    );
    const answer = await listener({ type: 'runtimes/list', payload }, popupSender);
    expect(answer).toMatchObject({ ok: true });
    expect(calls).toEqual(['services.runtimes.list']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
