import { describe, expect, it } from 'vitest';
import { type DetectInput, detectRuntime } from '../../../src/shared/detect-runtime';

const PLATFORM = ['https://g.codefresh.io'];
const RUNTIMES: DetectInput['runtimes'] = [
  {
    name: 'production',
    appProxyOrigin: 'https://argo.acme-corp.example',
    repo: 'https://github.com/acme-corp/codefresh-isc-production',
  },
  {
    name: 'staging',
    appProxyOrigin: 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
    repo: 'https://github.com/acme-corp/codefresh-isc-staging.git',
  },
  {
    name: 'gitlab-eu',
    appProxyOrigin: 'https://argo-eu.acme-corp.example:8443',
    repo: 'https://gitlab.com/acme-corp/platform/isc.git/runtimes/gitlab-eu?ref=main',
  },
  { name: 'edge', appProxyOrigin: null, repo: null },
  // Two runtimes behind one host or one repo: ambiguous, never guessed.
  { name: 'shared-a', appProxyOrigin: 'https://shared.example', repo: 'https://github.com/acme-corp/shared' },
  { name: 'shared-b', appProxyOrigin: 'https://shared.example', repo: 'https://github.com/acme-corp/shared' },
];

const detect = (url: string, extra: Partial<DetectInput> = {}) =>
  detectRuntime({ url, platformOrigins: PLATFORM, runtimes: RUNTIMES, ...extra });

describe('detectRuntime: one signal at a time', () => {
  it.each([
    // runtime named in a Codefresh URL
    ['https://g.codefresh.io/2.0/account-settings/runtimes/production', 'runtimes', 'production', 'url'],
    ['https://g.codefresh.io/2.0/account-settings/runtimes/staging/info', 'runtimes', 'staging', 'url'],
    ['https://g.codefresh.io/2.0/account-settings/runtimes/unknown-rt', 'runtimes', undefined, 'none'],
    ['https://g.codefresh.io/2.0/account-settings/runtimes/info/list', 'runtimes', undefined, 'none'],
    ['https://g.codefresh.io/2.0/user-settings', 'pat-settings', undefined, 'none'],
    ['https://g.codefresh.io/2.0/git-personal-access-token', 'pat-settings', undefined, 'none'],
    ['https://g.codefresh.io/2.0/pipelines', 'other-codefresh', undefined, 'none'],
    // the runtime's own host
    ['https://argo.acme-corp.example/app-proxy/api/readyz', 'runtime-host', 'production', 'runtime-host'],
    ['https://argo.acme-corp.example', 'runtime-host', 'production', 'runtime-host'],
    ['https://ARGO.acme-corp.example:443/workflows/', 'runtime-host', 'production', 'runtime-host'],
    [
      'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/',
      'runtime-host',
      'staging',
      'runtime-host',
    ],
    ['https://argo-eu.acme-corp.example:8443/x', 'runtime-host', 'gitlab-eu', 'runtime-host'],
    ['https://shared.example/', 'runtime-host', undefined, 'none'],
    // the installation repository
    ['https://github.com/acme-corp/codefresh-isc-production', 'git-repo', 'production', 'git-repo'],
    ['https://github.com/acme-corp/codefresh-isc-production/', 'git-repo', 'production', 'git-repo'],
    [
      'https://github.com/acme-corp/codefresh-isc-production/tree/main/apps',
      'git-repo',
      'production',
      'git-repo',
    ],
    ['https://github.com/Acme-Corp/Codefresh-ISC-Production/pulls?q=1', 'git-repo', 'production', 'git-repo'],
    ['https://github.com/acme-corp/codefresh-isc-staging', 'git-repo', 'staging', 'git-repo'],
    ['https://github.com/acme-corp/codefresh-isc-staging.git', 'git-repo', 'staging', 'git-repo'],
    ['https://gitlab.com/acme-corp/platform/isc/-/tree/main', 'git-repo', 'gitlab-eu', 'git-repo'],
    ['https://github.com/acme-corp/shared/blob/main/x', 'git-repo', undefined, 'none'],
    // nothing
    ['https://example.com/', 'other', undefined, 'none'],
    ['not a url', 'other', undefined, 'none'],
    ['chrome://extensions', 'other', undefined, 'none'],
  ])('%s → %s / %s / %s', (url, page, runtimeName, signal) => {
    const result = detect(url);
    expect(result).toEqual(runtimeName ? { page, runtimeName, signal } : { page, signal });
  });
});

