import * as v from 'valibot';
import {
  EXPIRY_LEAD_DAYS_MAX,
  EXPIRY_LEAD_DAYS_MIN,
  type ExpiringToken,
  type ExpirySettings,
} from '../expiry-schedule';
import { defineMessage } from './define';

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
