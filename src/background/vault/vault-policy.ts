/**
 * Policy numbers for the vault, each in one place with its source.
 */

/**
 * PBKDF2-HMAC-SHA256 iteration floor: OWASP Password Storage Cheat Sheet
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2) and
 * Bitwarden's default client iterations (https://bitwarden.com/help/kdf-algorithms/) both say 600,000.
 * New headers use it and every unlock refuses a header below it (a downgrade check).
 */
export const PBKDF2_MIN_ITERATIONS = 600_000;

/** A header asking for more than this is refused as corrupt: it would only freeze the worker. */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;

/** Random salt per passphrase (NIST SP 800-132 asks for at least 128 bits). */
export const KDF_SALT_BYTES = 16;

/** Same floor as the `vault/enable-passphrase` message schema. */
export const PASSPHRASE_MIN_LENGTH = 8;
export const PASSPHRASE_MAX_LENGTH = 1024;

export const AUTO_LOCK_DEFAULT_MINUTES = 15;
export const AUTO_LOCK_MIN_MINUTES = 1;
export const AUTO_LOCK_MAX_MINUTES = 24 * 60;

/** Far above any Git token or API key; stops a bug from writing megabytes into storage. */
export const SECRET_MAX_LENGTH = 8 * 1024;
