/**
 * Bounded parallelism for app-proxy requests: at most `limit` in flight overall and at most
 * `perHost` to any one host, so 200 runtimes take ⌈200/16⌉ rounds without a burst of 200 TLS
 * handshakes, and no single server gets more than a few requests at once. Items without a host
 * (nothing to send) still count against `limit`, never against a host.
 */

export interface PoolLimits {
  readonly limit: number;
  readonly perHost: number;
}

/**
 * Runs `fn` over `items` within `limits`, starting them in order; results keep the input order. `hostOf` names the host an item's request goes to (null: none). A rejection of `fn`
 * rejects the whole run, after the requests already in flight have settled.
 */
export const runPooled = <T, R>(
  items: readonly T[],
  limits: PoolLimits,
  hostOf: (item: T) => string | null,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const limit = Math.max(1, limits.limit);
  const perHost = Math.max(1, limits.perHost);
  const results: R[] = new Array(items.length);
  const waiting = items.map((_, index) => index);
  const perHostNow = new Map<string, number>();
  let running = 0;
  let failure: { error: unknown } | null = null;

  return new Promise<R[]>((resolve, reject) => {
    const settle = () => {
      if (running > 0) return;
      if (failure) reject(failure.error);
      else if (waiting.length === 0) resolve(results);
    };
    const pump = () => {
      for (let w = 0; w < waiting.length && running < limit && !failure; ) {
        const index = waiting[w]!;
        const host = hostOf(items[index]!);
        if (host !== null && (perHostNow.get(host) ?? 0) >= perHost) {
          w++;
          continue;
        }
        waiting.splice(w, 1);
        running++;
        if (host !== null) perHostNow.set(host, (perHostNow.get(host) ?? 0) + 1);
        Promise.resolve()
          .then(() => fn(items[index]!, index))
          .then(
            (value) => {
              results[index] = value;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            running--;
            if (host !== null) perHostNow.set(host, perHostNow.get(host)! - 1);
            pump();
            settle();
          });
      }
    };
    pump();
    settle();
  });
};
