import type { DeviceKeyStore } from './device-key-store';
import { newDataKeyBytes } from './envelope';
import type { KeyCustody } from './key-custody';
import { checkEnteredPassphrase, checkNewPassphrase } from './key-wrapping';
import { vaultErrors } from './vault-errors';
import type { VaultHeader } from './vault-layout';
import { AUTO_LOCK_DEFAULT_MINUTES } from './vault-policy';

export interface PassphraseModesDeps {
  readonly custody: KeyCustody;
  readonly keyStore: DeviceKeyStore;
  readonly schemaVersion: number;
}

/** Turning the passphrase on, off, or changing it. Every method runs inside the vault's queue. */
export const createPassphraseModes = ({ custody, keyStore, schemaVersion }: PassphraseModesDeps) => ({
  async enable(passphrase: string) {
    checkNewPassphrase(passphrase);
    const current = await custody.readHeader();
    if (current?.mode === 'passphrase') throw vaultErrors.alreadyPassphraseMode();
    const raw = current ? await custody.wrapping.openWithDevice(current) : newDataKeyBytes();
    const header: VaultHeader = {
      schema: schemaVersion,
      mode: 'passphrase',
      ...(await custody.wrapping.wrapForPassphrase(raw, passphrase)),
      autoLockMinutes: current?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES,
    };
    await custody.writeHeader(header);
    await custody.holdDataKey(raw, header);
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
    await custody.lockNow();
    await custody.holdDataKey(raw, header);
  },

  async change(oldPassphrase: string, newPassphrase: string) {
    checkEnteredPassphrase(oldPassphrase);
    checkNewPassphrase(newPassphrase);
    const current = await custody.readHeader();
    if (current?.mode !== 'passphrase') throw vaultErrors.notPassphraseMode();
    const raw = await custody.wrapping.openWithPassphrase(current, oldPassphrase);
    const header: VaultHeader = {
      ...current,
      ...(await custody.wrapping.wrapForPassphrase(raw, newPassphrase)),
    };
    await custody.writeHeader(header);
    await custody.holdDataKey(raw, header);
  },
});
