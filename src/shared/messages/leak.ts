import * as v from 'valibot';
import type { AppError } from '../errors';
import { defineMessage } from './define';
import type { RuntimeApplyResult } from './token';

/** What happened at the Git provider; `place` names it ("GitHub (github.com)"). */
export type ProviderRevocation =
  | { readonly outcome: 'revoked' | 'already-invalid'; readonly place: string }
  /** The provider has no revocation API: the user revokes it on `link`. */
  | { readonly outcome: 'manual'; readonly place: string; readonly link: string }
  /** The request failed or was refused; the token may still work: revoke it on `link`. */
  | { readonly outcome: 'failed'; readonly place: string; readonly link: string; readonly error: AppError };

/** Another signed-in account's runtimes the token was on, each asked with that account's own key. */
export interface LeakAccountResults {
  readonly accountId: string;
  readonly accountName: string;
  /** One per runtime of that account the saved token was on; `ok` means removed from it. */
  readonly runtimes: readonly RuntimeApplyResult[];
}

export interface LeakAnswer {
  readonly provider: ProviderRevocation;
  /** One per runtime the saved token was on, in its order; `ok` means removed from it. */
  readonly runtimes: readonly RuntimeApplyResult[];
  /** The same for each other signed-in account whose runtimes the token was on (absent: none). */
  readonly otherAccounts?: readonly LeakAccountResults[];
  /** The saved copy is gone from the vault. */
  readonly forgotten: boolean;
  /** Why it could not be forgotten, when it could not. */
  readonly forgetError?: AppError;
}

/**
 * "This token leaked" (issue 24 point 2): revoke a saved token at its provider, remove it from every
 * runtime it was added to, and forget the saved copy. Each step runs whatever the others did.
 */
export const handleLeak = defineMessage<LeakAnswer>()(
  'leak/handle',
  v.object({ recordId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
);
