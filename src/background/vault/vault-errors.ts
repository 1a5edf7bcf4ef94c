import { AppFailure } from '../../shared/errors';
import { AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MIN_MINUTES, PASSPHRASE_MIN_LENGTH } from './vault-policy';

/**
 * Every failure the vault reports, with a stable code and a message that says what to do next.
 * None of them takes an argument that could carry a secret.
 */
export const vaultErrors = {
  locked: () =>
    new AppFailure(
      'vault-locked',
      'Saved tokens are locked. Unlock them with your passphrase and try again.',
    ),
  /** One message for every way an unlock can fail, so nothing hints at what was wrong. */
  wrongPassphrase: () =>
    new AppFailure('vault-wrong-passphrase', 'That passphrase did not unlock the saved tokens. Try again.'),
  recordMissing: () =>
    new AppFailure('vault-record-missing', 'That saved token no longer exists. Refresh and try again.'),
  recordUnreadable: () =>
    new AppFailure(
      'vault-record-unreadable',
      'This saved token cannot be read: it is damaged or was saved with another key. Remove it and add the token again.',
    ),
  corrupt: () =>
    new AppFailure(
      'vault-corrupt',
      'Saved tokens cannot be read on this device: the vault is damaged or its key is missing. Reset saved tokens and add them again.',
    ),
  formatUnsupported: () =>
    new AppFailure(
      'vault-format-unsupported',
      'Saved tokens were written by a newer version of this extension. Update the extension to read them.',
    ),
  kdfTooWeak: () =>
    new AppFailure(
      'vault-kdf-too-weak',
      'The vault asks for weaker passphrase protection than this extension accepts, so it was not unlocked. If you did not change it, reset saved tokens and add them again.',
    ),
  passphraseTooShort: () =>
    new AppFailure(
      'vault-passphrase-too-short',
      `Choose a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters.`,
    ),
  passphraseTooLong: () =>
    new AppFailure('vault-passphrase-too-long', 'That passphrase is too long. Choose a shorter one.'),
  notPassphraseMode: () =>
    new AppFailure('vault-no-passphrase', 'Saved tokens are not protected by a passphrase.'),
  alreadyPassphraseMode: () =>
    new AppFailure(
      'vault-passphrase-set',
      'Saved tokens already have a passphrase. Use Change passphrase instead.',
    ),
  autoLockInvalid: () =>
    new AppFailure(
      'vault-auto-lock-invalid',
      `Choose a whole number of minutes from ${AUTO_LOCK_MIN_MINUTES} to ${AUTO_LOCK_MAX_MINUTES}.`,
    ),
  secretInvalid: () =>
    new AppFailure('vault-secret-invalid', 'That token is empty or too long to save. Paste it again.'),
  metaInvalid: (field: string) =>
    new AppFailure('vault-meta-invalid', `The saved token's ${field} is not valid, so nothing was saved.`),
};
