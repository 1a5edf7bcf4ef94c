import { setApiKey, signOut } from './account';
import type { AnyMessageSpec } from './define';
import { checkConnection } from './diagnostics';
import { getExpiryStatus, setExpirySettings } from './expiry';
import { authorizeOAuth } from './oauth';
import { setPlatform } from './platform';
import { dismissRotation, getRotationStatus, resumeRotation, rotateNow, setAutoRotation } from './rotation';
import {
  detectRuntime,
  getOverrides,
  listRuntimes,
  rememberRuntime,
  reportPage,
  setOverride,
} from './runtimes';
import { getStatus } from './status';
import { applyToken, discardDraft, removeFromRuntime, rotateToken, validateToken } from './token';
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
] as const satisfies readonly AnyMessageSpec[];

export type AnyMessage = (typeof allMessages)[number];
