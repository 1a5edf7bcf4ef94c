/** Small helpers the bench shares: medians, rounding, a time limit per step. */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Milliseconds to one decimal (three below 10 ms, where the vault figures live). */
export const roundMs = (ms: number): number =>
  ms < 10 ? Math.round(ms * 1000) / 1000 : Math.round(ms * 10) / 10;

/** Rejects with `what` named when `promise` takes longer than `ms`. */
export const withTimeout = <T>(what: string, ms: number, promise: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
};
