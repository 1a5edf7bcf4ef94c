import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createPlatformSettings } from '../../../../src/background/account/platform-settings';
import { createSelfHostedPages } from '../../../../src/background/account/self-hosted-pages';
import { createPolicyService } from '../../../../src/background/policy/policy-service';
import { DEFAULT_PLATFORM_ORIGIN } from '../../../../src/shared/constants';
import { platformOriginFrom } from '../../../../src/shared/platform-origin';

describe('a self-hosted Codefresh platform', () => {
  it.each([
    ['https://codefresh.acme.example', 'https://codefresh.acme.example'],
    ['  https://codefresh.acme.example/  ', 'https://codefresh.acme.example'],
    ['https://codefresh.acme.example:8443', 'https://codefresh.acme.example:8443'],
  ])('takes %j as the platform %s', (raw, origin) => {
    expect(platformOriginFrom(raw)).toBe(origin);
  });

  it('refuses a plain-http platform address with its own message', () => {
    expect(() => platformOriginFrom('http://codefresh.acme.example')).toThrow(
      expect.objectContaining({ appError: expect.objectContaining({ code: 'platform-url-not-https' }) }),
    );
    expect(() => platformOriginFrom('HTTP://codefresh.acme.example/')).toThrow(/over https only/);
  });

  it.each([
    'codefresh.acme.example',
    'https://codefresh.acme.example/2.0/user-settings',
    'https://user@codefresh.acme.example',
    'javascript:alert(1)',
    '',
  ])('refuses %j with a message saying what to enter', (raw) => {
    expect(() => platformOriginFrom(raw)).toThrow(/https address of your Codefresh platform/);
  });

  it('remembers the platform across worker restarts and falls back to the SaaS one', async () => {
    const first = createPlatformSettings(fakeBrowser.storage.local);
    await first.ready;
    expect(first.current()).toBe(DEFAULT_PLATFORM_ORIGIN);
    await first.set('https://codefresh.acme.example');
    const second = createPlatformSettings(fakeBrowser.storage.local);
    await second.ready;
    expect(second.current()).toBe('https://codefresh.acme.example');
    expect(second.isDefault()).toBe(false);
    await second.reset();
    const third = createPlatformSettings(fakeBrowser.storage.local);
    await third.ready;
    expect(third.current()).toBe(DEFAULT_PLATFORM_ORIGIN);
  });

  it('ignores a stored platform that is not an https origin', async () => {
    await fakeBrowser.storage.local.set({ 'platform.v1': { origin: 'http://evil.example' } });
    const settings = createPlatformSettings(fakeBrowser.storage.local);
    await settings.ready;
    expect(settings.current()).toBe(DEFAULT_PLATFORM_ORIGIN);
  });

  it('runs the content script on the self-hosted origin only, and stops when switching back', async () => {
    const registered = new Map<string, { matches: string[]; js: string[] }>();
    const pages = createSelfHostedPages({
      scripting: {
        registerContentScripts: async (scripts) => {
          for (const s of scripts) registered.set(s.id, s);
        },
        unregisterContentScripts: async ({ ids }) => {
          for (const id of ids) registered.delete(id);
        },
        getRegisteredContentScripts: async ({ ids }) =>
          ids.filter((id) => registered.has(id)).map((id) => ({ id })),
      },
      contentScriptFiles: () => ['assets/codefresh-page.js'],
    });
    await pages.follow('https://codefresh.acme.example');
    await pages.follow('https://other.acme.example');
    expect([...registered.values()].map((s) => s.matches)).toEqual([['https://other.acme.example/*']]);
    expect([...registered.values()][0]?.js).toEqual(['assets/codefresh-page.js']);
    await pages.follow(null);
    expect(registered.size).toBe(0);
  });
});

describe('the policy in force', () => {
  const service = (managed: unknown, mode: 'device' | 'passphrase' = 'device') =>
    createPolicyService({
      managed: async () => managed,
      platformOrigin: () => DEFAULT_PLATFORM_ORIGIN,
      vaultStatus: async () => ({ mode, autoLockMinutes: 60 }),
    });

  it('lets the administrator forbid keeping tokens and cap auto-lock', async () => {
    const effective = await service({ disallowKeepingTokens: true, maxAutoLockMinutes: 10 }).effective();
    expect(effective.keepTokens).toBe(false);
    expect(effective.autoLockMinutes).toBe(10);
    expect(effective.enforced).toMatchObject({ keepTokens: true, autoLockMinutes: true });
  });

  it('works when the browser has no managed storage at all', async () => {
    const effective = await createPolicyService({
      managed: async () => {
        throw new Error('Managed storage manifest not found');
      },
      platformOrigin: () => DEFAULT_PLATFORM_ORIGIN,
      vaultStatus: async () => ({ mode: 'device', autoLockMinutes: 15 }),
    }).effective();
    expect(effective.keepTokens).toBe(true);
    expect(effective.ignored).toEqual([]);
  });

  it('shows the remembered policy when the fresh read is slow, but enforces only the fresh one', async () => {
    let release: (value: unknown) => void = () => {};
    const memory = new Map<string, unknown>([['policy.lastManaged', { disallowKeepingTokens: true }]]);
    const slow = createPolicyService({
      managed: () => new Promise((done) => (release = done)),
      platformOrigin: () => DEFAULT_PLATFORM_ORIGIN,
      vaultStatus: async () => ({ mode: 'device', autoLockMinutes: 15 }),
      memory: {
        get: async (key) => (memory.has(key) ? { [key]: memory.get(key) } : {}),
        set: async (items) => {
          for (const [k, v] of Object.entries(items)) memory.set(k, v);
        },
      },
      quickWaitMs: 10,
    });
    expect((await slow.forDisplay()).keepTokens).toBe(false);
    const enforced = slow.effective();
    release({ maxAutoLockMinutes: 5 });
    expect(await enforced).toMatchObject({ keepTokens: true, maxAutoLockMinutes: 5 });
    expect(memory.get('policy.lastManaged')).toEqual({ maxAutoLockMinutes: 5 });
  });
});
