import { DEFAULT_PLATFORM_ORIGIN } from '../../shared/constants';
import { readStored, STORED, writeStored } from '../storage/storage-keys';
import type { KeyValueArea } from './account-service';

/**
 * Which Codefresh platform the extension talks to: the SaaS one, or a self-hosted origin the user
 * added (and granted host access to). Read once per worker start; every consumer asks `current()`
 * at call time, so a change applies at once without rebuilding the worker's objects.
 */
export const createPlatformSettings = (storage: KeyValueArea) => {
  let origin = DEFAULT_PLATFORM_ORIGIN;
  const ready = readStored(storage, STORED.platform)
    .then((saved) => {
      if (saved) origin = saved.origin;
    })
    .catch(() => {});

  return {
    ready,
    current: () => origin,
    isDefault: () => origin === DEFAULT_PLATFORM_ORIGIN,
    async set(next: string): Promise<void> {
      origin = next;
      await writeStored(storage, STORED.platform, { origin: next });
    },
    async reset(): Promise<void> {
      origin = DEFAULT_PLATFORM_ORIGIN;
      await storage.remove(STORED.platform.key);
    },
  };
};

export type PlatformSettings = ReturnType<typeof createPlatformSettings>;
