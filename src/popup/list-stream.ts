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

/** One runtime's state arrived: it replaces its row (or its "checking" placeholder) in place. */
export const arrivedRuntime = (list: StreamedList, runtime: RuntimeView, order: readonly string[]) => {
  const at = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  const others = list.runtimes.filter((r) => r.name !== runtime.name);
  const runtimes = [...others, runtime].sort((a, b) => at(a.name) - at(b.name));
  return { runtimes, checking: list.checking.filter((n) => n !== runtime.name) };
};
