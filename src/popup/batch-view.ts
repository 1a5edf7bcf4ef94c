import type { RuntimeApplyResult } from '../shared/messages/token';
import type { ProgressState } from './store';

/** A batch's outcomes as the user reads them: what went wrong first, then what worked. */
export const failuresFirst = (results: readonly RuntimeApplyResult[]): RuntimeApplyResult[] => [
  ...results.filter((r) => !r.ok),
  ...results.filter((r) => r.ok),
];

export interface BatchSoFar {
  readonly done: number;
  readonly total: number;
  /** Runtimes that have answered, failures first, each group in the order they were asked. */
  readonly arrived: readonly { readonly runtimeName: string; readonly failed: boolean }[];
}

/** While a batch runs: how many runtimes answered, and which, from the worker's progress events. */
export const batchSoFar = (progress: Readonly<Record<string, ProgressState>>): BatchSoFar => {
  const entries = Object.entries(progress);
  const named = (state: ProgressState) =>
    entries
      .filter(([, s]) => s === state)
      .map(([runtimeName]) => ({ runtimeName, failed: state === 'failed' }));
  const arrived = [...named('failed'), ...named('done')];
  return { done: arrived.length, total: entries.length, arrived };
};
