/** Runs each `fn` after the previous one settled, in call order: one at a time. */
export const createSerial = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => {});
    return run;
  };
};

/**
 * Many `shared` runs at once, each `exclusive` run alone: it starts once the shared runs already
 * started have settled, and shared runs called after it wait until it has settled. Its place is
 * taken when it is called (before any await), so the order is the order of the calls.
 */
export const createSharedExclusive = () => {
  const inFlight = new Set<Promise<unknown>>();
  let lastExclusive: Promise<unknown> = Promise.resolve();
  const settled = (p: Promise<unknown>) =>
    p.then(
      () => {},
      () => {},
    );
  return {
    shared<T>(fn: () => Promise<T>): Promise<T> {
      const run = lastExclusive.then(fn);
      const done = settled(run);
      inFlight.add(done);
      void done.then(() => inFlight.delete(done));
      return run;
    },
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const run = Promise.all([lastExclusive, ...inFlight]).then(fn);
      lastExclusive = settled(run);
      return run;
    },
  };
};

/**
 * One vault operation at a time, so no read-modify-write can interleave. `serial` runs after
 * `prepare` (the migrations, and finishing an interrupted rekey), which a failure makes the next
 * operation try again; `exclusive` runs even when it cannot finish, for what must work on a
 * damaged vault: saying so (status) and erasing it.
 */
export const createVaultQueue = (prepare: () => Promise<void>) => {
  let migrated: Promise<void> | null = null;
  const ready = () => {
    migrated ??= prepare().catch((error: unknown) => {
      migrated = null;
      throw error;
    });
    return migrated;
  };
  const exclusive = createSerial();

  return {
    serial: <T>(fn: () => Promise<T>): Promise<T> => exclusive(() => ready().then(fn)),
    exclusive,
    /** Inside `exclusive`: the migrations, finished or failed. */
    ready,
  };
};
