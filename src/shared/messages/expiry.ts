import * as v from 'valibot';
import type { AppError } from '../errors';
import {
  EXPIRY_LEAD_DAYS_MAX,
  EXPIRY_LEAD_DAYS_MIN,
  type ExpiringToken,
  type ExpirySettings,
} from '../expiry-schedule';
import { defineMessage } from './define';
import type { RuntimeApplyResult } from './token';

/** Pasted text is refused above this size before it is even parsed (as for `token/validate`). */
const MAX_PASTE = 4096;

export interface ExpiryStatusView {
  /** Saved tokens expired or due within the lead time, soonest first. */
  readonly expiring: readonly ExpiringToken[];
  /** Runtimes where Codefresh marks the user's token invalid (empty when they could not be read). */
  readonly invalidRuntimes: readonly string[];
  readonly settings: ExpirySettings;
}

/** What is expiring and how the watch is set; also refreshes the toolbar badge. */
export const getExpiryStatus = defineMessage<ExpiryStatusView>()('expiry/status', v.object({}));

/** Sets how many days ahead tokens warn, and whether the watch may raise notifications. */
export const setExpirySettings = defineMessage<ExpirySettings>()(
  'expiry/set-settings',
  v.object({
    leadDays: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(EXPIRY_LEAD_DAYS_MIN),
      v.maxValue(EXPIRY_LEAD_DAYS_MAX),
    ),
    notifications: v.boolean(),
  }),
);

export interface RotateAnswer {
  /** One result per runtime the old token was saved for, in the record's order. */
  readonly results: readonly RuntimeApplyResult[];
  /** True when every runtime took the new token and the saved record now holds it (same id). */
  readonly replaced: boolean;
  /**
   * When only some runtimes took the new token: the record it was saved to, listing those
   * runtimes (the old record is left as it was). Null otherwise.
   */
  readonly newRecordId: string | null;
  /** Why the new token could not be saved after it was added (e.g. the vault locked meanwhile). */
  readonly keepError?: AppError;
}

/**
 * Replace everywhere: sends a new token once, to replace a saved one on every runtime that uses it.
 * A different owner than the saved token's must be confirmed (`confirmDifferentOwner`).
 */
export const rotateToken = defineMessage<RotateAnswer>()(
  'token/rotate',
  v.object({
    oldRecordId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    token: v.pipe(v.string(), v.maxLength(MAX_PASTE)),
    /** Bitbucket Cloud: the username or email beside the token; defaults to the saved one's. */
    username: v.optional(v.pipe(v.string(), v.maxLength(256))),
    confirmDifferentOwner: v.boolean(),
  }),
);
