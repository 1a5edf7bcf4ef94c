import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FIREFOX } from './firefox/firefox-extension';
import { DIST } from './harness';

// `npm test` builds both packages before the end-to-end step; running this suite alone builds
// whichever is missing.
export default function setup() {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) {
    execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
}
