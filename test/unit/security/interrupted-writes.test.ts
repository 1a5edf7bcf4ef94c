// A worker can stop between sending a write to an app-proxy and hearing the answer. Whatever it had
// cached about token states is then wrong, so the cache is dropped before the first write: the next
// list, from a restarted worker, asks the app-proxies again.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProxyClient } from '../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../src/background/codefresh/platform-client';
import {
  createRuntimeDirectory,
  RUNTIME_CACHE_KEY,
} from '../../../src/background/runtimes/runtime-directory';
import {
  createSimulator,
  DEMO_API_KEY,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_ACCOUNT,
  SIM_USER,
} from '../../simulator';
import { SEED_TOKENS } from '../../simulator/git-providers';

const sim = createSimulator();
const directory = () =>
  createRuntimeDirectory({
    platform: createPlatformClient({ fetch: sim.fetch, platformOrigin: PLATFORM_URL }),
    appProxy: createAppProxyClient({ fetch: sim.fetch }),
    getApiKey: async () => DEMO_API_KEY,
    getMe: async () => ({
      userId: SIM_USER.id,
      accountGitApiUrl: SIM_ACCOUNT.gitApiUrl,
      accountGitProvider: 'GITHUB',
    }),
    hasHostAccess: async (origin) => RUNTIME_HOSTS.some((h) => `https://${h}` === origin),
    cache: fakeBrowser.storage.session,
  });
/** The list cached for the account in use (this directory's user names none: ''). */
const cached = async () =>
  (
    (await fakeBrowser.storage.session.get(RUNTIME_CACHE_KEY))[RUNTIME_CACHE_KEY] as Record<string, unknown>
  )?.[''];

beforeEach(() => sim.reset());

describe('writes interrupted by a worker stop', () => {
  it('forget the cached token states before the first add is sent', async () => {
    const before = directory();
    const { runtimes } = await before.list(true);
    expect(await cached()).toBeDefined();
    const staging = runtimes.find((r) => r.name === 'staging')!;
    let cacheWhenSending: unknown = 'not sent';
    await before.applyToRuntimes({
      runtimes: [staging],
      withToken: async (fn) => {
        cacheWhenSending = await cached();
        return fn(SEED_TOKENS.githubClassicOk.token);
      },
    });
    // Kept for runtime lookups, but marked: no list is shown from it before the app-proxies answer again.
    expect(cacheWhenSending).toMatchObject({ tokenStatesInDoubt: true });

    // A "restarted worker" (a new directory over the same storage) lists the new state at once.
    const after = await directory().list(false);
    expect(after.runtimes.find((r) => r.name === 'staging')?.token).toEqual({ kind: 'valid' });
  });

  it('forget the cached token states before a removal is sent', async () => {
    const dir = directory();
    const { runtimes } = await dir.list(true);
    sim.inject({
      host: 'argo.acme-corp.example',
      operationName: 'DeregisterFromGitIntegration',
      kind: 'drop',
    });
    await expect(dir.removeFromRuntime(runtimes.find((r) => r.name === 'production')!)).rejects.toBeDefined();
    expect(await cached()).toMatchObject({ tokenStatesInDoubt: true });
    // The dropped removal may or may not have happened: the next list asks production again.
    sim.clearLog();
    await directory().list(false);
    expect(
      sim.log().some((e) => e.host === 'argo.acme-corp.example' && e.operationName === 'GitIntegration'),
    ).toBe(true);
  });
});
