import type { AppError } from '../../shared/errors';
import type { RotationJobView } from '../../shared/messages/rotation';
import { readStored, STORED, writeStored } from '../storage/storage-keys';

/** What is kept per job in `storage.local`: names, phases, outcomes; never a token. */
export interface StoredRotationJob {
  readonly recordId: string;
  readonly phase: RotationJobView['phase'];
  /** The old token's last four: a record with other last four was already re-saved with the new one. */
  readonly oldLastFour: string;
  readonly runtimes: readonly string[];
  /** Runtime name → true (took the new token) or why it refused. */
  readonly outcomes: Readonly<Record<string, true | AppError>>;
  readonly startedAt: number;
  readonly auto: boolean;
}

export interface RotationStorage {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const PHASES = new Set<string>(['rotating', 'registering', 'needs-retry', 'interrupted']);

const isJob = (value: unknown): value is StoredRotationJob => {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.recordId === 'string' &&
    typeof o.phase === 'string' &&
    PHASES.has(o.phase) &&
    typeof o.oldLastFour === 'string' &&
    Array.isArray(o.runtimes) &&
    o.runtimes.every((n) => typeof n === 'string') &&
    typeof o.outcomes === 'object' &&
    o.outcomes !== null &&
    typeof o.startedAt === 'number' &&
    typeof o.auto === 'boolean'
  );
};

/**
 * The rotation jobs in `storage.local` (one key, a map by saved-token id). Every change is a
 * read-modify-write in one queue, so per-runtime outcomes arriving together are all kept.
 */
export const createRotationStore = (storage: RotationStorage) => {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  const read = async (): Promise<Record<string, StoredRotationJob>> => {
    const raw = await readStored(storage, STORED.rotationJobs);
    if (!raw) return {};
    // A damaged entry is dropped: it names no secret, and the saved token itself is untouched.
    return Object.fromEntries(
      Object.entries(raw).filter((e): e is [string, StoredRotationJob] => isJob(e[1])),
    );
  };

  const update = (fn: (jobs: Record<string, StoredRotationJob>) => void) =>
    serial(async () => {
      const jobs = await read();
      fn(jobs);
      await writeStored(storage, STORED.rotationJobs, jobs);
    });

  return {
    all: async (): Promise<readonly StoredRotationJob[]> => Object.values(await serial(read)),
    get: async (recordId: string): Promise<StoredRotationJob | undefined> => (await serial(read))[recordId],
    put: (job: StoredRotationJob) =>
      update((jobs) => {
        jobs[job.recordId] = job;
      }),
    /** Sets the phase of an existing job; a job removed meanwhile stays removed. */
    setPhase: (recordId: string, phase: StoredRotationJob['phase']) =>
      update((jobs) => {
        const job = jobs[recordId];
        if (job) jobs[recordId] = { ...job, phase };
      }),
    recordOutcome: (recordId: string, runtimeName: string, outcome: true | AppError) =>
      update((jobs) => {
        const job = jobs[recordId];
        if (job) jobs[recordId] = { ...job, outcomes: { ...job.outcomes, [runtimeName]: outcome } };
      }),
    remove: (recordId: string) =>
      update((jobs) => {
        delete jobs[recordId];
      }),
  };
};

export type RotationStore = ReturnType<typeof createRotationStore>;

/** The view extension pages get: outcomes as results in the runtimes' order. */
export const jobView = (job: StoredRotationJob): RotationJobView => ({
  recordId: job.recordId,
  phase: job.phase,
  runtimes: job.runtimes,
  results: job.runtimes.flatMap((name) => {
    const outcome = job.outcomes[name];
    if (outcome === undefined) return [];
    return [
      outcome === true
        ? { runtimeName: name, ok: true as const }
        : { runtimeName: name, ok: false as const, error: outcome },
    ];
  }),
  startedAt: job.startedAt,
  auto: job.auto,
});
