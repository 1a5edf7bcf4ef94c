import { describe, expect, it } from 'vitest';
import { CODEFRESH_ROUTES, parseCodefreshUrl } from '../../../src/shared/codefresh-url';

const PLATFORM = ['https://g.codefresh.io'];

describe('parseCodefreshUrl', () => {
  it.each([
    ['https://g.codefresh.io/2.0/user-settings', { kind: 'pat-settings' }],
    ['https://g.codefresh.io/2.0/user-settings/', { kind: 'pat-settings' }],
    ['https://g.codefresh.io/2.0/user-settings?tab=git#x', { kind: 'pat-settings' }],
    ['https://g.codefresh.io/2.0/git-personal-access-token', { kind: 'pat-settings' }],
    ['https://g.codefresh.io/2.0/account-settings/runtimes', { kind: 'runtimes' }],
    ['https://g.codefresh.io/2.0/account-settings/runtimes/', { kind: 'runtimes' }],
    ['https://g.codefresh.io/2.0/account-settings/runtimes/info/list', { kind: 'runtimes' }],
    [
      'https://g.codefresh.io/2.0/account-settings/runtimes/info/list?drawer=install-codefresh-runtime',
      { kind: 'runtimes' },
    ],
    [
      'https://g.codefresh.io/2.0/account-settings/runtimes/production',
      { kind: 'runtimes', runtimeName: 'production' },
    ],
    [
      'https://g.codefresh.io/2.0/account-settings/runtimes/ghe-runtime/settings',
      { kind: 'runtimes', runtimeName: 'ghe-runtime' },
    ],
    [
      'https://g.codefresh.io/2.0/account-settings/runtimes/my%20rt',
      { kind: 'runtimes', runtimeName: 'my rt' },
    ],
    ['https://g.codefresh.io/2.0/account-settings/runtimes/%E0%A4%A', { kind: 'runtimes' }],
    ['https://g.codefresh.io/2.0/user-settings-evil', { kind: 'other-codefresh' }],
    ['https://g.codefresh.io/2.0/account-settings/runtimesx', { kind: 'other-codefresh' }],
    ['https://g.codefresh.io/2.0/pipelines', { kind: 'other-codefresh' }],
    ['https://g.codefresh.io/user/settings', { kind: 'other-codefresh' }],
    ['https://g.codefresh.io/', { kind: 'other-codefresh' }],
    ['https://g.codefresh.io:443/2.0/user-settings', { kind: 'pat-settings' }],
  ])('%s', (url, expected) => {
    expect(parseCodefreshUrl(url, PLATFORM)).toEqual(expected);
  });

  it.each([
    'https://g.codefresh.io.evil.example/2.0/user-settings',
    'https://evil.example/g.codefresh.io/2.0/user-settings',
    'http://g.codefresh.io/2.0/user-settings',
    'https://g.codefresh.io:8443/2.0/user-settings',
    'https://g.codefresh.io@evil.example/2.0/user-settings',
    'https://evil.example/?https://g.codefresh.io/2.0/user-settings',
    'not a url',
    '',
    'about:blank',
  ])('is not the platform: %s', (url) => {
    expect(parseCodefreshUrl(url, PLATFORM)).toBeNull();
  });

  it('knows self-hosted platforms it is given', () => {
    expect(
      parseCodefreshUrl('https://cf.corp.example/2.0/user-settings', ['https://cf.corp.example/']),
    ).toEqual({
      kind: 'pat-settings',
    });
    expect(parseCodefreshUrl('https://cf.corp.example/2.0/user-settings', PLATFORM)).toBeNull();
  });

  it('ignores a platform origin that does not parse', () => {
    expect(parseCodefreshUrl('https://g.codefresh.io/', ['nonsense', ...PLATFORM])).toEqual({
      kind: 'other-codefresh',
    });
  });

  it('keeps every route anchored at the start of the path', () => {
    for (const route of CODEFRESH_ROUTES) expect(route.path.source.startsWith('^\\/')).toBe(true);
  });
});
