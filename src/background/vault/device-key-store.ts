import { STORED } from '../storage/storage-keys';
import { webCryptoReady } from './webcrypto-ready';

/**
 * The device key: a random AES-GCM-256 key generated non-extractable and kept in the extension's
 * IndexedDB (a `CryptoKey` survives structured cloning there; its bytes are never readable by
 * script). It wraps the vault's data key in device mode. It hides tokens from anything that dumps
 * `storage.local`, not from someone who copies the whole profile: see SECURITY.md.
 */
export interface DeviceKeyStore {
  get(): Promise<CryptoKey | null>;
  /** Generates a fresh key and stores it, replacing any previous one. */
  create(): Promise<CryptoKey>;
  delete(): Promise<void>;
}

const STORE = 'keys';
/** Declared in storage-keys.ts (area indexedDB, cleared on erase). */
const DEVICE_KEY_ID = STORED.deviceKey.key;

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

export const createDeviceKeyStore = (
  factory: IDBFactory = indexedDB,
  dbName = 'gtm-vault-keys',
): DeviceKeyStore => {
  let db: Promise<IDBDatabase> | null = null;
  const openDb = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const opened = request.result;
        opened.onversionchange = () => {
          opened.close();
          db = null;
        };
        resolve(opened);
      };
      request.onerror = () => {
        db = null;
        reject(request.error);
      };
    });
    return db;
  };

  return {
    async get() {
      const tx = (await openDb()).transaction(STORE, 'readonly');
      const value = await done(tx.objectStore(STORE).get(DEVICE_KEY_ID));
      return value instanceof CryptoKey ? value : null;
    },
    async create() {
      await webCryptoReady();
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      const tx = (await openDb()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(key, DEVICE_KEY_ID);
      await committed(tx);
      return key;
    },
    async delete() {
      const tx = (await openDb()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(DEVICE_KEY_ID);
      await committed(tx);
    },
  };
};
