import { describe, expect, it } from 'vitest';
import { classifySender, extensionOriginOf } from '../../../../src/background/messaging/sender-guard';

const config = {
  extensionId: 'ext-id',
  extensionOrigin: 'chrome-extension://ext-id',
  platformOrigins: ['https://g.codefresh.io'],
};
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

describe('classifySender', () => {
  it.each([
    ['the popup', { id: 'ext-id', url: 'chrome-extension://ext-id/src/popup/index.html' }, 'extension-page'],
    [
      'the options page opened in a tab',
      { id: 'ext-id', url: 'chrome-extension://ext-id/src/options/index.html', tab },
      'extension-page',
    ],
    [
      'a content script on the platform',
      {
        id: 'ext-id',
        url: 'https://g.codefresh.io/2.0/user-settings',
        origin: 'https://g.codefresh.io',
        tab,
      },
      'content-script',
    ],
    ['another extension', { id: 'other', url: 'chrome-extension://other/page.html' }, 'rejected'],
    [
      'a look-alike host',
      { id: 'ext-id', url: 'https://g.codefresh.io.evil.example/2.0/user-settings', tab },
      'rejected',
    ],
    [
      'a platform path on another host',
      { id: 'ext-id', url: 'https://evil.example/g.codefresh.io', tab },
      'rejected',
    ],
    [
      'plain http on the platform host',
      { id: 'ext-id', url: 'http://g.codefresh.io/2.0/user-settings', tab },
      'rejected',
    ],
    ['another port', { id: 'ext-id', url: 'https://g.codefresh.io:8443/2.0/user-settings', tab }, 'rejected'],
    [
      'a page claiming an extension URL while its stamped origin is the web page',
      {
        id: 'ext-id',
        url: 'chrome-extension://ext-id/src/popup/index.html',
        origin: 'https://g.codefresh.io',
        tab,
      },
      'rejected',
    ],
    [
      'a platform page without a tab',
      { id: 'ext-id', url: 'https://g.codefresh.io/2.0/user-settings' },
      'rejected',
    ],
    ['a sender without a URL', { id: 'ext-id' }, 'rejected'],
  ])('%s → %s', (_name, sender, expected) => {
    expect(classifySender(sender, config)).toBe(expected);
  });
});

describe('extensionOriginOf', () => {
  it("takes the origin from the pages' root URL, which in Firefox is a UUID and not the add-on id", () => {
    expect(extensionOriginOf('chrome-extension://abcdefghijklmnop/')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    expect(extensionOriginOf('moz-extension://6d0c2d1e-3f5a-4b7e-9c1a-2b3c4d5e6f70/')).toBe(
      'moz-extension://6d0c2d1e-3f5a-4b7e-9c1a-2b3c4d5e6f70',
    );
  });

  it("lets Firefox's popup through, whose sender id is the add-on id and URL the UUID origin", () => {
    const firefox = {
      extensionId: 'git-token-manager@codefresh-tools.example',
      extensionOrigin: extensionOriginOf('moz-extension://6d0c2d1e-3f5a-4b7e-9c1a-2b3c4d5e6f70/'),
      platformOrigins: ['https://g.codefresh.io'],
    };
    const popup = {
      id: 'git-token-manager@codefresh-tools.example',
      url: 'moz-extension://6d0c2d1e-3f5a-4b7e-9c1a-2b3c4d5e6f70/src/popup/index.html',
    };
    expect(classifySender(popup, firefox)).toBe('extension-page');
    expect(
      classifySender({ ...popup, url: 'moz-extension://another-uuid/src/popup/index.html' }, firefox),
    ).toBe('rejected');
  });
});
