import { ACCOUNT_SUMMARIES_KEY, ACCOUNT_SUMMARY_KEY, RUNTIME_SNAPSHOT_KEY } from '../../shared/constants';
import { type ExpirySettings, parseExpirySettings } from '../../shared/expiry-schedule';
import { parseRecord, type StoredRecord } from '../vault/vault-layout';
import {
  type CachedList,
  type MenuOutcome,
  type PerAccount,
  parseCachedList,
  parseFiniteNumber,
  parseLastNotified,
  parseMenuOutcome,
  parseObject,
  parseOverrides,
  parsePageReport,
  parsePlatform,
  parseRememberedPolicy,
  parseSignedInUser,
  parseString,
  perAccount,
} from './stored-values';

/**
 * Every key the extension keeps, declared once (issue 21, "State declared once"): where it lives,
 * its version, how it is read back (a value that does not parse is absent), which modules may write
 * it, and when it goes. Sign-out, a platform change and **Erase and start again** clear by this
 * table (storage-clear.ts), and test/unit/meta/storage-keys.test.ts fails on a key used in src/
 * that is not declared here or has no lifetime.
 */
export type StorageArea = 'local' | 'session' | 'indexedDB' | 'popup-localStorage';
export type ClearEvent = 'sign-out' | 'platform-change' | 'erase';

export interface StoredKey<T> {
  /** The key, or for `match: 'prefix'` what every key of the family starts with. */
  readonly key: string;
  readonly match: 'exact' | 'prefix';
  readonly area: StorageArea;
  /** Bumped (in the key's name too, where it has one) when the stored shape changes. */
  readonly version: number;
  /** Checks what was read; undefined when it is absent or not of the declared shape. */
  readonly parse: (value: unknown, key: string) => T | undefined;
  /** Paths under src/ of the modules that may write it. */
  readonly writers: readonly string[];
  readonly clearedOn: readonly ClearEvent[];
  /** Why it outlives all three, when `clearedOn` is empty. */
  readonly keptBecause?: string;
  /** Removed inside the vault's own queue (token-vault.ts `reset`), never from outside it. */
  readonly vaultOwned?: true;
  /** The one other file that spells the key: the popup's, which cannot import the worker's modules. */
  readonly literalIn?: string;
  /** An older layout nothing writes any more; declared so that it is cleared, and never trusted. */
  readonly noLongerWritten?: true;
}

const ALL: readonly ClearEvent[] = ['sign-out', 'platform-change', 'erase'];
const declare = <T>(entry: StoredKey<T>): StoredKey<T> => entry;
/** A key one module writes, gone on sign-out, platform change and erase. */
const owned = <T>(key: string, area: StorageArea, v: number, parse: Parse<T>, writer: string) =>
  declare<T>({
    key,
    match: 'exact',
    area,
    version: v,
    parse,
    writers: [`background/${writer}`],
    clearedOn: ALL,
  });
type Parse<T> = StoredKey<T>['parse'];
const ACCOUNTS = 'account/account-service.ts';
const RUNTIME_CACHE = 'runtimes/runtime-cache.ts';

const VAULT_WRITERS = [
  'background/vault/key-custody.ts',
  'background/vault/record-store.ts',
  'background/vault/rekey.ts',
  'background/vault/token-vault.ts',
  'background/vault/vault-migrations.ts',
];
/** The vault's own keys: the vault checks them itself (vault-layout.ts) and reports what it cannot read. */
const vaultKey = <T>(
  key: string,
  area: StorageArea,
  parse: StoredKey<T>['parse'],
  match: 'exact' | 'prefix',
) =>
  declare<T>({
    key,
    match,
    area,
    version: 2,
    parse,
    writers: VAULT_WRITERS,
    clearedOn: ['erase'],
    vaultOwned: true,
  });

