import { AppFailure } from '../shared/errors';
import { text } from '../shared/i18n';
import { platformOriginFrom } from '../shared/platform-origin';
import type { KeyValueArea } from './account-service';
import { APP_PROXY_OVERRIDES_KEY } from './storage-keys';

const KEY = APP_PROXY_OVERRIDES_KEY;

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
    const stored = (await deps.storage.get(KEY))[KEY];
    return stored && typeof stored === 'object' ? (stored as Record<string, string>) : {};
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
      await deps.storage.set({ [KEY]: current });
      return current;
    },
  };
};
