/**
 * webcrypto-shim (on the product card) changes only engines whose WebCrypto is prefixed: IE11's
 * `msCrypto` and old Safari's `crypto.webkitSubtle`. Every browser that runs this extension has
 * `crypto.subtle`, where the shim returns without touching anything. So it is loaded on demand,
 * exactly where it can act, and the worker does not parse 10 KB of dead code each time it wakes
 * (docs/performance.md). Every use of WebCrypto in the vault awaits `webCryptoReady()` first.
 */
interface CryptoScope {
  readonly crypto?: { readonly subtle?: unknown; readonly webkitSubtle?: unknown };
  readonly msCrypto?: unknown;
}

export const needsWebCryptoShim = (scope: CryptoScope): boolean =>
  !scope.crypto?.subtle && Boolean(scope.crypto?.webkitSubtle || scope.msCrypto);

const loadShim = async () => {
  // Where the build puts the shim, byte for byte (vite.config.ts `vendorScript`), rather than a
  // bundled chunk: Vite would wrap a chunk's `import()` in its page-only preload helper (about 1 KB
  // in the worker, and it touches `document`). Vite leaves an `import()` of a local constant alone,
  // and the minifier then writes the path into the call, so Mozilla's linter sees a fixed path.
  // The shim's UMD wrapper patches `self` when loaded as a module.
  const path = '/vendor/webcrypto-shim.js';
  await import(/* @vite-ignore */ path);
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
