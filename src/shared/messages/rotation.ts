import * as v from 'valibot';
import type { AppError } from '../errors';
import { defineEvent, defineMessage, type WorkerEvent } from './define';
import type { RuntimeApplyResult } from './token';

/**
 * A GitLab self-rotation in progress or left unfinished (src/background/expiry/rotation-job.ts). Metadata
 * only: the new token lives in the vault record, never here.
 * - `rotating`: GitLab was asked; the answer was not yet saved.
 * - `registering`: saved; being put on the runtimes.
 * - `needs-retry`: some runtimes refused it even after a retry.
 * - `interrupted`: the worker stopped before GitLab's answer was saved; it is not asked again.
 */
export interface RotationJobView {
  readonly recordId: string;
  readonly phase: 'rotating' | 'registering' | 'needs-retry' | 'interrupted';
  readonly runtimes: readonly string[];
  /** One per runtime with an outcome so far. */
  readonly results: readonly RuntimeApplyResult[];
  readonly startedAt: number;
  /** Started by the automatic rotation, not from the popup. */
  readonly auto: boolean;
}

export interface RotationAnswer {
  readonly results: readonly RuntimeApplyResult[];
  /** The new token's expiry (ISO). */
  readonly expiresAt: string;
  /** Set when the job is kept for a retry (some runtime refused). */
  readonly pending: boolean;
  /** Why the new token could not be saved in the vault (it was still put on the runtimes). */
  readonly keepError?: AppError;
}

export interface RotationStatusView {
  readonly jobs: readonly RotationJobView[];
  /** Saved token id → days before expiry to rotate it automatically. */
  readonly auto: Readonly<Record<string, number>>;
}

/** The automatic rotation's lead time, in days before expiry. */
export const AUTO_ROTATE_DAYS_MIN = 1;
export const AUTO_ROTATE_DAYS_MAX = 60;

const recordId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** Rotates a saved GitLab token at GitLab and puts the new one on every runtime the old one was on. */
export const rotateNow = defineMessage<RotationAnswer>()('rotation/rotate', v.object({ recordId }));

/** Unfinished rotations and the automatic-rotation settings. */
export const getRotationStatus = defineMessage<RotationStatusView>()('rotation/status', v.object({}));

/** Finishes an unfinished rotation with the saved new token (never asks GitLab again). */
export const resumeRotation = defineMessage<RotationAnswer>()('rotation/resume', v.object({ recordId }));

/** Forgets an interrupted rotation's record once the user has read what it says. */
export const dismissRotation = defineMessage<{ readonly dismissed: true }>()(
  'rotation/dismiss',
  v.object({ recordId }),
);

/** `days` null: off (the default). */
export const setAutoRotation = defineMessage<RotationStatusView>()(
  'rotation/set-auto',
  v.object({
    recordId,
    days: v.nullable(
      v.pipe(v.number(), v.integer(), v.minValue(AUTO_ROTATE_DAYS_MIN), v.maxValue(AUTO_ROTATE_DAYS_MAX)),
    ),
  }),
);

/**
 * Broadcast when the worker finished, on its own, a rotation a stopped worker had left (at its next
 * start, or once the passphrase vault is unlocked): open pages show the outcome as if Finish
 * rotation had been clicked. Metadata only, as `RotationAnswer`.
 */
export const rotationFinished = defineEvent<{ readonly recordId: string; readonly answer: RotationAnswer }>()(
  'rotation/finished',
);
export type RotationFinishedEvent = WorkerEvent<typeof rotationFinished>;
