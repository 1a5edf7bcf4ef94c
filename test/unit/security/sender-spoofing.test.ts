// Who is talking to the worker is decided from what the browser stamps on the sender, and which
// runtime or platform a URL belongs to is decided after URL parsing. These cases try to pass a
// page, another extension or a look-alike host off as something trusted.
import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../src/background/messaging/sender-guard';
import { pickAppProxyOrigin, toHttpsOrigin } from '../../../src/shared/app-proxy-origin';
import { parseCodefreshUrl } from '../../../src/shared/codefresh-url';
import { detectRuntime } from '../../../src/shared/detect-runtime';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const guard = { extensionId: ID, extensionOrigin: ORIGIN, platformOrigins: ['https://g.codefresh.io'] };
const tab = {
  id: 5,
  index: 0,
  windowId: 1,
  highlighted: true,
  active: true,
  pinned: false,
  incognito: false,
};
const contentSender = (url: string, origin: string | undefined = undefined) => ({
  id: ID,
  url,
  ...(origin === undefined ? {} : { origin }),
  frameId: 0,
  tab: { ...tab, url },
});

const LOOK_ALIKES = [
  'https://g.codefresh.io.evil.example/2.0/user-settings',
  'https://evil.example/g.codefresh.io/2.0/user-settings',
  'https://g.codefresh.io@evil.example/2.0/user-settings',
  'https://evil.example/?next=https://g.codefresh.io/',
  'http://g.codefresh.io/2.0/user-settings',
  'https://g.codefresh.io:8443/2.0/user-settings',
  'https://xg.codefresh.io/2.0/user-settings',
  'data:text/html,<p>g.codefresh.io</p>',
];

describe('the sender guard', () => {
  it.each([
    [
      'another extension',
      {
        id: 'otherextensionidotherextensionid',
        url: 'chrome-extension://otherextensionidotherextensionid/p.html',
      },
    ],
    [
      'another extension claiming our page URL',
      { id: 'otherextensionidotherextensionid', url: `${ORIGIN}/src/popup/index.html` },
    ],
    [
      'our id with another extension page URL',
      { id: ID, url: 'chrome-extension://otherextensionidotherextensionid/p.html' },
    ],
    ['no id at all (a web page through a bug)', { url: `${ORIGIN}/src/popup/index.html` }],
    ['no URL', { id: ID, tab }],
    ['an unparsable URL', { id: ID, url: 'not a url', tab }],
    [
      'our page URL but a Codefresh origin stamped',
      { id: ID, url: `${ORIGIN}/src/popup/index.html`, origin: 'https://g.codefresh.io' },
    ],
    [
      'a Codefresh URL but our origin stamped',
      { ...contentSender('https://g.codefresh.io/'), origin: ORIGIN },
    ],
    [
      'a Codefresh URL from a sandboxed frame (origin "null")',
      contentSender('https://g.codefresh.io/', 'null'),
    ],
    [
      'a Codefresh URL with no tab',
      { id: ID, url: 'https://g.codefresh.io/', origin: 'https://g.codefresh.io' },
    ],
    ['a look-alike of our own origin', { id: ID, url: `chrome-extension://${ID}.evil.example/p.html` }],
  ])('rejects %s', (_name, sender) => {
    expect(classifySender(sender as never, guard)).toBe('rejected');
  });

  // A blob: URL's origin is its creator's (so detection may call it Codefresh), but Chromium stamps a
  // content script's sender with the document URL, never a blob: one; the guard refuses it anyway.
  it.each([...LOOK_ALIKES, 'blob:https://g.codefresh.io/6f1c0c6a-0000-4000-8000-000000000000'])(
    'rejects a content script on the look-alike %s',
    (url) => {
      let origin: string | undefined;
      try {
        origin = new URL(url).origin;
      } catch {
        origin = undefined;
      }
      expect(classifySender(contentSender(url, origin) as never, guard)).toBe('rejected');
      expect(classifySender(contentSender(url) as never, guard)).toBe('rejected');
    },
  );

  it('accepts the real platform only as a content script, and our pages as extension pages', () => {
    expect(
      classifySender(contentSender('https://g.codefresh.io/2.0/', 'https://g.codefresh.io') as never, guard),
    ).toBe('content-script');
    expect(
      classifySender({ id: ID, url: `${ORIGIN}/src/popup/index.html`, origin: ORIGIN } as never, guard),
    ).toBe('extension-page');
  });
});

describe('platform and runtime detection', () => {
  it.each(LOOK_ALIKES)('does not treat %s as Codefresh', (url) => {
    expect(parseCodefreshUrl(url, ['https://g.codefresh.io'])).toBeNull();
  });

  const runtimes = [
    {
      name: 'production',
      appProxyOrigin: 'https://argo.acme-corp.example',
      repo: 'https://github.com/acme/isc-prod',
    },
  ];

  it.each([
    'https://argo.acme-corp.example.evil.example/workflows/',
    'https://evil.example/argo.acme-corp.example/workflows/',
    'https://argo.acme-corp.example@evil.example/workflows/',
    'http://argo.acme-corp.example/workflows/',
    'https://github.com.evil.example/acme/isc-prod',
    'https://github.com/acme/isc-prod-evil',
    'http://github.com/acme/isc-prod',
  ])('names no runtime for the look-alike %s', (url) => {
    const detection = detectRuntime({ url, platformOrigins: ['https://g.codefresh.io'], runtimes });
    expect(detection.runtimeName).toBeUndefined();
  });

  it('ignores a page report filed from another origin than the tab', () => {
    const detection = detectRuntime({
      url: 'https://evil.example/',
      platformOrigins: ['https://g.codefresh.io'],
      runtimes,
      pageReport: {
        url: 'https://g.codefresh.io/2.0/',
        rowTexts: ['production'],
        focusedText: 'production',
      },
    });
    expect(detection.runtimeName).toBeUndefined();
  });
});

describe('app-proxy origin picking', () => {
  it.each([
    'http://argo.acme-corp.example',
    'https://argo.acme-corp.example@evil.example',
    'https://user:pass@argo.acme-corp.example',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://argo.acme-corp.example',
    'https://argo acme-corp.example',
    '',
  ])('does not pick %s as an app-proxy origin', (raw) => {
    expect(toHttpsOrigin(raw)).toBeNull();
  });

  it('drops paths and keeps only the https origin, so a path cannot smuggle another host', () => {
    expect(toHttpsOrigin('https://evil.example/argo.acme-corp.example')).toBe('https://evil.example');
    expect(toHttpsOrigin('argo.acme-corp.example/some/path')).toBe('https://argo.acme-corp.example');
  });

  it('falls through an http ingress host to the next https source rather than downgrading', () => {
    expect(
      pickAppProxyOrigin({
        ingressHost: 'http://argo.acme-corp.example',
        internalIngressHost: null,
        override: null,
      }),
    ).toBeNull();
    expect(
      pickAppProxyOrigin({
        ingressHost: 'http://argo.acme-corp.example',
        internalIngressHost: 'https://internal.acme-corp.example',
      }),
    ).toBe('https://internal.acme-corp.example');
  });
});
