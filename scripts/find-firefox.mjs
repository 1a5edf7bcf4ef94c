// Finds a Firefox for the Firefox end-to-end test (test/e2e/firefox.e2e.test.ts), installing
// Debian's Firefox ESR when none is present and apt-get is usable.
import { browserFinder } from './find-browser.mjs';

const firefox = browserFinder({
  name: 'Firefox',
  envVar: 'FIREFOX_PATH',
  candidates: [
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
  debianPackage: 'firefox-esr',
});

export const locateFirefox = firefox.locate;
export const ensureFirefox = firefox.ensure;

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureFirefox());
