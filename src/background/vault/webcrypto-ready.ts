/**
 * webcrypto-shim (on the product card) changes only engines whose WebCrypto is prefixed: IE11's
 * `msCrypto` and old Safari's `crypto.webkitSubtle`. Every browser that runs this extension has
 * `crypto.subtle`, where the shim returns without touching anything. So it is loaded on demand,
 * exactly where it can act, and the worker does not parse 10 KB of dead code each time it wakes
 * (docs/performance.md). Every use of WebCrypto in the vault awaits `webCryptoReady()` first.
 */
import shimUrl from 'webcrypto-shim?url';

interface CryptoScope {
  readonly crypto?: { readonly subtle?: unknown; readonly webkitSubtle?: unknown };
  readonly msCrypto?: unknown;
}

export const needsWebCryptoShim = (scope: CryptoScope): boolean =>
  !scope.crypto?.subtle && Boolean(scope.crypto?.webkitSubtle || scope.msCrypto);

// Imported by address rather than as a module: Vite would otherwise wrap the `import()` in its
// page-only preload helper (about 1 KB in the worker, and it touches `document`). The file is
// copied to the build unchanged; its UMD wrapper patches `self` when loaded as a module.
const loadShim = async () => {
  await import(/* @vite-ignore */ shimUrl);
};

/** A memoised "WebCrypto is usable" promise: the shim is loaded once, only where it can act. */
export const createWebCryptoGate = (scope: CryptoScope, load: () => Promise<void>) => {
  let ready: Promise<void> | undefined;
  return (): Promise<void> => {
    ready ??= needsWebCryptoShim(scope) ? load() : Promise.resolve();
    return ready;
  };
};

export const webCryptoReady = createWebCryptoGate(globalThis as CryptoScope, loadShim);
