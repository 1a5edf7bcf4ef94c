import type { RuntimeView } from '../shared/runtime-types';

/** What a runtime needs from the user, in the order the popup shows the groups (issue 22, §4). */
export type NeedGroup = 'needs-token' | 'invalid' | 'fine' | 'unavailable';

export const GROUP_ORDER: readonly NeedGroup[] = ['needs-token', 'invalid', 'fine', 'unavailable'];

/** Up to this many runtimes fit a 600 px popup without searching; more get a filter field. */
export const FILTER_ABOVE = 8;

const GROUP_OF_KIND: Record<RuntimeView['token']['kind'], NeedGroup> = {
  none: 'needs-token',
  invalid: 'invalid',
  valid: 'fine',
  unknown: 'unavailable',
};

export const groupOf = (runtime: RuntimeView): NeedGroup => GROUP_OF_KIND[runtime.token.kind];

/** A name matches when it contains the filter text, ignoring case and surrounding spaces. */
export const matchesFilter = (name: string, filter: string): boolean =>
  name.toLowerCase().includes(filter.trim().toLowerCase());

export interface RuntimeGroup {
  readonly group: NeedGroup;
  readonly runtimes: readonly RuntimeView[];
}

export interface GroupedList {
  /** Non-empty groups only, in `GROUP_ORDER`, each in the platform's order. */
  readonly groups: readonly RuntimeGroup[];
  /** Listed runtimes whose state is still being read, filtered the same way. */
  readonly checking: readonly string[];
}

export const groupRuntimes = (
  runtimes: readonly RuntimeView[],
  checking: readonly string[],
  filter: string,
): GroupedList => {
  const shown = runtimes.filter((r) => matchesFilter(r.name, filter));
  return {
    groups: GROUP_ORDER.map((group) => ({
      group,
      runtimes: shown.filter((r) => groupOf(r) === group),
    })).filter((g) => g.runtimes.length > 0),
    checking: checking.filter((name) => matchesFilter(name, filter)),
  };
};
