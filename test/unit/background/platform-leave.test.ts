// Leaving a platform takes everything of it along: the API key, the runtime cache, and the
// platform-scoped settings in storage.local (the user's app-proxy addresses and the last runtime
// used both name that platform's runtimes). Before, those two survived a platform change.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { leavePlatform } from '../../../src/background/platform-switch';
import { PLATFORM_SCOPED_LOCAL_KEYS } from '../../../src/background/storage-keys';

describe('leaving a platform', () => {
  it('forgets its app-proxy addresses, last-used runtime and rotation jobs, and keeps everything else', async () => {
    await fakeBrowser.storage.local.set({
      'appProxyOverrides.v1': { production: 'https://argo.acme-corp.example' },
      'ui.lastRuntime': 'production',
      'rotation.jobs.v1': { r1: { recordId: 'r1', runtimes: ['gitlab-eu'] } },
      'rotation.auto.v1': { days: { r1: 7 }, tried: {} },
      'vault.header': { kept: true },
    });
    const done: string[] = [];
    await leavePlatform({
      account: { signOut: async () => void done.push('sign-out') },
      directory: { forget: async () => void done.push('forget-runtimes') },
      local: fakeBrowser.storage.local,
    });
    const left = await fakeBrowser.storage.local.get(null);
    expect(left).toEqual({
      'vault.header': { kept: true },
      'rotation.auto.v1': { days: { r1: 7 }, tried: {} },
    });
    expect(done).toEqual(['sign-out', 'forget-runtimes']);
    expect(PLATFORM_SCOPED_LOCAL_KEYS).toEqual([
      'appProxyOverrides.v1',
      'ui.lastRuntime',
      'rotation.jobs.v1',
    ]);
  });
});
