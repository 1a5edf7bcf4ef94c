import { AppFailure, isAppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { platformOriginFrom } from '../../shared/platform-origin';
import { parseOverrides } from '../storage/stored-values';
import type { TokenVault } from '../vault/vault-types';

const KIND = 'app-proxy-addresses';

const changedOutside = () =>
  new AppFailure('overrides-changed-outside', text('appProxyOverridesChangedOutside'));

/**
 * The user's own app-proxy address for a runtime, for when Codefresh lists none or only an
 * internal one the browser cannot reach (docs/platform-contract.md §2: "let the user override").
 * Stored by runtime name, https origins only.
 *
 * An address decides where a Git token is sent, so it is kept as a vault record (issue 21, finding
 * 5): sealed with the data key and bound (AAD) to the platform it was set for, never in plain
 * page-writable `storage.local`. A record changed outside the extension does not decrypt: it is
 * not used, nothing is sent, and the user is told to set the addresses again or erase.
 */
export const createAppProxyOverrides = (deps: {
  readonly vault: Pick<TokenVault, 'list' | 'saveOnly' | 'withSecret' | 'removeKind'>;
  /** Read at call time: the record of the platform in use, never another platform's. */
  readonly platformOrigin: () => string;
  readonly hasHostAccess: (origin: string) => Promise<boolean>;
}) => {
  /** The addresses as sealed, or `overrides-changed-outside` when the record does not open or parse. */
  const read = async (): Promise<Readonly<Record<string, string>>> => {
    const record = (await deps.vault.list(KIND)).find((r) => r.apiUrl === deps.platformOrigin());
    if (!record) return {};
    if (record.unreadable?.code === 'vault-record-unreadable') throw changedOutside();
    if (record.unreadable) throw new AppFailure(record.unreadable.code, record.unreadable.message);
    let sealed: string;
    try {
      sealed = await deps.vault.withSecret(record.id, async (secret) => secret);
    } catch (error) {
      if (isAppFailure(error) && error.appError.code === 'vault-record-unreadable') throw changedOutside();
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(sealed);
    } catch {
      throw changedOutside();
    }
    // Sealed by this module; checked all the same, as everything read back.
    const parsed = parseOverrides(value);
    if (!parsed) throw changedOutside();
    return parsed;
  };

  return {
    read,
    async set(runtimeName: string, raw: string | null): Promise<Readonly<Record<string, string>>> {
      // Addresses changed outside the extension are not trusted: setting one starts afresh.
      const current = {
        ...(await read().catch((error: unknown) => {
          if (isAppFailure(error) && error.appError.code === 'overrides-changed-outside') return {};
          throw error;
        })),
      };
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
      await deps.vault.saveOnly(JSON.stringify(current), {
        kind: KIND,
        provider: null,
        apiUrl: deps.platformOrigin(),
        login: null,
        scopes: null,
        expiresAt: null,
        tokenType: KIND,
        runtimes: [],
      });
      return current;
    },
  };
};

export type AppProxyOverrides = ReturnType<typeof createAppProxyOverrides>;
