/** The one `setAccessLevel` this extension calls, and on which area. */
interface LocalAreaWithAccessLevel {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * Content scripts can read and write `storage.local` by default (Chromium and Firefox). Chromium
 * lets an extension keep `storage.local` to its own pages and worker; Firefox has no such switch
 * (bugzilla 1724754). So this is a second fence only: nothing read from `storage.local` decides on
 * its own where a secret goes (account-service.ts binds the API key to its platform origin;
 * secret-destination.ts checks every request). `storage.session` is never widened.
 */
export const keepLocalStorageToTrustedContexts = async (local: unknown): Promise<boolean> => {
  const area = local as LocalAreaWithAccessLevel;
  if (typeof area.setAccessLevel !== 'function') return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
};
