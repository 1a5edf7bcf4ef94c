/**
 * The mutable part of the simulated world: per runtime, the app-proxy's validation switch and
 * the user tokens its default Git integration holds (§3d: `users[] { userId isValid }`).
 * Everything else is read from the seed, so `reset()` is "build this again".
 */
import type { Refusal } from './refusals';
import { SEED_RUNTIMES, type SeedRuntime } from './seed';

export interface Registration {
  readonly token: string;
  readonly username?: string;
  isValid: boolean;
}

export interface RuntimeState {
  readonly seed: SeedRuntime;
  skipValidation: boolean;
  /** How the app-proxy refuses, if it does (refusals.ts); null at start. */
  refusal: Refusal | null;
  /** userId → token; insertion order is registration order, as `registeredUsers` lists them. */
  readonly registrations: Map<string, Registration>;
}

/** Keyed by account and name: two accounts may each have a runtime of the same name. */
export type WorldState = ReadonlyMap<string, RuntimeState>;

export const runtimeKey = (runtime: Pick<SeedRuntime, 'accountId' | 'name'>): string =>
  `${runtime.accountId}/${runtime.name}`;

export const createWorldState = (runtimes: readonly SeedRuntime[] = SEED_RUNTIMES): WorldState =>
  new Map(
    runtimes.map((seed) => [
      runtimeKey(seed),
      {
        seed,
        skipValidation: seed.skipGitPermissionValidation,
        refusal: null,
        registrations: new Map(
          seed.registrations.map((r) => [
            r.userId,
            { token: r.token, isValid: r.isValid, ...(r.username ? { username: r.username } : {}) },
          ]),
        ),
      },
    ]),
  );
