import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { type AppError, isAppFailure, type Result } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { AnyMessageSpec, PayloadOf, ResponseOf } from '../../shared/messages/define';
import type { SenderKind } from './sender-guard';

export interface HandlerContext {
  readonly sender: Runtime.MessageSender;
  readonly senderKind: Exclude<SenderKind, 'rejected'>;
}

export type Handler<S extends AnyMessageSpec> = (
  payload: PayloadOf<S>,
  context: HandlerContext,
) => Promise<ResponseOf<S>>;

export interface Route<S extends AnyMessageSpec = AnyMessageSpec> {
  readonly spec: S;
  readonly handle: Handler<S>;
}

/** Pairs a spec with its handler while keeping the handler's types tied to the spec. */
export const route = <S extends AnyMessageSpec>(spec: S, handle: Handler<S>): Route =>
  ({ spec, handle }) as unknown as Route;

/**
 * One area's handlers, keyed by its messages' types. Built with `routesOf`, a message of the area
 * without a handler, or a handler for a type the area does not list, does not compile
 * (test/unit/background/messaging/routes-of.test.ts shows both).
 */
export type RoutesOf<Specs extends AnyMessageSpec> = {
  readonly [T in Specs['type']]: Handler<Extract<Specs, { readonly type: T }>>;
};

/** The router's table for one area: its specs (`as const`) and one handler per spec. */
export const routesOf = <const Specs extends readonly AnyMessageSpec[]>(
  specs: Specs,
  handlers: NoInfer<RoutesOf<Specs[number]>>,
): readonly Route[] =>
  specs.map((spec) =>
    route(spec, (handlers as unknown as Record<string, Handler<AnyMessageSpec>>)[spec.type] as never),
  );

/** Messages above this size are refused before parsing: nothing legitimate is that large. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const failure = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

const toErrorResult = (error: unknown): Result<never> => {
  if (isAppFailure(error)) return { ok: false, error: error.appError };
  // Unknown errors may carry anything in their text (a URL, a header); never forward it.
  const generic: AppError = {
    code: 'internal',
    message: text('requestInternalError'),
  };
  return { ok: false, error: generic };
};

/**
 * Builds the worker's single `runtime.onMessage` listener.
 *
 * The listener is deliberately not `async`: an async listener returns a promise for every
 * message and so claims messages meant for other listeners. It returns `undefined` for
 * anything that is not ours and a promise only for messages it handles.
 */
export const createMessageListener = (
  routes: readonly Route[],
  classify: (sender: Runtime.MessageSender) => SenderKind,
) => {
  const table = new Map(routes.map((r) => [r.spec.type, r]));

  return (message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string') return undefined;
    const found = table.get(type);
    if (!found) return undefined;

    const senderKind = classify(sender);
    if (senderKind === 'rejected') {
      return Promise.resolve(failure('sender-rejected', text('requestSenderRejected')));
    }
    if (senderKind === 'content-script' && found.spec.audience !== 'content-scripts-too') {
      return Promise.resolve(failure('sender-not-allowed', text('requestNotAllowedFromPage')));
    }
    let size = 0;
    try {
      size = JSON.stringify(payload ?? null).length;
    } catch {
      return Promise.resolve(failure('bad-payload', text('requestUnreadable')));
    }
    if (size > MAX_MESSAGE_BYTES)
      return Promise.resolve(failure('payload-too-large', text('requestTooLarge')));

    const parsed = v.safeParse(found.spec.payload, payload ?? {});
    if (!parsed.success) return Promise.resolve(failure('bad-payload', text('requestUnexpectedShape')));

    return found
      .handle(parsed.output, { sender, senderKind })
      .then((value): Result<unknown> => ({ ok: true, value }), toErrorResult);
  };
};
