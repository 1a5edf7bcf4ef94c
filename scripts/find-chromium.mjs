// Finds a Chromium to drive, installing Debian's package when none is present and apt-get is usable.
// Used by the test runner, the demo and the bench.
import { browserFinder } from './find-browser.mjs';

const chromium = browserFinder({
  name: 'Chromium',
  envVar: 'CHROME_PATH',
  // Branded Google Chrome 137+ ignores --load-extension, so plain Chromium builds come first.
  candidates: [
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  debianPackage: 'chromium',
});

export const locateChromium = chromium.locate;
export const ensureChromium = chromium.ensure;

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
