import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MIN_MINUTES, PASSPHRASE_MIN_LENGTH } from './vault-policy';

/**
 * Every failure the vault reports, with a stable code and a message that says what to do next.
 * None of them takes an argument that could carry a secret.
 */
export const vaultErrors = {
  locked: () => new AppFailure('vault-locked', text('vaultLocked')),
  /** One message for every way an unlock can fail, so nothing hints at what was wrong. */
  wrongPassphrase: () => new AppFailure('vault-wrong-passphrase', text('vaultWrongPassphrase')),
  recordMissing: () => new AppFailure('vault-record-missing', text('vaultRecordMissing')),
  recordUnreadable: () => new AppFailure('vault-record-unreadable', text('vaultRecordUnreadable')),
  corrupt: () => new AppFailure('vault-corrupt', text('vaultCorrupt')),
  formatUnsupported: () => new AppFailure('vault-format-unsupported', text('vaultFormatUnsupported')),
  kdfTooWeak: () => new AppFailure('vault-kdf-too-weak', text('vaultKdfTooWeak')),
  passphraseTooShort: () =>
    new AppFailure('vault-passphrase-too-short', text('vaultPassphraseTooShort', [PASSPHRASE_MIN_LENGTH])),
  passphraseTooLong: () => new AppFailure('vault-passphrase-too-long', text('vaultPassphraseTooLong')),
  notPassphraseMode: () => new AppFailure('vault-no-passphrase', text('vaultNotPassphraseMode')),
  alreadyPassphraseMode: () => new AppFailure('vault-passphrase-set', text('vaultAlreadyPassphraseMode')),
  autoLockInvalid: () =>
    new AppFailure(
      'vault-auto-lock-invalid',
      text('vaultAutoLockInvalid', [AUTO_LOCK_MIN_MINUTES, AUTO_LOCK_MAX_MINUTES]),
    ),
  secretInvalid: () => new AppFailure('vault-secret-invalid', text('vaultSecretInvalid')),
  metaInvalid: () => new AppFailure('vault-meta-invalid', text('vaultMetaInvalid')),
};
