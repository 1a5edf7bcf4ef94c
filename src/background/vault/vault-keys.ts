import { memberKey, STORED } from '../storage/storage-keys';

/**
 * The vault's storage keys, as declared in storage-keys.ts: one key per record, so two writers
 * never rewrite the same value; the header holds the schema version, the mode and the wrapped data key.
 */
export const HEADER_KEY = STORED.vaultHeader.key;
export const RECORD_PREFIX = STORED.vaultRecord.key;
export const recordKey = (id: string) => memberKey(STORED.vaultRecord, id);

/**
 * A new data key being put in place (`rekey.ts`): the records re-encrypted under it and the header
 * that will hold it, staged beside the live ones until the header is swapped.
 */
export const REKEY_PREFIX = STORED.vaultRekey.key;
export const REKEY_HEADER_KEY = memberKey(STORED.vaultRekey, 'header');
export const stagedRecordKey = (id: string) => memberKey(STORED.vaultRekey, `record.${id}`);

/** Schema 1 kept every record in one array, so two concurrent writers could lose a record. */
export const LEGACY_RECORDS_KEY = STORED.vaultLegacyRecords.key;

/** `storage.session` keys (trusted contexts only; cleared when the browser closes). */
export const SESSION_KEY = STORED.vaultSessionKey.key;
/** Which wrapped data key the session copy belongs to, so a stale copy is never used. */
export const SESSION_FOR = STORED.vaultSessionFor.key;
export const SESSION_ACTIVITY = STORED.vaultSessionActivity.key;