describe('detectRuntime: near misses never match', () => {
  it.each([
    'https://g.codefresh.io.evil.example/2.0/account-settings/runtimes/production',
    'https://evil.example/g.codefresh.io/2.0/account-settings/runtimes/production',
    'http://g.codefresh.io/2.0/account-settings/runtimes/production',
    'https://g.codefresh.io:8443/2.0/account-settings/runtimes/production',
    'https://g.codefresh.io@evil.example/2.0/account-settings/runtimes/production',
    'https://argo.acme-corp.example.evil.example/',
    'https://evil.example/argo.acme-corp.example',
    'http://argo.acme-corp.example/',
    'https://argo.acme-corp.example:8443/',
    'https://argo.acme-corp.example@evil.example/',
    'https://evil-argo.acme-corp.example/',
    'https://argo-eu.acme-corp.example/',
    'https://github.com/acme-corp/codefresh-isc-production-evil',
    'https://github.com/acme-corp/codefresh-isc-production-evil/tree/main',
    'https://github.com/acme-corp/codefresh-isc',
    'https://github.com/acme-corp',
    'https://github.com/evil/acme-corp/codefresh-isc-production',
    'https://github.com.evil.example/acme-corp/codefresh-isc-production',
    'https://github.com@evil.example/acme-corp/codefresh-isc-production',
    'http://github.com/acme-corp/codefresh-isc-production',
    'https://gist.github.com/acme-corp/codefresh-isc-production',
    'https://evil.example/?next=https://github.com/acme-corp/codefresh-isc-production',
  ])('%s', (url) => {
    const result = detect(url);
    expect(result.signal).toBe('none');
    expect(result.runtimeName).toBeUndefined();
  });
});

describe('detectRuntime: page report and last used', () => {
  const page = 'https://g.codefresh.io/2.0/user-settings';

  it('uses the runtime the right-clicked row names', () => {
    expect(
      detect(page, {
        pageReport: {
          url: page,
          rowTexts: ['Name Token', 'production ••••X020', 'staging +Add Token'],
          focusedText: 'staging +Add Token',
        },
      }),
    ).toEqual({ page: 'pat-settings', runtimeName: 'staging', signal: 'page-content' });
  });

  it('uses the single known runtime the rows name', () => {
    expect(
      detect(page, {
        pageReport: { url: page, rowTexts: ['Name Token', 'not-ours', 'production ••••X020', 'production'] },
      }),
    ).toEqual({ page: 'pat-settings', runtimeName: 'production', signal: 'page-content' });
  });

  it('skips a page naming several known runtimes, then falls back to last used', () => {
    expect(
      detect(page, {
        pageReport: { url: page, rowTexts: ['production', 'staging +Add Token'] },
        lastUsed: 'gitlab-eu',
      }),
    ).toEqual({ page: 'pat-settings', runtimeName: 'gitlab-eu', signal: 'last-used' });
  });

  it('falls back to the rows when the right-clicked row names no runtime, or two', () => {
    for (const focusedText of ['+Add Token', 'production staging', 'productionish']) {
      expect(detect(page, { pageReport: { url: page, rowTexts: ['production'], focusedText } })).toEqual({
        page: 'pat-settings',
        runtimeName: 'production',
        signal: 'page-content',
      });
    }
  });

  it.each([
    'https://evil.example/2.0/user-settings',
    'https://g.codefresh.io.evil.example/2.0/user-settings',
    'http://g.codefresh.io/2.0/user-settings',
    'not a url',
  ])('ignores a report from another origin: %s', (reportUrl) => {
    expect(
      detect(page, {
        pageReport: { url: reportUrl, rowTexts: ['production'], focusedText: 'production' },
      }),
    ).toEqual({ page: 'pat-settings', signal: 'none' });
  });

  it('uses last used only when it is a known runtime', () => {
    expect(detect('https://example.com/', { lastUsed: 'staging' })).toEqual({
      page: 'other',
      runtimeName: 'staging',
      signal: 'last-used',
    });
    expect(detect('https://example.com/', { lastUsed: 'deleted-runtime' })).toEqual({
      page: 'other',
      signal: 'none',
    });
  });

  it('orders signals: URL before page content before last used', () => {
    const url = 'https://g.codefresh.io/2.0/account-settings/runtimes/production';
    expect(
      detect(url, {
        pageReport: { url, rowTexts: ['staging'], focusedText: 'staging' },
        lastUsed: 'gitlab-eu',
      }),
    ).toEqual({ page: 'runtimes', runtimeName: 'production', signal: 'url' });
  });

  it('orders signals: runtime host before last used', () => {
    expect(detect('https://argo.acme-corp.example/', { lastUsed: 'staging' })).toMatchObject({
      runtimeName: 'production',
      signal: 'runtime-host',
    });
  });

  it('knows nothing before the runtime list arrives', () => {
    expect(
      detectRuntime({
        url: 'https://g.codefresh.io/2.0/account-settings/runtimes/production',
        platformOrigins: PLATFORM,
        runtimes: [],
        lastUsed: 'production',
      }),
    ).toEqual({ page: 'runtimes', signal: 'none' });
  });
});
