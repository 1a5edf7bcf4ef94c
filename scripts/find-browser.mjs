// Finds a browser to drive, installing its Debian package when none is present and apt-get is
// usable. No browser is ever downloaded from anywhere else. Used by find-chromium and find-firefox.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const canUseApt = () =>
  process.platform === 'linux' &&
  typeof process.getuid === 'function' &&
  process.getuid() === 0 &&
  spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

/**
 * @param {{ name: string, envVar: string, candidates: string[], debianPackage: string }} browser
 */
export const browserFinder = ({ name, envVar, candidates, debianPackage }) => {
  const locate = () => {
    const fromEnv = process.env[envVar];
    if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
    return candidates.find((path) => existsSync(path));
  };

  /** Returns the browser's path, installing the Debian package if needed; exits with one clear line otherwise. */
  const ensure = () => {
    const found = locate();
    if (found) return found;
    if (process.env[envVar]) {
      console.error(
        `${envVar} is set to ${process.env[envVar]}, but no file is there. Fix ${envVar} or unset it.`,
      );
      process.exit(1);
    }
    if (canUseApt()) {
      console.log(`${name} not found; installing Debian package "${debianPackage}" with apt-get…`);
      execFileSync(
        'sh',
        [
          '-c',
          `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`,
        ],
        { stdio: 'inherit' },
      );
      const installed = locate();
      if (installed) return installed;
    }
    console.error(
      `No ${name} found. Install it (Debian/Ubuntu: sudo apt-get install ${debianPackage}) or set ${envVar} to its binary.`,
    );
    process.exit(1);
  };

  return { locate, ensure };
};
