import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDeviceKeyStore } from '../../../../src/background/vault/device-key-store';

describe('device key store', () => {
  it('creates a non-extractable AES-GCM-256 key that a new store instance finds again', async () => {
    const idb = new IDBFactory();
    const store = createDeviceKeyStore(idb);
    expect(await store.get()).toBeNull();
    const key = await store.create();
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();

    const again = await createDeviceKeyStore(idb).get();
    expect(again).toBeInstanceOf(CryptoKey);
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, again!, ct))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });

  it('replaces the key on create and forgets it on delete', async () => {
    const store = createDeviceKeyStore(new IDBFactory());
    const first = await store.create();
    const second = await store.create();
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, first, new Uint8Array([9]));
    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, (await store.get())!, ct)).rejects.toThrow();
    expect(second.extractable).toBe(false);
    await store.delete();
    expect(await store.get()).toBeNull();
  });
});
