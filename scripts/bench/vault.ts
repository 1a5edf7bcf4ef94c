/**
 * Vault micro-benchmark, runnable in Node (`npx tsx scripts/bench/vault.ts`): per-record
 * encrypt and decrypt with the envelope functions the worker uses, and a full passphrase unlock
 * through the vault at the production PBKDF2 iteration count, over in-memory storage. Each figure
 * is the median of RUNS runs.
 */
import './node-extension-stub';
import { pathToFileURL } from 'node:url';
import type { DeviceKeyStore } from '../../src/background/vault/device-key-store';
import {
  importDataKey,
  newDataKeyBytes,
  openText,
  recordAad,
  sealText,
} from '../../src/background/vault/envelope';
import { createTokenVault } from '../../src/background/vault/token-vault';
import type { StorageAreaLike } from '../../src/background/vault/vault-types';

const RUNS = 7;
const RECORDS_PER_RUN = 200;
/** A made-up token of realistic length; never a real credential. */
const SECRET = `ghp_${'B'.repeat(36)}`;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const memoryStorage = (): StorageAreaLike => {
  const items = new Map<string, unknown>();
  return {
    async get(keys) {
      const wanted = keys == null ? [...items.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(
        wanted.filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))]),
      );
    },
    async set(values) {
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) items.delete(k);
    },
  };
};

const memoryKeyStore = (): DeviceKeyStore => {
  let key: CryptoKey | null = null;
  return {
    get: async () => key,
    async create() {
      key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      return key;
    },
    async delete() {
      key = null;
    },
  };
};

const recordMeta = (i: number) => ({
  id: `bench-${i}`,
  kind: 'git-token',
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
});

export async function benchVault(): Promise<{
  vaultEncryptMs: number;
  vaultDecryptMs: number;
  vaultUnlockMs: number;
}> {
  const key = await importDataKey(newDataKeyBytes());
  const encrypt: number[] = [];
  const decrypt: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const sealed: string[] = [];
    let start = performance.now();
    for (let i = 0; i < RECORDS_PER_RUN; i++)
      sealed.push(await sealText(key, SECRET, recordAad(recordMeta(i))));
    encrypt.push((performance.now() - start) / RECORDS_PER_RUN);
    start = performance.now();
    for (let i = 0; i < RECORDS_PER_RUN; i++) {
      if ((await openText(key, sealed[i], recordAad(recordMeta(i)))) !== SECRET)
        throw new Error('round trip failed');
    }
    decrypt.push((performance.now() - start) / RECORDS_PER_RUN);
  }

  // Production settings: no kdfIterations and no test floor, so PBKDF2 runs 600,000 iterations.
  const vault = createTokenVault({
    storage: memoryStorage(),
    session: memoryStorage(),
    keyStore: memoryKeyStore(),
    alarms: { create: () => undefined, clear: async () => true },
  });
  const passphrase = 'bench passphrase, not a secret';
  await vault.enablePassphrase(passphrase);
  const unlock: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await vault.lock();
    const start = performance.now();
    await vault.unlock(passphrase);
    unlock.push(performance.now() - start);
  }

  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    vaultEncryptMs: round(median(encrypt)),
    vaultDecryptMs: round(median(decrypt)),
    vaultUnlockMs: round(median(unlock)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchVault(), null, 2));
}
