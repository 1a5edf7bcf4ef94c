import type { RuntimeListProgressEvent } from '../shared/messages/runtimes';
import type { RuntimeView } from '../shared/runtime-types';

/** The slice of popup state a streamed runtime list updates. */
export interface StreamedList {
  readonly runtimes: readonly RuntimeView[];
  /** Runtimes the platform listed whose state is still being read (shown as "Checking…"). */
  readonly checking: readonly string[];
}

/**
 * The platform answered: these are all the runtimes, in its order. Rows already shown keep their
 * last-known state until their new one arrives; new names wait as "checking"; gone ones go.
 */
export const listedNames = (list: StreamedList, names: readonly string[]): StreamedList => {
  const known = new Map(list.runtimes.map((r) => [r.name, r]));
  return {
    runtimes: names.flatMap((n) => known.get(n) ?? []),
    checking: names.filter((n) => !known.has(n)),
  };
};

/** Runtimes' states arrived: each replaces its row (or its "checking" placeholder) in place. */
export const arrivedRuntimes = (
  list: StreamedList,
  arrived: ReadonlyMap<string, RuntimeView>,
  order: readonly string[],
): StreamedList => {
  const index = new Map(order.map((name, i) => [name, i]));
  const at = (name: string) => index.get(name) ?? order.length;
  const others = list.runtimes.filter((r) => !arrived.has(r.name));
  const runtimes = [...others, ...arrived.values()].sort((a, b) => at(a.name) - at(b.name));
  return { runtimes, checking: list.checking.filter((n) => !arrived.has(n)) };
};

export const arrivedRuntime = (list: StreamedList, runtime: RuntimeView, order: readonly string[]) =>
  arrivedRuntimes(list, new Map([[runtime.name, runtime]]), order);

/**
 * A batch of streamed events (one animation frame's worth, `worker-events.ts`) folded into the
 * list at once: one sort per batch instead of one per runtime.
 */
export const streamedEvents = (
  list: StreamedList,
  events: readonly RuntimeListProgressEvent[],
  order: readonly string[],
): { readonly list: StreamedList; readonly order: readonly string[] } => {
  let current = list;
  let currentOrder = order;
  let arrived = new Map<string, RuntimeView>();
  const settle = () => {
    if (arrived.size > 0) current = arrivedRuntimes(current, arrived, currentOrder);
    arrived = new Map();
  };
  for (const event of events) {
    if ('names' in event) {
      settle();
      currentOrder = event.names;
      current = listedNames(current, event.names);
    } else arrived.set(event.runtime.name, event.runtime);
  }
  settle();
  return { list: current, order: currentOrder };
};
