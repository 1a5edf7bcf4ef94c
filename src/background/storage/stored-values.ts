import { isGitProvider } from '../../providers/registry';
import { toHttpsOrigin } from '../../shared/app-proxy-origin';
import type { PageReport } from '../../shared/detect-runtime';
import type { SignedInUser } from '../../shared/messages/status';
import { MAX_ROW_TEXT, MAX_ROWS } from '../../shared/runtime-in-text';
import type { RuntimeView } from '../../shared/runtime-types';

/**
 * How each value kept outside the vault is checked when read back (storage-keys.ts names which
 * parser reads which key). Anything read from storage may have been written by someone else (a
 * content script can write `storage.local` in Firefox, see storage-access.ts): a value that does
 * not parse is absent, never cast. This module imports no owner, so every owner can use it.
 */

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

export const parseString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export const parseFiniteNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** `platform.v1`: `{ origin }`, an https origin. */
export const parsePlatform = (value: unknown): { readonly origin: string } | undefined => {
  const origin = isObject(value) && typeof value.origin === 'string' ? toHttpsOrigin(value.origin) : null;
  return origin ? { origin } : undefined;
};

/** `account.v1`: who the saved API key belongs to, every field of its type. */
export const parseSignedInUser = (value: unknown): SignedInUser | undefined => {
  if (!isObject(value)) return undefined;
  const { userId, name, email, accountId, accountName, gitProvider, gitApiUrl } = value;
  const ok =
    typeof userId === 'string' &&
    typeof name === 'string' &&
    typeof email === 'string' &&
    typeof accountId === 'string' &&
    typeof accountName === 'string' &&
    (gitProvider === null || isGitProvider(gitProvider)) &&
    (gitApiUrl === null || typeof gitApiUrl === 'string');
  return ok ? { userId, name, email, accountId, accountName, gitProvider, gitApiUrl } : undefined;
};

/** A value kept per account (API key record id or Codefresh account id → value). */
export type PerAccount<T> = Readonly<Record<string, T>>;

/** A map whose entries each parse; an entry that does not is dropped, not the whole map. */
export const perAccount =
  <T>(parse: (value: unknown) => T | undefined) =>
  (value: unknown): PerAccount<T> | undefined =>
    isObject(value)
      ? Object.fromEntries(
          Object.entries(value).flatMap(([id, entry]) => {
            const parsed = parse(entry);
            return parsed === undefined ? [] : [[id, parsed] as const];
          }),
        )
      : undefined;

/** `appProxyOverrides.v1`: runtime name → https origin; an entry of any other shape is dropped. */
export const parseOverrides = (value: unknown): Readonly<Record<string, string>> | undefined =>
  isObject(value)
    ? Object.fromEntries(
        Object.entries(value).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && toHttpsOrigin(e[1]) === e[1],
        ),
      )
    : undefined;

/** A runtime list as cached, per account (`runtimeDirectory.v3`, `runtimeSnapshot.v2`). */
export interface CachedList {
  readonly at: number;
  readonly userId: string;
  /** The Codefresh account the list was read with ('' when the caller names none). */
  readonly accountId: string;
  readonly runtimes: readonly RuntimeView[];
  /**
   * Set when a write may have changed token states. The list is then read again before it is shown,
   * but `find` still uses it: hosts and providers do not change when a token is added.
   */
  readonly tokenStatesInDoubt?: true;
  /** Read from the snapshot of an earlier session: shown, but always read again. */
  readonly fromSnapshot?: true;
}

const isRuntimeView = (value: unknown): value is RuntimeView =>
  isObject(value) && typeof value.name === 'string' && isObject(value.token);

export const parseCachedList = (value: unknown): CachedList | undefined =>
  isObject(value) &&
  typeof value.at === 'number' &&
  typeof value.userId === 'string' &&
  typeof value.accountId === 'string' &&
  Array.isArray(value.runtimes) &&
  value.runtimes.every(isRuntimeView)
    ? (value as unknown as CachedList)
    : undefined;

const isRowText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_ROW_TEXT;

/** `pageReport.<tab id>`: what a Codefresh tab last reported. */
export const parsePageReport = (value: unknown): PageReport | undefined => {
  if (!isObject(value)) return undefined;
  const { url, rowTexts, focusedText } = value;
  if (typeof url !== 'string' || !Array.isArray(rowTexts) || rowTexts.length > MAX_ROWS) return undefined;
  if (!rowTexts.every(isRowText) || (focusedText !== undefined && !isRowText(focusedText))) return undefined;
  return focusedText === undefined ? { url, rowTexts } : { url, rowTexts, focusedText };
};

/** `expiry.lastNotified`: when each token was last notified about; other entries are dropped. */
export const parseLastNotified = (value: unknown): Readonly<Record<string, number>> | undefined =>
  isObject(value)
    ? Object.fromEntries(
        Object.entries(value).filter(
          (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
        ),
      )
    : undefined;

/** `policy.lastManaged`: the managed policy as last read (null: none); shared/policy.ts checks each field. */
export const parseRememberedPolicy = (value: unknown): Record<string, unknown> | null | undefined =>
  value === null ? null : isObject(value) ? value : undefined;

/** What the last context-menu action did: how many runtimes got the token, how many failed. */
export interface MenuOutcome {
  readonly added: number;
  readonly failed: number;
}

/** `badge.menuOutcome.v1`. */
export const parseMenuOutcome = (value: unknown): MenuOutcome | undefined => {
  if (!isObject(value)) return undefined;
  const { added, failed } = value;
  return isCount(added) && isCount(failed) ? { added, failed } : undefined;
};

/** Anything that is an object; its owner checks the rest (the vault's header and records). */
export const parseObject = (value: unknown): Record<string, unknown> | undefined =>
  isObject(value) ? value : undefined;
