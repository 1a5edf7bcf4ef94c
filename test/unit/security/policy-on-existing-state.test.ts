// A managed policy applies to what already exists from the moment it is read, not only to new
// choices: the auto-lock ceiling, the allowed platforms (the one in use included; an empty list
// closes everything), a required passphrase, and no kept tokens. A policy that cannot be read is
// "unknown": what a policy could forbid is refused, and nothing is destroyed.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformSettings } from '../../../src/background/account/platform-settings';
import { createServices } from '../../../src/background/create-services';
import { createDeviceKeyStore } from '../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../src/background/vault/token-vault';
import { isAppFailure } from '../../../src/shared/errors';
import { createSimulator, DEMO_API_KEY } from '../../simulator';
import { SEED_TOKENS } from '../../simulator/git-providers/index';

const sim = createSimulator();
let managed: () => Promise<unknown>;
let notices: string[];

const startWorker = async () => {
  fakeBrowser.storage.managed.get = (() => managed()) as typeof fakeBrowser.storage.managed.get;
  const settings = createPlatformSettings(fakeBrowser.storage.local);
  await settings.ready;
  const worker = createServices(settings);
  // As a wake does once its first answer has gone (policy-listeners.ts); the other features' work
  // (the expiry catch-up reads the runtimes) is left out, so the simulator's log is the test's own.
  void worker.features.find((f) => f.feature === 'policy')?.afterFirstAnswer?.();
  return worker.services;
};

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (isAppFailure(e) ? e.appError.code : String(e)),
  );

const records = async () =>
  Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith('vault.record.'));

const header = async () =>
  (await fakeBrowser.storage.local.get('vault.header'))['vault.header'] as { autoLockMinutes: number };

/** Signs in and keeps one Git token, with no policy installed. */
const signedInWithSavedToken = async () => {
  managed = async () => ({});
  const services = await startWorker();
  await services.account.setApiKey(DEMO_API_KEY);
  const vault = createTokenVault({
    storage: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    keyStore: createDeviceKeyStore(),
    alarms: fakeBrowser.alarms,
  });
  const token = SEED_TOKENS.githubClassicOk;
  await vault.save(token.token, {
    kind: 'git-token',
    provider: 'GITHUB',
    apiUrl: 'https://api.github.com',
    login: token.login,
    scopes: [...token.scopes],
    expiresAt: null,
    tokenType: 'github-classic',
    runtimes: ['production'],
  });
  expect(await records()).toHaveLength(2);
  sim.reset();
};

beforeEach(() => {
  sim.reset();
  notices = [];
  vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(input, init)) as typeof fetch);
  vi.stubGlobal('indexedDB', new IDBFactory());
  fakeBrowser.runtime.sendMessage = async () => undefined;
  fakeBrowser.runtime.getURL = (path: string) => `chrome-extension://test/${path}`;
  fakeBrowser.notifications.create = (async (options: { message: string }) => {
    notices.push(options.message);
    return 'notice';
  }) as unknown as typeof fakeBrowser.notifications.create;
});
afterEach(() => vi.unstubAllGlobals());

describe('a managed policy on existing state', () => {
  it('cuts a longer auto-lock time to the ceiling as soon as the policy is read', async () => {
    await signedInWithSavedToken();
    const before = await startWorker();
    await before.vault.setAutoLockMinutes(240);
    managed = async () => ({ maxAutoLockMinutes: 10 });
    await startWorker();
    await vi.waitFor(async () => expect((await header()).autoLockMinutes).toBe(10));
  });

  it.each([
    ['another platform only', ['https://codefresh.corp.example']],
    ['an empty allow-list', []],
  ])(
    'stops calling the platform in use (the default one) when %s is allowed, and says so',
    async (_, hosts) => {
      await signedInWithSavedToken();
      managed = async () => ({ allowedPlatformHosts: hosts });
      const services = await startWorker();
      expect(await codeOf(services.runtimes.list(true))).toBe('platform-not-allowed');
      expect(await codeOf(services.account.setApiKey(DEMO_API_KEY))).toBe('platform-not-allowed');
      expect(sim.log()).toEqual([]);
    },
  );

  it('saves and reads nothing under the device key once a passphrase is required', async () => {
    await signedInWithSavedToken();
    managed = async () => ({ requirePassphrase: true });
    const services = await startWorker();
    expect(await codeOf(services.runtimes.list(true))).toBe('policy-passphrase-first');
    expect(await codeOf(services.account.setApiKey(DEMO_API_KEY))).toBe('policy-passphrase-first');
    const [saved] = await services.vault.listSaved();
    expect(
      await codeOf(services.tokens.apply({ kind: 'record', recordId: saved!.id }, ['production'], true)),
    ).toBe('policy-passphrase-first');
    expect(sim.log()).toEqual([]);
    // Locked behind the passphrase, not lost: setting one makes them usable again.
    expect(await records()).toHaveLength(2);
    await services.vault.enablePassphrase('correct horse battery');
    expect((await services.runtimes.list(true)).runtimes.length).toBeGreaterThan(0);
  });

  it('removes saved tokens with a notice, and saves none on rotation, when keeping is disallowed', async () => {
    await signedInWithSavedToken();
    managed = async () => ({ disallowKeepingTokens: true });
    const services = await startWorker();
    await vi.waitFor(async () => expect(await services.vault.listSaved()).toEqual([]));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/does not allow keeping tokens/);
    expect(await records()).toHaveLength(1); // the API key stays
    expect(
      await codeOf(
        services.expiry.rotate({
          oldRecordId: 'any',
          newToken: SEED_TOKENS.githubClassicOk.token,
          confirmDifferentOwner: false,
        }),
      ),
    ).toBe('policy-no-keeping');
    expect(sim.log()).toEqual([]);
  });
});

describe('a policy that cannot be read', () => {
  it('is unknown: what a policy could forbid is refused and said, and nothing is deleted', async () => {
    await signedInWithSavedToken();
    managed = async () => {
      throw new Error('policy store unavailable');
    };
    const services = await startWorker();
    const list = await services.runtimes.list(true).catch((e: unknown) => e);
    expect(isAppFailure(list) && list.appError).toMatchObject({ code: 'policy-unknown' });
    expect(isAppFailure(list) && list.appError.message).toMatch(/could not be read/);
    expect(await codeOf(services.platform.set('https://codefresh.corp.example'))).toBe('policy-unknown');
    expect(await codeOf(services.vault.setAutoLockMinutes(60))).toBe('policy-unknown');
    expect(sim.log()).toEqual([]);
    expect(await records()).toHaveLength(2);
    expect(notices).toEqual([]);
  });

  it('is "no policy" when Firefox says no managed storage manifest is installed', async () => {
    await signedInWithSavedToken();
    managed = async () => {
      throw new Error('Managed storage manifest not found');
    };
    const services = await startWorker();
    expect((await services.runtimes.list(true)).runtimes.length).toBeGreaterThan(0);
  });
});
