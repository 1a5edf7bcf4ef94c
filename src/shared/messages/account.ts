import * as v from 'valibot';
import { defineMessage } from './define';
import type { SignedInUser } from './status';

/** A Codefresh API key is `<24 hex>.<32 chars>` today; anything far larger is not one. */
const MAX_API_KEY = 512;

/**
 * Sends the user's Codefresh API key once. The worker checks it with `me` before storing it, and
 * keeps the previous key until the new one is verified.
 */
export const setApiKey = defineMessage<SignedInUser>()(
  'account/set-api-key',
  v.object({ apiKey: v.pipe(v.string(), v.maxLength(MAX_API_KEY)) }),
);

/**
 * Forgets one account's API key (`id`: its record, from `status.accounts`; absent: the one in use)
 * and its summary; when that account was in use, another signed-in one, if any, takes its place.
 * `every`: the key of every account on the platform in use instead (access to the platform was
 * withdrawn, which concerns all of them alike). Saved Git tokens stay.
 */
export const signOut = defineMessage<{ readonly signedOut: true }>()(
  'account/sign-out',
  v.object({
    id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
    every: v.optional(v.literal(true)),
  }),
);

/** Makes another saved account's API key the one in use (`id`: its record, from `status.accounts`). */
export const switchAccount = defineMessage<SignedInUser>()(
  'account/switch',
  v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
);
