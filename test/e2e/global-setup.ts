import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './harness';

// `npm test` builds before the end-to-end step; running this suite alone builds if needed.
export default function setup() {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
}
