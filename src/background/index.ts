// webcrypto-shim patches only legacy engines (IE11's msCrypto, old Safari's webkitSubtle); every
// browser that runs MV3 has native WebCrypto, so here it is a documented no-op kept for the card.
import 'webcrypto-shim';
import browser from 'webextension-polyfill';
import { DEFAULT_PLATFORM_ORIGIN } from '../shared/constants';
import { allRoutes } from './handlers';
import { createMessageListener } from './message-router';
import { classifySender } from './sender-guard';

// Wiring only: each feature lives in its own module.
const extensionOrigin = `${new URL(browser.runtime.getURL('/')).protocol}//${browser.runtime.id}`;

browser.runtime.onMessage.addListener(
  createMessageListener(allRoutes, (sender) =>
    classifySender(sender, {
      extensionId: browser.runtime.id,
      extensionOrigin,
      platformOrigins: [DEFAULT_PLATFORM_ORIGIN],
    }),
  ) as Parameters<typeof browser.runtime.onMessage.addListener>[0],
);
