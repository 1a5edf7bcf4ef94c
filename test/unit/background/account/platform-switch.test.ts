import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createPlatformSettings } from '../../../../src/background/account/platform-settings';
import { createPlatformSwitch } from '../../../../src/background/account/platform-switch';
import { failureOf } from '../../failure';

const setup = async (options: { allowed?: string[] | null; granted?: string[] } = {}) => {
  const settings = createPlatformSettings(fakeBrowser.storage.local);
  await settings.ready;
  const events: string[] = [];
  const platform = createPlatformSwitch({
    settings,
    policy: async () => ({ allowedPlatformHosts: options.allowed ?? null, unknown: false }),
    hasHostAccess: async (origin) => (options.granted ?? ['https://cf.acme.example']).includes(origin),
    forgetPlatformData: async () => {
      events.push('forget');
    },
    followPages: async (origin) => {
      events.push(`pages:${origin}`);
    },
    refreshMenus: async () => {
      events.push('menus');
    },
  });
  return { settings, platform, events };
};

describe('switching the Codefresh platform', () => {
  it('moves to a granted self-hosted origin, forgetting the previous platform first', async () => {
    const { settings, platform, events } = await setup();
    await expect(platform.set('https://cf.acme.example/')).resolves.toEqual({
      platformOrigin: 'https://cf.acme.example',
    });
    expect(settings.current()).toBe('https://cf.acme.example');
    expect(events).toEqual(['forget', 'pages:https://cf.acme.example', 'menus']);
  });

  it('does nothing when the platform is already in use', async () => {
    const { platform, events } = await setup();
    await platform.set('https://cf.acme.example');
    events.length = 0;
    await platform.set('https://cf.acme.example');
    expect(events).toEqual([]);
  });

  it('refuses an origin the user has not allowed, and one the policy does not list', async () => {
    const noAccess = await setup({ granted: [] });
    expect((await failureOf(noAccess.platform.set('https://cf.acme.example'))).appError.code).toBe(
      'host-access-missing',
    );
    const notAllowed = await setup({ allowed: ['https://g.codefresh.io'] });
    expect((await failureOf(notAllowed.platform.set('https://cf.acme.example'))).appError.code).toBe(
      'platform-not-allowed',
    );
    expect(notAllowed.settings.current()).toBe('https://g.codefresh.io');
  });

  it('goes back to the SaaS platform with null', async () => {
    const { settings, platform, events } = await setup();
    await platform.set('https://cf.acme.example');
    await platform.set(null);
    expect(settings.isDefault()).toBe(true);
    expect(events.slice(-2)).toEqual(['pages:null', 'menus']);
  });
});
