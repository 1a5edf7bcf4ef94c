import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';
import { createTokenVault, type TokenVaultDeps } from '../../../../src/background/vault/token-vault';
import type { NewRecord } from '../../../../src/background/vault/vault-types';

/** Low iterations keep most tests fast; the floor is lowered through the test-only dependency. */
export const TEST_ITERATIONS = 1_000;

export const GITHUB_SECRET = 'ghp_VAULTTESTsecret000000000000000000AAAA';
export const GITLAB_SECRET = 'glpat-VAULTTESTsecret11111111111BBBB';

export const githubMeta = (over: Partial<NewRecord> = {}): NewRecord => ({
  kind: 'git-token',
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: 'octocat',
  scopes: ['repo'],
  expiresAt: null,
  tokenType: 'github-classic',
  runtimes: ['prod'],
  ...over,
});

export const gitlabMeta = (over: Partial<NewRecord> = {}): NewRecord => ({
  kind: 'git-token',
  provider: 'GITLAB',
  apiUrl: 'https://gitlab.com/api/v4',
  login: 'tanuki',
  scopes: ['api'],
  expiresAt: '2030-01-01T00:00:00.000Z',
  tokenType: 'gitlab-personal',
  runtimes: [],
  ...over,
});

/**
 * A vault over fake-browser storage and a fresh fake IndexedDB. `restartWorker()` builds a new
 * vault over the same storage (worker memory gone, `storage.session` kept); `restartBrowser()`
 * also clears `storage.session`, as the browser does.
 */
export const makeHarness = (over: Partial<TokenVaultDeps> = {}) => {
  const idb = new IDBFactory();
  const clock = { now: 1_700_000_000_000 };
  const build = () =>
    createTokenVault({
      storage: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      keyStore: createDeviceKeyStore(idb),
      alarms: fakeBrowser.alarms,
      now: () => clock.now,
      kdfIterations: TEST_ITERATIONS,
      testOnlyKdfFloor: TEST_ITERATIONS,
      ...over,
    });
  const harness = {
    idb,
    clock,
    vault: build(),
    restartWorker() {
      harness.vault = build();
      return harness.vault;
    },
    async restartBrowser() {
      await fakeBrowser.storage.session.clear();
      return harness.restartWorker();
    },
    local: () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>,
    session: () => fakeBrowser.storage.session.get(null) as Promise<Record<string, unknown>>,
    /** Every value in the device-key database. */
    async idbValues(): Promise<unknown[]> {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = idb.open('gtm-vault-keys', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('keys');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('keys', 'readonly').objectStore('keys').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return values;
    },
  };
  return harness;
};

export const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    const code = (error as { appError?: { code?: string } }).appError?.code;
    return code ?? `not an AppFailure: ${String(error)}`;
  }
  return 'resolved';
};

export const PASSPHRASE = 'correct horse battery staple';

export const read = (
  vault: { withSecret: <T>(id: string, fn: (s: string) => Promise<T>) => Promise<T> },
  id: string,
) => vault.withSecret(id, async (s) => s);

/** Rewrites one stored value, as a tampering tool or a damaged disk would. */
export const editStored = async (
  key: string,
  edit: (value: Record<string, unknown>) => Record<string, unknown>,
) => {
  const value = (await fakeBrowser.storage.local.get(key))[key] as Record<string, unknown>;
  await fakeBrowser.storage.local.set({ [key]: edit(value) });
};
