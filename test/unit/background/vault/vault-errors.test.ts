import { describe, expect, it } from 'vitest';
import { vaultErrors } from '../../../../src/background/vault/vault-errors';

describe('vault errors', () => {
  it('each has its code and a whole sentence from the catalogue, policy numbers filled in', () => {
    const shown = Object.fromEntries(
      Object.entries(vaultErrors).map(([name, make]) => {
        const { code, message } = make().appError;
        return [name, `${code}: ${message}`];
      }),
    );
    expect(shown).toEqual({
      locked: 'vault-locked: Saved tokens are locked. Unlock them with your passphrase and try again.',
      wrongPassphrase: 'vault-wrong-passphrase: That passphrase did not unlock the saved tokens. Try again.',
      recordMissing: 'vault-record-missing: That saved token no longer exists. Refresh and try again.',
      recordUnreadable:
        'vault-record-unreadable: This saved token cannot be read: it is damaged or was saved with another key. Remove it and add the token again.',
      corrupt:
        'vault-corrupt: Saved tokens cannot be read on this device: the vault is damaged or its key is missing. Choose Erase and start again, then add them again.',
      formatUnsupported:
        'vault-format-unsupported: Saved tokens were written by a newer version of this extension. Update the extension to read them.',
      kdfTooWeak:
        'vault-kdf-too-weak: The vault asks for weaker passphrase protection than this extension accepts, so it was not unlocked. If you did not change it, reset saved tokens and add them again.',
      passphraseTooShort: 'vault-passphrase-too-short: Choose a passphrase of at least 8 characters.',
      passphraseTooLong: 'vault-passphrase-too-long: That passphrase is too long. Choose a shorter one.',
      notPassphraseMode: 'vault-no-passphrase: Saved tokens are not protected by a passphrase.',
      alreadyPassphraseMode:
        'vault-passphrase-set: Saved tokens already have a passphrase. Use Change passphrase instead.',
      autoLockInvalid: 'vault-auto-lock-invalid: Choose a whole number of minutes from 1 to 1440.',
      secretInvalid: 'vault-secret-invalid: That token is empty or too long to save. Paste it again.',
      metaInvalid: "vault-meta-invalid: The saved token's details is not valid, so nothing was saved.",
    });
  });
});
