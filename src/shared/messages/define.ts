import type * as v from 'valibot';

/**
 * Who may send a message. Content scripts run inside Codefresh pages, which we treat as hostile:
 * they may only report page context and read non-secret state.
 */
export type Audience = 'extension-pages' | 'content-scripts-too';

export interface MessageSpec<Type extends string, Payload extends v.GenericSchema, Response> {
  readonly type: Type;
  readonly payload: Payload;
  readonly audience: Audience;
  /** Phantom field: carries the response type for the typed client and router. */
  readonly response?: Response;
}

/**
 * Declares a message: its type string, the schema its payload must pass, and (as a type
 * parameter) what the worker answers. Curried so the response type can be given explicitly
 * while the rest is inferred.
 */
export const defineMessage =
  <Response>() =>
  <const Type extends string, Payload extends v.GenericSchema>(
    type: Type,
    payload: Payload,
    audience: Audience = 'extension-pages',
  ): MessageSpec<Type, Payload, Response> => ({ type, payload, audience });

// biome-ignore lint/suspicious/noExplicitAny: a registry holds specs of every shape.
export type AnyMessageSpec = MessageSpec<string, v.GenericSchema, any>;

export type PayloadOf<S extends AnyMessageSpec> = v.InferOutput<S['payload']>;
export type ResponseOf<S extends AnyMessageSpec> = NonNullable<S['response']>;

/** The wire shape: `{ type, payload }`. */
export interface Envelope<S extends AnyMessageSpec = AnyMessageSpec> {
  readonly type: S['type'];
  readonly payload: PayloadOf<S>;
}

/**
 * A broadcast the worker sends to every open extension page (progress while it works). It has no
 * payload schema: only the worker sends it and pages only read it. `Body` is what the event
 * carries beside its `type`; it never holds a secret.
 */
export interface EventSpec<Type extends string, Body extends object> {
  readonly type: Type;
  /** Phantom field: carries the body type for the broadcaster and the typed subscriber. */
  readonly body?: Body;
}

/** Declares a broadcast: its type string and (as a type parameter) what it carries. */
export const defineEvent =
  <Body extends object>() =>
  <const Type extends string>(type: Type): EventSpec<Type, Body> => ({ type });

// biome-ignore lint/suspicious/noExplicitAny: a registry holds events of every shape.
export type AnyEventSpec = EventSpec<string, any>;

/** The wire shape of a broadcast: its `type` beside its body, flat. */
export type WorkerEvent<E extends AnyEventSpec> = E extends AnyEventSpec
  ? { readonly type: E['type'] } & NonNullable<E['body']>
  : never;

/** True when `message` is a broadcast of `spec`'s type. */
export const isEventOf = <E extends AnyEventSpec>(spec: E, message: unknown): message is WorkerEvent<E> =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === spec.type;

/** Calls `listener` for each broadcast of `spec` until the returned function is called. */
export type EventSubscriber = <E extends AnyEventSpec>(
  spec: E,
  listener: (event: WorkerEvent<E>) => void,
) => () => void;
