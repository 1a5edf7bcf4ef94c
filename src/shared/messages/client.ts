import type { Result } from '../errors';
import { text } from '../i18n';
import type { AnyMessageSpec, PayloadOf, ResponseOf } from './define';

export type SendRaw = (message: unknown) => Promise<unknown>;

/**
 * A typed front for `runtime.sendMessage`. Pure: the caller injects the transport, so popup,
 * options page and content script each wire their own and tests can pass a fake.
 */
export const createWorkerClient =
  (sendRaw: SendRaw) =>
  async <S extends AnyMessageSpec>(spec: S, payload: PayloadOf<S>): Promise<Result<ResponseOf<S>>> => {
    try {
      const answer = (await sendRaw({ type: spec.type, payload })) as Result<ResponseOf<S>> | undefined;
      if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
      return {
        ok: false,
        error: {
          code: 'worker-no-answer',
          message: text('requestWorkerNoAnswer'),
        },
      };
    } catch {
      return {
        ok: false,
        error: {
          code: 'worker-unreachable',
          // Also what a page sees when the worker is stopped mid-operation (the port closes): part of
          // the work may be done, and reopening restarts the worker and shows the current state.
          message: text('requestWorkerStopped'),
        },
      };
    }
  };

export type WorkerClient = ReturnType<typeof createWorkerClient>;
