import { toHttpsOrigin } from '../shared/app-proxy-origin';
import { DEFAULT_PLATFORM_ORIGIN } from '../shared/constants';
import type { KeyValueArea } from './account-service';

const KEY = 'platform.v1';

/**
 * Which Codefresh platform the extension talks to: the SaaS one, or a self-hosted origin the user
 * added (and granted host access to). Read once per worker start; every consumer asks `current()`
 * at call time, so a change applies at once without rebuilding the worker's objects.
 */
export const createPlatformSettings = (storage: KeyValueArea) => {
  let origin = DEFAULT_PLATFORM_ORIGIN;
  const ready = storage
    .get(KEY)
    .then((stored) => {
      const saved = toHttpsOrigin((stored[KEY] as { origin?: string } | undefined)?.origin ?? null);
      if (saved) origin = saved;
    })
    .catch(() => {});

  return {
    ready,
    current: () => origin,
    isDefault: () => origin === DEFAULT_PLATFORM_ORIGIN,
    async set(next: string): Promise<void> {
      origin = next;
      await storage.set({ [KEY]: { origin: next } });
    },
    async reset(): Promise<void> {
      origin = DEFAULT_PLATFORM_ORIGIN;
      await storage.remove(KEY);
    },
  };
};

export type PlatformSettings = ReturnType<typeof createPlatformSettings>;
