import type { Result } from '../errors';
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
          message: 'The extension did not answer. Close and reopen the popup.',
        },
      };
    } catch {
      return {
        ok: false,
        error: {
          code: 'worker-unreachable',
          message: 'The extension background is not reachable. Reload the extension and try again.',
        },
      };
    }
  };

export type WorkerClient = ReturnType<typeof createWorkerClient>;