export const STORED = {
  platform: declare({
    key: 'platform.v1',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parsePlatform,
    writers: ['background/account/platform-settings.ts'],
    clearedOn: [],
    keptBecause:
      'the platform the user chose; the API key saved for it is bound to its origin (account-service.ts)',
  }),
  accountSummary: declare({
    // The popup watches it for a sign-in or sign-out made elsewhere while it is open (browser-popup-api.ts).
    key: ACCOUNT_SUMMARY_KEY,
    literalIn: 'shared/constants.ts',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseSignedInUser,
    writers: ['background/account/account-service.ts'],
    clearedOn: ALL,
  }),
  /** Several accounts (issue 24), by API key record id: the summary as the platform answered it, */
  accountVerified: owned('account.verified.v2', 'session', 2, perAccount(parseSignedInUser), ACCOUNTS),
  /** the summary for display (the popup watches it, browser-popup-api.ts), and the record in use */
  accountSummaries: declare({
    ...owned(ACCOUNT_SUMMARIES_KEY, 'local', 1, perAccount(parseSignedInUser), ACCOUNTS),
    literalIn: 'shared/constants.ts',
  }),
  /** (only ever one of the platform's own keys). */
  activeAccount: owned('account.active.v1', 'local', 1, parseString, ACCOUNTS),
  /**
   * Before the addresses were kept in the vault (app-proxy-overrides.ts, kind `app-proxy-addresses`):
   * page-writable, so no longer read; what is left of it goes with the platform.
   */
  appProxyOverrides: declare({
    key: 'appProxyOverrides.v1',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseOverrides,
    writers: [],
    clearedOn: ALL,
    noLongerWritten: true,
  }),
  lastRuntime: declare({
    key: 'ui.lastRuntime',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseString,
    writers: ['background/create-services.ts'],
    clearedOn: ALL,
  }),
  /** The runtime lists by Codefresh account id; one account's go when it is signed out of. */
  runtimeCache: owned('runtimeDirectory.v3', 'session', 3, perAccount(parseCachedList), RUNTIME_CACHE),
  runtimeSnapshot: declare<PerAccount<CachedList>>({
    key: RUNTIME_SNAPSHOT_KEY, // painted by the popup (last-known.ts); kept per snapshot-area.ts
    literalIn: 'shared/constants.ts',
    match: 'exact',
    area: 'local',
    version: 2,
    parse: perAccount(parseCachedList),
    writers: ['background/runtimes/runtime-cache.ts'],
    clearedOn: ALL,
  }),
  /** The single-account lists of before: runtime-cache.ts removes them when it writes. */
  retiredRuntimeCache: owned('runtimeDirectory.v2', 'session', 2, parseObject, RUNTIME_CACHE),
  retiredRuntimeSnapshot: owned('runtimeSnapshot.v1', 'local', 1, parseObject, RUNTIME_CACHE),
  pageReport: declare({
    key: 'pageReport.',
    match: 'prefix',
    area: 'session',
    version: 1,
    parse: parsePageReport,
    writers: ['background/runtimes/page-reports.ts'],
    clearedOn: [],
    keptBecause:
      'what a tab shows, no account data; removed when the tab closes, and with the browser session',
  }),
  /** GitLab rotations in progress (rotation-store.ts): runtime names and outcomes, no token. */
  rotationJobs: declare({
    key: 'rotation.jobs.v1',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseObject,
    writers: ['background/expiry/rotation-store.ts'],
    // Names the platform's runtimes: goes with it, as before (a job of a platform left cannot finish).
    clearedOn: ALL,
  }),
  /** Automatic rotation per saved token (auto-rotation.ts): days before expiry, last attempt. */
  autoRotation: declare({
    key: 'rotation.auto.v1',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseObject,
    writers: ['background/expiry/auto-rotation.ts'],
    // Not platform data (saved tokens are not either); keyed by saved-token id, which an erase removes.
    clearedOn: ['erase'],
  }),
  policyMemory: declare({
    key: 'policy.lastManaged',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseRememberedPolicy,
    writers: ['background/policy/policy-service.ts'],
    clearedOn: [],
    keptBecause:
      "the administrator's policy as last read, not the user's data; it must not end with an erase",
  }),
  expirySettings: declare<ExpirySettings>({
    key: 'expiry.settings',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseExpirySettings,
    writers: ['background/expiry/expiry-watch.ts'],
    clearedOn: [],
    keptBecause: "the user's warning preferences (options page), which name no token or account",
  }),
  expiryLastNotified: declare({
    key: 'expiry.lastNotified',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseLastNotified,
    writers: ['background/expiry/expiry-watch.ts'],
    // Keyed by saved-token id: the tokens go on erase (sign-out keeps Git tokens).
    clearedOn: ['erase'],
  }),
  expiryLastCheck: declare({
    key: 'expiry.lastCheckAt',
    match: 'exact',
    area: 'local',
    version: 1,
    parse: parseFiniteNumber,
    writers: ['background/expiry/expiry-watch.ts'],
    clearedOn: [],
    keptBecause: 'when the watch last ran; it names nothing',
  }),
  badgeMenuOutcome: declare<MenuOutcome>({
    key: 'badge.menuOutcome.v1',
    match: 'exact',
    area: 'session',
    version: 1,
    parse: parseMenuOutcome,
    writers: ['background/expiry/toolbar-badge.ts'],
    clearedOn: [],
    keptBecause: 'two counts shown on the badge until the popup opens; they name nothing',
  }),
  popupPreferences: declare({
    key: 'popup-preferences',
    match: 'exact',
    area: 'popup-localStorage',
    version: 1,
    parse: parseString,
    writers: ['popup/store.ts'],
    literalIn: 'popup/store.ts',
    clearedOn: [],
    keptBecause: "the popup's own choice (keep tokens or not), never a token or a result",
  }),
  vaultHeader: vaultKey('vault.header', 'local', parseObject, 'exact'),
  vaultRecord: vaultKey<StoredRecord>(
    'vault.record.',
    'local',
    (value, key) => parseRecord(value, key.slice('vault.record.'.length)) ?? undefined,
    'prefix',
  ),
  /** A new data key being put in place (rekey.ts): staged header and records beside the live ones. */
  vaultRekey: vaultKey('vault.rekey.', 'local', parseObject, 'prefix'),
  /** Schema 1 kept every record in one array; vault-migrations.ts moves it to `vault.record.*`. */
  vaultLegacyRecords: vaultKey('vault.records', 'local', (value) => value, 'exact'),
  /** The unlocked data key (passphrase mode), which wrapped key it belongs to, and the last activity. */
  vaultSessionKey: vaultKey('vault.session.dataKey', 'session', parseString, 'exact'),
  vaultSessionFor: vaultKey('vault.session.for', 'session', parseString, 'exact'),
  vaultSessionActivity: vaultKey('vault.session.activity', 'session', parseFiniteNumber, 'exact'),
  /** The device key, a non-extractable CryptoKey in IndexedDB `gtm-vault-keys`, store `keys`. */
  deviceKey: vaultKey('device', 'indexedDB', (value) => value, 'exact'),
} as const;

export const DECLARED: readonly StoredKey<unknown>[] = Object.values(STORED);

export const ROTATION_JOBS_KEY = STORED.rotationJobs.key;
export const AUTO_ROTATION_KEY = STORED.autoRotation.key;

/** The key of one member of a prefix family, e.g. `pageReport.12`. */
export const memberKey = (family: StoredKey<unknown>, suffix: string | number) => `${family.key}${suffix}`;

interface ReadableArea {
  get(key: string): Promise<Record<string, unknown>>;
}
interface WritableArea {
  set(items: Record<string, unknown>): Promise<void>;
}

/** Reads one declared key (a member key for a prefix family), parsed; undefined when absent or bad. */
export const readStored = async <T>(area: ReadableArea, entry: StoredKey<T>, key = entry.key) =>
  entry.parse((await area.get(key))[key], key);

export const writeStored = <T>(area: WritableArea, entry: StoredKey<T>, value: T, key = entry.key) =>
  area.set({ [key]: value });
