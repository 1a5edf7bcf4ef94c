import { AppFailure } from '../shared/errors';
import { text } from '../shared/i18n';
import { platformOriginFrom } from '../shared/platform-origin';
import type { KeyValueArea } from './account-service';
import { readStored, STORED, writeStored } from './storage-keys';

/**
 * The user's own app-proxy address for a runtime, for when Codefresh lists none or only an
 * internal one the browser cannot reach (docs/platform-contract.md §2: "let the user override").
 * Stored by runtime name, https origins only.
 */
export const createAppProxyOverrides = (deps: {
  storage: KeyValueArea;
  hasHostAccess: (origin: string) => Promise<boolean>;
}) => {
  const read = async (): Promise<Readonly<Record<string, string>>> => {
    return (await readStored(deps.storage, STORED.appProxyOverrides)) ?? {};
  };
  return {
    read,
    async set(runtimeName: string, raw: string | null): Promise<Readonly<Record<string, string>>> {
      const current = { ...(await read()) };
      if (raw === null) {
        delete current[runtimeName];
      } else {
        let origin: string;
        try {
          origin = platformOriginFrom(raw);
        } catch {
          throw new AppFailure('override-invalid', text('appProxyOverrideInvalid'));
        }
        if (!(await deps.hasHostAccess(origin))) {
          throw new AppFailure('host-access-missing', text('appProxyOverrideHostAccessMissing', [origin]));
        }
        current[runtimeName] = origin;
      }
      await writeStored(deps.storage, STORED.appProxyOverrides, current);
      return current;
    },
  };
};
