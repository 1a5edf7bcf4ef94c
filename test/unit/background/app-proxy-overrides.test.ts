import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createAppProxyOverrides } from '../../../src/background/app-proxy-overrides';

const overrides = (granted: string[] = ['https://edge.acme.example']) =>
  createAppProxyOverrides({
    storage: fakeBrowser.storage.local,
    hasHostAccess: async (origin) => granted.includes(origin),
  });

describe("the user's own app-proxy addresses", () => {
  it('are kept by runtime name and can be removed', async () => {
    expect(await overrides().set('edge', 'https://edge.acme.example/')).toEqual({
      edge: 'https://edge.acme.example',
    });
    expect(await overrides().read()).toEqual({ edge: 'https://edge.acme.example' });
    expect(await overrides().set('edge', null)).toEqual({});
  });

  it('must be https addresses without a path', async () => {
    for (const bad of ['http://edge.acme.example', 'https://edge.acme.example/app-proxy', 'edge']) {
      await expect(overrides().set('edge', bad)).rejects.toMatchObject({
        appError: { code: 'override-invalid' },
      });
    }
  });

  it('are refused until the user allowed the extension to reach them', async () => {
    await expect(overrides([]).set('edge', 'https://edge.acme.example')).rejects.toMatchObject({
      appError: { code: 'host-access-missing' },
    });
    expect(await overrides().read()).toEqual({});
  });
});
