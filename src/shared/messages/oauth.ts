import * as v from 'valibot';
import { OAUTH_BATCH_MAX } from '../oauth-providers';
import { defineEvent, defineMessage, type WorkerEvent } from './define';
import type { RuntimeApplyResult, RuntimeProgress } from './token';

export {
  OAUTH_PROVIDER_PATHS,
  type OAuthProviderPath,
  oauthProviderLabel,
  oauthProviderPath,
} from '../oauth-providers';

const runtimeName = v.pipe(v.string(), v.minLength(1), v.maxLength(253));

export interface OAuthAnswer {
  /** One per runtime, in the order asked; a failure's message offers the token path. */
  readonly results: readonly RuntimeApplyResult[];
}

/**
 * Runs the runtime's Git OAuth flow for each named runtime, one after another, each in its own
 * tab (each needs the user's consent); answers when all are done.
 */
export const authorizeOAuth = defineMessage<OAuthAnswer>()(
  'oauth/authorize',
  v.object({ runtimeNames: v.pipe(v.array(runtimeName), v.minLength(1), v.maxLength(OAUTH_BATCH_MAX)) }),
);

/** Broadcast to extension pages while authorizing, one runtime at a time (no secrets inside). */
export const oauthProgress = defineEvent<RuntimeProgress>()('oauth/progress');
export type OAuthProgressEvent = WorkerEvent<typeof oauthProgress>;
