/**
 * `storage.local` keys outside the vault that belong to one Codefresh platform: they name its
 * runtimes, so they go when the platform is left (platform-switch.ts `leavePlatform`), as the API
 * key and the runtime cache do. Declared here once; the modules that own them import the names.
 */
export const APP_PROXY_OVERRIDES_KEY = 'appProxyOverrides.v1';
export const LAST_RUNTIME_KEY = 'ui.lastRuntime';
/**
 * GitLab rotations in progress (rotation-store.ts): runtime names and outcomes, no token. Lives from
 * a rotation's start until every runtime took the new token or the user dismisses it; goes with the
 * platform.
 */
export const ROTATION_JOBS_KEY = 'rotation.jobs.v1';
/**
 * Automatic rotation per saved token (auto-rotation.ts): token id → days before expiry, plus the
 * last attempt per token. Lives until the user turns it off; ids of tokens removed since are ignored.
 * Not platform data (saved tokens are not either), so it stays when the platform changes.
 */
export const AUTO_ROTATION_KEY = 'rotation.auto.v1';

export const PLATFORM_SCOPED_LOCAL_KEYS: readonly string[] = [
  APP_PROXY_OVERRIDES_KEY,
  LAST_RUNTIME_KEY,
  ROTATION_JOBS_KEY,
];
