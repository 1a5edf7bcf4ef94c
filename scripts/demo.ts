// `npm run demo`: build the extension and run it in Chromium.
// With a display: a normal window with the extension's popup open, until Ctrl-C.
// Without one: headless; it opens the popup, saves a screenshot in demo-output/ and prints its path.
// The local simulator (issue 4) is not built yet; once it is, this script starts it and walks the
// whole paste-check-add flow against it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchExtension } from '../test/e2e/harness';
import { ensureChromium } from './find-chromium.mjs';

const OUT = resolve('demo-output');

const main = async () => {
  process.env.CHROME_PATH = ensureChromium();
  console.log('Building the extension…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });

  const headed =
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
  const ext = await launchExtension({ headed });
  const popup = await ext.openPopup();
  await popup.getByText(/^Version /).waitFor();

  if (headed) {
    console.log('Chromium is open with the extension loaded. Press Ctrl-C to stop.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
    await ext.close();
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, '01-popup.png');
  await popup.screenshot({ path, fullPage: true });
  await ext.close();
  console.log(`Screenshots:\n  ${path}`);
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
