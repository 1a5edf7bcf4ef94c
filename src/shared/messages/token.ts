import * as v from 'valibot';
import type { AppError } from '../errors';
import type { TokenValidation } from '../validation-types';
import { defineEvent, defineMessage, type WorkerEvent } from './define';

/** Pasted text is refused above this size before it is even parsed (a real PAT is < 300 chars). */
const MAX_PASTE = 4096;
const runtimeName = v.pipe(v.string(), v.minLength(1), v.maxLength(253));

export interface ValidateAnswer {
  /**
   * A handle to the token held in worker memory for this popup session. The popup clears its
   * field on send and refers to the token by this id afterwards; the token itself never comes back.
   */
  readonly draftId: string;
  readonly validation: TokenValidation;
}

/**
 * Sends a pasted token once, to be checked against the account's Git provider; the runtime names
 * the provider only for an account that has none.
 */
export const validateToken = defineMessage<ValidateAnswer>()(
  'token/validate',
  v.object({
    token: v.pipe(v.string(), v.maxLength(MAX_PASTE)),
    runtimeName: v.optional(runtimeName),
    /** Bitbucket Cloud needs the account's username or email next to API tokens and app passwords. */
    username: v.optional(v.pipe(v.string(), v.maxLength(256))),
  }),
);

export type TokenSource =
  | { readonly kind: 'draft'; readonly draftId: string }
  | { readonly kind: 'record'; readonly recordId: string };

export type RuntimeApplyResult =
  | { readonly runtimeName: string; readonly ok: true }
  | { readonly runtimeName: string; readonly ok: false; readonly error: AppError };

export interface ApplyAnswer {
  readonly results: readonly RuntimeApplyResult[];
  /** The vault record the token was saved to (or already lived in), when it was kept. */
  readonly recordId: string | null;
  /** Why keeping failed, when the user asked to keep it but the vault could not (e.g. locked). */
  readonly keepError?: AppError;
}

/** Adds a token (a fresh draft or a saved record) to the named runtimes; one result per runtime. */
export const applyToken = defineMessage<ApplyAnswer>()(
  'token/apply',
  v.object({
    source: v.variant('kind', [
      v.object({ kind: v.literal('draft'), draftId: v.pipe(v.string(), v.maxLength(64)) }),
      v.object({ kind: v.literal('record'), recordId: v.pipe(v.string(), v.maxLength(64)) }),
    ]),
    // Every runtime of a large account in one click ("Add to all 203 missing"); the request pool
    // bounds the load, and the 64 KiB message limit the size.
    runtimeNames: v.pipe(v.array(runtimeName), v.minLength(1), v.maxLength(1000)),
    keep: v.boolean(),
  }),
);

/** How far one runtime is in a batch (apply, replace everywhere, OAuth). */
export interface RuntimeProgress {
  readonly runtimeName: string;
  readonly state: 'pending' | 'running' | 'done' | 'failed';
  readonly error?: AppError;
}

/** Broadcast to extension pages while applying or replacing everywhere (no secrets inside). */
export const applyProgress = defineEvent<RuntimeProgress>()('token/apply-progress');
export type ApplyProgressEvent = WorkerEvent<typeof applyProgress>;

/** Removes the current user's token from one runtime (app-proxy `deregisterFromGitIntegration`). */
export const removeFromRuntime = defineMessage<{ readonly runtimeName: string }>()(
  'token/remove-from-runtime',
  v.object({ runtimeName }),
);

/** Forgets a draft at once (popup closed, user cancelled) instead of waiting for it to expire. */
export const discardDraft = defineMessage<{ readonly discarded: boolean }>()(
  'token/discard-draft',
  v.object({ draftId: v.pipe(v.string(), v.maxLength(64)) }),
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
