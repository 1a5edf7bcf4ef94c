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
