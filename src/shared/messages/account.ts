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

/** Forgets the stored API key (and the signed-in summary); saved Git tokens stay. */
export const signOut = defineMessage<{ readonly signedOut: true }>()('account/sign-out', v.object({}));
