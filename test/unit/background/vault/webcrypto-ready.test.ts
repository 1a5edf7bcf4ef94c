import { describe, expect, it } from 'vitest';
import { createWebCryptoGate, needsWebCryptoShim } from '../../../../src/background/vault/webcrypto-ready';

describe('needsWebCryptoShim', () => {
  it('leaves native WebCrypto alone, as every MV3 browser has it', () => {
    expect(needsWebCryptoShim({ crypto: { subtle: {} } })).toBe(false);
    expect(needsWebCryptoShim(globalThis)).toBe(false);
  });

  it('asks for the shim on the engines it patches: prefixed Safari and IE11', () => {
    expect(needsWebCryptoShim({ crypto: { webkitSubtle: {} } })).toBe(true);
    expect(needsWebCryptoShim({ msCrypto: {} })).toBe(true);
  });

  it('does not load it where there is no WebCrypto at all, since the shim cannot help there', () => {
    expect(needsWebCryptoShim({})).toBe(false);
    expect(needsWebCryptoShim({ crypto: {} })).toBe(false);
  });
});

describe('createWebCryptoGate', () => {
  const countingLoader = () => {
    const loader = { calls: 0, load: async () => void loader.calls++ };
    return loader;
  };

  it('never loads the shim on a native engine', async () => {
    const loader = countingLoader();
    const ready = createWebCryptoGate({ crypto: { subtle: {} } }, loader.load);
    await Promise.all([ready(), ready()]);
    expect(loader.calls).toBe(0);
  });

  it('loads it once on a prefixed engine, however many callers wait', async () => {
    const loader = countingLoader();
    const ready = createWebCryptoGate({ crypto: { webkitSubtle: {} } }, loader.load);
    await Promise.all([ready(), ready(), ready()]);
    await ready();
    expect(loader.calls).toBe(1);
  });

  it('passes on a failure to load, so the vault reports it instead of using a half-patched API', async () => {
    const ready = createWebCryptoGate({ msCrypto: {} }, () => Promise.reject(new Error('chunk missing')));
    await expect(ready()).rejects.toThrow('chunk missing');
  });
});
