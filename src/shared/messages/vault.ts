import * as v from 'valibot';
import type { GitProvider } from '../runtime-types';
import { defineMessage } from './define';

/** A saved Git token as extension pages see it: metadata only, never the secret. */
export interface SavedToken {
  readonly id: string;
  readonly provider: GitProvider | null;
  readonly apiUrl: string;
  readonly login: string | null;
  readonly tokenType: string;
  readonly scopes: readonly string[] | null;
  readonly lastFour: string;
  readonly expiresAt: string | null;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly runtimes: readonly string[];
  /** The other signed-in accounts (by account id) whose runtimes use this token too, with those runtimes. */
  readonly otherAccounts?: readonly { readonly accountId: string; readonly runtimes: readonly string[] }[];
  /**
   * The origin this token is sent to, when the browser no longer grants it (access withdrawn): the
   * token is kept, not used, and the popup offers to allow access again or to forget it.
   */
  readonly needsAccess?: string;
  /** Set when the record cannot be decrypted; the UI offers to remove it. */
  readonly unreadable?: { readonly message: string };
}

const recordId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** Long enough for a generous passphrase; far below anything that could hurt the KDF. */
const passphrase = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));

export const listSaved = defineMessage<readonly SavedToken[]>()('vault/list', v.object({}));

export const removeSaved = defineMessage<{ readonly removed: true }>()(
  'vault/remove',
  v.object({ recordId }),
);

export const unlockVault = defineMessage<{ readonly unlocked: true }>()(
  'vault/unlock',
  v.object({ passphrase }),
);

export const lockVault = defineMessage<{ readonly locked: true }>()('vault/lock', v.object({}));

/** Switches to passphrase mode; records are re-wrapped, none is lost. */
export const enablePassphrase = defineMessage<{ readonly mode: 'passphrase' }>()(
  'vault/enable-passphrase',
  v.object({ passphrase: v.pipe(passphrase, v.minLength(8)) }),
);

export const disablePassphrase = defineMessage<{ readonly mode: 'device' }>()(
  'vault/disable-passphrase',
  v.object({ passphrase }),
);

export const changePassphrase = defineMessage<{ readonly changed: true }>()(
  'vault/change-passphrase',
  v.object({ oldPassphrase: passphrase, newPassphrase: v.pipe(passphrase, v.minLength(8)) }),
);

export const setAutoLock = defineMessage<{ readonly autoLockMinutes: number }>()(
  'vault/set-auto-lock',
  v.object({ minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)) }),
);

/**
 * Erases every saved token, the API key and the vault's keys: the way out after a forgotten
 * passphrase or an unreadable vault. The tokens stay on the runtimes; only this device forgets them.
 */
export const resetVault = defineMessage<{ readonly erased: true }>()(
  'vault/reset',
  v.object({ confirm: v.literal('erase everything') }),
);
