// Content scripts can write storage.local (Firefox always; Chromium unless the access level is
// narrowed), so nothing read from it may decide on its own where the API key goes. The API key's
// vault record is bound to its platform origin in its authenticated data; a platform setting that
// disagrees is "changed outside the extension", and the key is sent nowhere.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformSettings } from '../../../src/background/account/platform-settings';
import { createServices } from '../../../src/background/create-services';
import { keepLocalStorageToTrustedContexts } from '../../../src/background/storage/storage-access';
import { isAppFailure } from '../../../src/shared/errors';
import { createSimulator, DEMO_API_KEY, PLATFORM_URL, SELF_HOSTED_PLATFORM_HOST } from '../../simulator';

const sim = createSimulator();
const OTHER = `https://${SELF_HOSTED_PLATFORM_HOST}`;

/** A worker start: settings read from storage, the object graph built again. */
const startWorker = async () => {
  const settings = createPlatformSettings(fakeBrowser.storage.local);
  await settings.ready;
  return createServices(settings).services;
};

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (e) {
    if (isAppFailure(e)) return e.appError;
    throw e;
  }
  throw new Error('expected a failure');
};

beforeEach(() => {
  sim.reset();
  vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(input, init)) as typeof fetch);
  vi.stubGlobal('indexedDB', new IDBFactory());
  fakeBrowser.runtime.sendMessage = async () => undefined;
});
afterEach(() => vi.unstubAllGlobals());

describe('storage.local is not trusted for where the API key goes', () => {
  it('sends the key nowhere after platform.v1 is rewritten to another origin, and says why', async () => {
    const first = await startWorker();
    await first.account.setApiKey(DEMO_API_KEY);
    expect((await first.runtimes.list(true)).runtimes.length).toBeGreaterThan(0);

    // A content script (or anything else with storage.local) points the platform elsewhere.
    await fakeBrowser.storage.local.set({ 'platform.v1': { origin: OTHER } });
    sim.reset();
    const restarted = await startWorker();
    const error = await failureOf(restarted.runtimes.list(true));

    expect(error.code).toBe('settings-changed-outside');
    expect(error.message).toContain('changed outside the extension');
    expect(error.message).toContain(OTHER);
    expect(error.message).toContain(PLATFORM_URL);
    expect(error.message).not.toContain(DEMO_API_KEY);
    expect(sim.log().filter((e) => e.host === SELF_HOSTED_PLATFORM_HOST)).toEqual([]);
    expect(sim.log()).toEqual([]);
  });

  it('does not send a newly typed key to the rewritten platform either while the old record exists', async () => {
    const first = await startWorker();
    await first.account.setApiKey(DEMO_API_KEY);
    await fakeBrowser.storage.local.set({ 'platform.v1': { origin: OTHER } });
    sim.reset();
    const restarted = await startWorker();
    const error = await failureOf(restarted.account.setApiKey(DEMO_API_KEY));
    expect(error.code).toBe('settings-changed-outside');
    expect(sim.log()).toEqual([]);
  });

  it('takes the account’s Git API URL from the platform, not from a rewritten account.v1', async () => {
    const first = await startWorker();
    await first.account.setApiKey(DEMO_API_KEY);
    const stored = (await fakeBrowser.storage.local.get('account.v1'))['account.v1'] as Record<
      string,
      unknown
    >;
    await fakeBrowser.storage.local.set({
      'account.v1': { ...stored, gitApiUrl: 'https://evil.example/api/v3' },
    });
    const restarted = await startWorker();
    const { runtimes } = await restarted.runtimes.list(true);
    expect(runtimes.map((r) => r.gitApiUrl)).not.toContain('https://evil.example/api/v3');
  });
});

describe("storage.local is not trusted for a runtime's app-proxy address", () => {
  /** Granted, and no runtime of the SaaS platform lives there: any request to it came from an override. */
  const ELSEWHERE = OTHER;
  const elsewhereRequests = () => sim.log().filter((e) => e.host === SELF_HOSTED_PLATFORM_HOST);
  const grantAll = () => {
    fakeBrowser.permissions.contains = async () => true;
  };

  it('ignores a plain appProxyOverrides.v1 written through storage: the token goes to the listed host', async () => {
    grantAll();
    const first = await startWorker();
    await first.account.setApiKey(DEMO_API_KEY);
    await fakeBrowser.storage.local.set({ 'appProxyOverrides.v1': { production: ELSEWHERE } });
    sim.reset();
    const restarted = await startWorker();
    const production = (await restarted.runtimes.list(true)).runtimes.find((r) => r.name === 'production');
    expect(production?.appProxyOrigin).toBe('https://argo.acme-corp.example');
    expect(elsewhereRequests()).toEqual([]);
  });

  it('refuses to list, sends nothing to the address and says why, when the sealed record was changed', async () => {
    grantAll();
    const first = await startWorker();
    await first.account.setApiKey(DEMO_API_KEY);
    await first.runtimes.setOverride('production', ELSEWHERE);
    const stored = await fakeBrowser.storage.local.get(null);
    const [key, record] = Object.entries(stored).find(
      ([, v]) => (v as { meta?: { kind?: string } }).meta?.kind === 'app-proxy-addresses',
    )!;
    const secret = (record as { secret: string }).secret;
    // One character of the ciphertext changed, as anything with storage.local could.
    const flipped = `${secret.slice(0, -3)}${secret.at(-3) === 'A' ? 'B' : 'A'}${secret.slice(-2)}`;
    await fakeBrowser.storage.local.set({ [key]: { ...(record as object), secret: flipped } });
    sim.reset();
    const restarted = await startWorker();
    const error = await failureOf(restarted.runtimes.list(true));
    expect(error.code).toBe('overrides-changed-outside');
    expect(error.message).toContain('changed outside the extension');
    expect(error.message).toContain('Erase and start again');
    expect(elsewhereRequests()).toEqual([]);
    expect(sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration')).toEqual([]);
  });
});

describe('the storage.local access level', () => {
  it('is narrowed to trusted contexts where the browser offers it, and never fails without it', async () => {
    const calls: unknown[] = [];
    expect(
      await keepLocalStorageToTrustedContexts({ setAccessLevel: async (o: unknown) => void calls.push(o) }),
    ).toBe(true);
    expect(calls).toEqual([{ accessLevel: 'TRUSTED_CONTEXTS' }]);
    expect(await keepLocalStorageToTrustedContexts({})).toBe(false);
    expect(
      await keepLocalStorageToTrustedContexts({
        setAccessLevel: async () => {
          throw new Error('not supported');
        },
      }),
    ).toBe(false);
  });
});
