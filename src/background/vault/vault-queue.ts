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

  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => {});
    return run;
  };

  return {
    serial: <T>(fn: () => Promise<T>): Promise<T> => exclusive(() => ready().then(fn)),
    exclusive,
    /** Inside `exclusive`: the migrations, finished or failed. */
    ready,
  };
};
