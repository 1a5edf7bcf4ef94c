import { setApiKey, signOut, switchAccount } from './account';
import type { AnyEventSpec, AnyMessageSpec, WorkerEvent } from './define';
import { checkConnection } from './diagnostics';
import { getExpiryStatus, setExpirySettings } from './expiry';
import { handleLeak } from './leak';
import { authorizeOAuth, oauthProgress } from './oauth';
import { detectRuntime, reportPage } from './page';
import { setPlatform } from './platform';
import {
  dismissRotation,
  getRotationStatus,
  resumeRotation,
  rotateNow,
  rotationFinished,
  setAutoRotation,
} from './rotation';
import { getOverrides, listRuntimes, rememberRuntime, runtimeListProgress, setOverride } from './runtimes';
import { getStatus } from './status';
import {
  applyProgress,
  applyToken,
  discardDraft,
  removeFromRuntime,
  rotateToken,
  validateToken,
} from './token';
import {
  changePassphrase,
  disablePassphrase,
  enablePassphrase,
  listSaved,
  lockVault,
  removeSaved,
  resetVault,
  setAutoLock,
  unlockVault,
} from './vault';

/**
 * Every message the worker understands. The router refuses types not listed here, and a
 * meta-test checks that each has a handler and a test.
 */
export const allMessages = [
  getStatus,
  setApiKey,
  signOut,
  switchAccount,
  setPlatform,
  listRuntimes,
  detectRuntime,
  reportPage,
  rememberRuntime,
  getOverrides,
  setOverride,
  checkConnection,
  validateToken,
  applyToken,
  removeFromRuntime,
  discardDraft,
  listSaved,
  removeSaved,
  unlockVault,
  lockVault,
  enablePassphrase,
  disablePassphrase,
  changePassphrase,
  setAutoLock,
  resetVault,
  getExpiryStatus,
  setExpirySettings,
  rotateToken,
  authorizeOAuth,
  rotateNow,
  getRotationStatus,
  resumeRotation,
  dismissRotation,
  setAutoRotation,
  handleLeak,
] as const satisfies readonly AnyMessageSpec[];

export type AnyMessage = (typeof allMessages)[number];

/** Every broadcast the worker sends to extension pages, declared like the messages above. */
export const allEvents = [
  applyProgress,
  oauthProgress,
  runtimeListProgress,
  rotationFinished,
] as const satisfies readonly AnyEventSpec[];

export type AnyWorkerEvent = WorkerEvent<(typeof allEvents)[number]>;
