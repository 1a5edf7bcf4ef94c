// Sign-out, a platform change and an erase clear by the declaration in storage-keys.ts, not by
// hand-written lists. Before, the user's app-proxy addresses and the last runtime used survived a
// platform change, though both name the old platform's runtimes.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { leavePlatform } from '../../../../src/background/account/platform-switch';
import {
  type ClearEvent,
  DECLARED,
  memberKey,
  STORED,
} from '../../../../src/background/storage/storage-keys';

/** One value for every declared key of `storage.local` and `storage.session` (a member for a family). */
const fillEveryDeclaredKey = async () => {
  for (const entry of DECLARED) {
    if (entry.area !== 'local' && entry.area !== 'session') continue;
    const key = entry.match === 'prefix' ? memberKey(entry, 'x1') : entry.key;
    await fakeBrowser.storage[entry.area].set({ [key]: { stored: entry.key } });
  }
};

const leave = async (event: ClearEvent) => {
  const done: string[] = [];
  await leavePlatform(event, {
    account: { signOut: async () => void done.push('api-keys removed') },
    records: { removeKind: async (kind) => void done.push(`${kind} records removed`) },
    areas: { local: fakeBrowser.storage.local, session: fakeBrowser.storage.session },
  });
  return done;
};

const remaining = async () => [
  ...Object.keys(await fakeBrowser.storage.local.get(null)),
  ...Object.keys(await fakeBrowser.storage.session.get(null)),
];

describe('leaving a platform clears by the declaration', () => {
  beforeEach(() => fakeBrowser.reset());

  it("forgets the platform's app-proxy addresses and last-used runtime on a platform change", async () => {
    await fakeBrowser.storage.local.set({
      [STORED.appProxyOverrides.key]: { production: 'https://argo.acme-corp.example' },
      [STORED.lastRuntime.key]: 'production',
    });
    expect(await leave('platform-change')).toEqual([
      'api-keys removed',
      'codefresh-api-key records removed',
      // The addresses live in the vault now; a plain copy left from before goes too.
      'app-proxy-addresses records removed',
    ]);
    const left = await fakeBrowser.storage.local.get(null);
    expect(left).not.toHaveProperty('appProxyOverrides.v1');
    expect(left).not.toHaveProperty('ui.lastRuntime');
  });

  it.each<ClearEvent>(['sign-out', 'platform-change', 'erase'])(
    'on %s, removes exactly what is declared as cleared then, and keeps the vault to the vault',
    async (event) => {
      await fillEveryDeclaredKey();
      await leave(event);
      const left = await remaining();
      for (const entry of DECLARED) {
        if (entry.area !== 'local' && entry.area !== 'session') continue;
        const key = entry.match === 'prefix' ? memberKey(entry, 'x1') : entry.key;
        // The vault's own keys go inside its queue (token-vault.ts reset), never from outside.
        const cleared = entry.clearedOn.includes(event) && !entry.vaultOwned;
        expect(left.includes(key), `${key} after ${event}`).toBe(!cleared);
      }
    },
  );

  it('removes the API keys and app-proxy addresses on sign-out, and leaves record removal to the vault on erase', async () => {
    expect(await leave('sign-out')).toContain('app-proxy-addresses records removed');
    expect(await leave('erase')).toEqual(['api-keys removed']);
  });

  it('leaves keys it does not declare alone', async () => {
    await fakeBrowser.storage.local.set({ 'someone-else': 1 });
    await leave('erase');
    expect(await remaining()).toEqual(['someone-else']);
  });
});
