import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createMessageListener, routesOf } from '../../../../src/background/messaging/message-router';
import { defineMessage } from '../../../../src/shared/messages/define';

const ping = defineMessage<{ readonly pong: number }>()('test/ping', v.object({ n: v.number() }));
const stop = defineMessage<{ readonly stopped: true }>()('test/stop', v.object({}));
const other = defineMessage<{ readonly other: true }>()('test/other', v.object({}));
const area = [ping, stop] as const;

describe('routesOf (one handler per message of an area)', () => {
  it('pairs each spec with the handler under its type, in the order the area lists them', async () => {
    const routes = routesOf(area, {
      [ping.type]: async ({ n }) => ({ pong: n + 1 }),
      [stop.type]: async () => ({ stopped: true as const }),
    });
    expect(routes.map((r) => r.spec.type)).toEqual(['test/ping', 'test/stop']);
    const listen = createMessageListener(routes, () => 'extension-page');
    await expect(listen({ type: 'test/ping', payload: { n: 41 } }, {})).resolves.toEqual({
      ok: true,
      value: { pong: 42 },
    });
  });

  it('does not compile with a message of the area left without a handler', () => {
    const build = () =>
      // @ts-expect-error test/stop has no handler
      routesOf(area, {
        [ping.type]: async ({ n }) => ({ pong: n }),
      });
    expect(typeof build).toBe('function');
  });

  it('does not compile with a handler for a message the area does not list', () => {
    const build = () =>
      routesOf(area, {
        [ping.type]: async ({ n }) => ({ pong: n }),
        [stop.type]: async () => ({ stopped: true as const }),
        // @ts-expect-error test/other is not one of the area's messages
        [other.type]: async () => ({ other: true as const }),
      });
    expect(typeof build).toBe('function');
  });

  it("does not compile with a handler whose answer is not its message's response", () => {
    const build = () =>
      routesOf(area, {
        // @ts-expect-error test/ping answers { pong: number }
        [ping.type]: async () => ({ pong: 'no' }),
        [stop.type]: async () => ({ stopped: true as const }),
      });
    expect(typeof build).toBe('function');
  });
});
