import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createWorkerClient } from '../../../../src/shared/messages/client';
import { defineMessage } from '../../../../src/shared/messages/define';

const echo = defineMessage<{ said: string }>()('test/echo', v.object({ text: v.string() }));

describe('the worker client', () => {
  it('sends the type and payload and hands back the answer', async () => {
    const sent: unknown[] = [];
    const ask = createWorkerClient(async (message) => {
      sent.push(message);
      return { ok: true, value: { said: 'hi' } };
    });
    await expect(ask(echo, { text: 'hi' })).resolves.toEqual({ ok: true, value: { said: 'hi' } });
    expect(sent).toEqual([{ type: 'test/echo', payload: { text: 'hi' } }]);
  });

  it('turns no answer into an error that says what to do', async () => {
    const ask = createWorkerClient(async () => undefined);
    await expect(ask(echo, { text: 'hi' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'worker-no-answer',
        message: 'The extension did not answer. Close and reopen the popup.',
      },
    });
  });

  it('turns a closed port into an error that says part of the work may be done', async () => {
    const ask = createWorkerClient(async () => {
      throw new Error('The message port closed before a response was received.');
    });
    const answer = await ask(echo, { text: 'hi' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'worker-unreachable' } });
    expect(answer.ok ? '' : answer.error.message).toBe(
      'The extension stopped answering before it finished. Close and reopen it to see what was done, then try again; if this keeps happening, reload the extension.',
    );
  });
});
