/**
 * `storage.local` keys outside the vault that belong to one Codefresh platform: they name its
 * runtimes, so they go when the platform is left (platform-switch.ts `leavePlatform`), as the API
 * key and the runtime cache do. Declared here once; the modules that own them import the names.
 */
export const APP_PROXY_OVERRIDES_KEY = 'appProxyOverrides.v1';
export const LAST_RUNTIME_KEY = 'ui.lastRuntime';

export const PLATFORM_SCOPED_LOCAL_KEYS: readonly string[] = [APP_PROXY_OVERRIDES_KEY, LAST_RUNTIME_KEY];
