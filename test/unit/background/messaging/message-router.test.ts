import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createMessageListener,
  MAX_MESSAGE_BYTES,
  route,
} from '../../../../src/background/messaging/message-router';
import type { SenderKind } from '../../../../src/background/messaging/sender-guard';
import { AppFailure } from '../../../../src/shared/errors';
import { defineMessage } from '../../../../src/shared/messages/define';

const echo = defineMessage<{ said: string }>()('test/echo', v.object({ text: v.string() }));
const pageContext = defineMessage<{ noted: true }>()('test/page', v.object({}), 'content-scripts-too');
const boom = defineMessage<never>()('test/boom', v.object({ kind: v.string() }));

const listenerFor = (kind: SenderKind) =>
  createMessageListener(
    [
      route(echo, async ({ text }) => ({ said: text })),
      route(pageContext, async () => ({ noted: true as const })),
      route(boom, async ({ kind }) => {
        if (kind === 'app') throw new AppFailure('expected-failure', 'A message the user can act on.');
        throw new Error('secret-ish detail https://example.test/?token=abc');
      }),
    ],
    () => kind,
  );

const sender = { id: 'ext-id' };

describe('the message router', () => {
  it('answers a handled message with the handler result', async () => {
    await expect(
      listenerFor('extension-page')({ type: 'test/echo', payload: { text: 'hi' } }, sender),
    ).resolves.toEqual({ ok: true, value: { said: 'hi' } });
  });

  it('ignores unknown types and non-messages, returning no promise (so other listeners may answer)', () => {
    const listener = listenerFor('extension-page');
    expect(listener({ type: 'someone/else' }, sender)).toBeUndefined();
    expect(listener('hello', sender)).toBeUndefined();
    expect(listener(null, sender)).toBeUndefined();
  });

  it('answers a malformed payload with an error instead of calling the handler', async () => {
    const answer = await listenerFor('extension-page')({ type: 'test/echo', payload: { text: 42 } }, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
  });

  it('answers a payload it cannot even serialise with an error', async () => {
    const answer = await listenerFor('extension-page')({ type: 'test/echo', payload: { text: 1n } }, sender);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'bad-payload', message: 'The message could not be read.' },
    });
  });

  it('refuses oversized messages before parsing them', async () => {
    const answer = await listenerFor('extension-page')(
      { type: 'test/echo', payload: { text: 'x'.repeat(MAX_MESSAGE_BYTES + 1) } },
      sender,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'payload-too-large' } });
  });

  it('lets content scripts send only messages meant for them', async () => {
    const listener = listenerFor('content-script');
    await expect(listener({ type: 'test/echo', payload: { text: 'hi' } }, sender)).resolves.toMatchObject({
      ok: false,
      error: { code: 'sender-not-allowed' },
    });
    await expect(listener({ type: 'test/page', payload: {} }, sender)).resolves.toEqual({
      ok: true,
      value: { noted: true },
    });
  });

  it('refuses rejected senders for every message', async () => {
    await expect(listenerFor('rejected')({ type: 'test/page', payload: {} }, sender)).resolves.toEqual({
      ok: false,
      error: { code: 'sender-rejected', message: 'This message was not sent by the extension.' },
    });
  });

  it('passes an AppFailure through and hides the text of any other error', async () => {
    const listener = listenerFor('extension-page');
    await expect(listener({ type: 'test/boom', payload: { kind: 'app' } }, sender)).resolves.toEqual({
      ok: false,
      error: { code: 'expected-failure', message: 'A message the user can act on.' },
    });
    const hidden = await listener({ type: 'test/boom', payload: { kind: 'other' } }, sender);
    expect(hidden).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in the extension. Try again.' },
    });
    expect(JSON.stringify(hidden)).not.toContain('token=abc');
  });
});
