// `npm run demo`: build the extension, start the local simulator, and run the extension in
// Chromium against it. It walks the whole flow a user came for (sign in, detect the runtime of
// the tab, paste and check a token, add it) and saves a screenshot of each step in demo-output/.
// With a display the window stays open afterwards to try things by hand, until Ctrl-C.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { signIn, startStack } from '../test/e2e/stack';
import { SEED_TOKENS } from '../test/simulator/git-providers';
import { DEMO_API_KEY } from '../test/simulator/seed';
import { ensureChromium } from './find-chromium.mjs';

const OUT = resolve('demo-output');
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';

const main = async () => {
  process.env.CHROME_PATH = ensureChromium();
  console.log('Building the extension…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });

  const headed =
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
  const stack = await startStack({ headed });
  console.log(`Simulator on 127.0.0.1:${stack.simulator.port} (control ${stack.simulator.controlUrl}).`);
  console.log(`Demo Codefresh API key (a fake, for the simulator only): ${DEMO_API_KEY}`);
  console.log(`A GitHub token the fake GitHub accepts: ${SEED_TOKENS.githubClassicOk.token}`);

  mkdirSync(OUT, { recursive: true });
  const shots: string[] = [];
  const shot = async (page: Page, name: string) => {
    const path = join(OUT, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  };

  const settings = await stack.open('https://g.codefresh.io/2.0/user-settings');
  await settings.getByRole('table').waitFor();
  await shot(settings, 'codefresh-settings-before');

  let popup = await stack.popupFor(settings);
  await popup.getByLabel('Codefresh API key').waitFor();
  await shot(popup, 'popup-asks-for-api-key');
  await signIn(popup);
  await popup.getByText('Token valid').first().waitFor();
  await shot(popup, 'popup-runtimes');
  await popup.close();

  popup = await stack.popupFor(await stack.open(STAGING));
  await popup.getByText("Detected: this tab is on the runtime's host").waitFor();
  await popup.getByLabel('Git personal access token').fill(SEED_TOKENS.githubClassicOk.token);
  await popup.getByRole('button', { name: 'Check token' }).click();
  await popup.getByRole('button', { name: 'Add to staging' }).waitFor();
  await shot(popup, 'popup-token-checked');
  await popup.getByRole('button', { name: 'Add to staging' }).click();
  await popup.getByRole('region', { name: 'Results' }).getByText('Added').waitFor();
  await shot(popup, 'popup-token-added');

  await settings.reload();
  await settings.getByRole('table').waitFor();
  await shot(settings, 'codefresh-settings-after');

  console.log(`Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  if (headed) {
    console.log('Chromium stays open with the extension and the simulator. Press Ctrl-C to stop.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
  }
  await stack.close();
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
