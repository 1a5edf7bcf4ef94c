import type { DeviceKeyStore } from './device-key-store';
import { importDataKey, newDataKeyBytes } from './envelope';
import type { KeyCustody } from './key-custody';
import { checkEnteredPassphrase, checkNewPassphrase } from './key-wrapping';
import type { createRekey } from './rekey';
import { vaultErrors } from './vault-errors';
import type { VaultHeader } from './vault-layout';
import { AUTO_LOCK_DEFAULT_MINUTES } from './vault-policy';

export interface PassphraseModesDeps {
  readonly custody: KeyCustody;
  readonly rekey: ReturnType<typeof createRekey>;
  readonly keyStore: DeviceKeyStore;
  readonly schemaVersion: number;
}

/**
 * Turning the passphrase on, off, or changing it. Every method runs inside the vault's queue.
 * Turning it on or changing it puts a new data key in place and re-encrypts every record under it
 * (`rekey.ts`): a copy of the profile taken before cannot read what is written after.
 */
export const createPassphraseModes = ({ custody, rekey, keyStore, schemaVersion }: PassphraseModesDeps) => {
  /** Commits `header` (wrapping `raw`, a new data key) with every record moved from `oldKey`. */
  const moveTo = async (raw: Uint8Array<ArrayBuffer>, header: VaultHeader, oldKey: CryptoKey | null) => {
    try {
      if (oldKey) await rekey.run(oldKey, await importDataKey(raw), header);
      else await custody.writeHeader(header);
    } catch (error) {
      raw.fill(0);
      throw error;
    }
    await custody.holdDataKey(raw, header);
  };

  return {
    async enable(passphrase: string) {
      checkNewPassphrase(passphrase);
      const current = await custody.readHeader();
      if (current?.mode === 'passphrase') throw vaultErrors.alreadyPassphraseMode();
      const oldKey = current ? await custody.dataKeyFor(current) : null;
      const raw = newDataKeyBytes();
      const header: VaultHeader = {
        schema: schemaVersion,
        mode: 'passphrase',
        ...(await custody.wrapping.wrapForPassphrase(raw, passphrase)),
        autoLockMinutes: current?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES,
      };
      await moveTo(raw, header, oldKey);
      // The device key wraps nothing any more; dropping it is hygiene, so a failure is ignored.
      await keyStore.delete().catch(() => {});
    },

    async disable(passphrase: string) {
      checkEnteredPassphrase(passphrase);
      const current = await custody.readHeader();
      if (current?.mode !== 'passphrase') throw vaultErrors.notPassphraseMode();
      const raw = await custody.wrapping.openWithPassphrase(current, passphrase);
      const header: VaultHeader = {
        schema: schemaVersion,
        mode: 'device',
        dataKey: await custody.wrapping.wrapForDevice(raw),
        kdf: null,
        autoLockMinutes: current.autoLockMinutes,
      };
      await custody.writeHeader(header);
      await custody.forgetKey();
      await custody.holdDataKey(raw, header);
    },

    async change(oldPassphrase: string, newPassphrase: string) {
      checkEnteredPassphrase(oldPassphrase);
      checkNewPassphrase(newPassphrase);
      const current = await custody.readHeader();
      if (current?.mode !== 'passphrase') throw vaultErrors.notPassphraseMode();
      const oldRaw = await custody.wrapping.openWithPassphrase(current, oldPassphrase);
      const oldKey = await importDataKey(oldRaw);
      oldRaw.fill(0);
      const raw = newDataKeyBytes();
      const header: VaultHeader = {
        ...current,
        ...(await custody.wrapping.wrapForPassphrase(raw, newPassphrase)),
      };
      await moveTo(raw, header, oldKey);
    },
  };
};
