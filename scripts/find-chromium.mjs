// Finds a Chromium to drive, installing Debian's package when none is present and apt-get is usable.
// No browser is ever downloaded from anywhere else. Used by the test runner, the demo and the bench.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Branded Google Chrome 137+ ignores --load-extension, so plain Chromium builds come first.
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const locateChromium = () => {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
};

const canUseApt = () =>
  process.platform === 'linux' &&
  typeof process.getuid === 'function' &&
  process.getuid() === 0 &&
  spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

/** Returns a Chromium path, installing Debian's `chromium` if needed; exits with one clear line otherwise. */
export const ensureChromium = () => {
  const found = locateChromium();
  if (found) return found;
  if (process.env.CHROME_PATH) {
    console.error(
      `CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there. Fix CHROME_PATH or unset it.`,
    );
    process.exit(1);
  }
  if (canUseApt()) {
    console.log('Chromium not found; installing Debian package "chromium" with apt-get…');
    execFileSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
      {
        stdio: 'inherit',
      },
    );
    const installed = locateChromium();
    if (installed) return installed;
  }
  console.error(
    'No Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to a Chromium binary.',
  );
  process.exit(1);
};

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
