import browser from 'webextension-polyfill';
import { openRotation } from '../browser/browser-actions';
import { expiryListeners } from './expiry-listeners';
import type { ExpiryRouteDeps } from './expiry-routes';
import { createExpiryWatch, type ExpiryWatchDeps } from './expiry-watch';
import { createReplaceEverywhere, type ReplaceEverywhereDeps } from './replace-everywhere';
import { rotateUnderPolicy } from './rotate-under-policy';
import { createToolbarBadge, type ToolbarBadgeDeps } from './toolbar-badge';

export interface ExpiryWiringDeps extends ReplaceEverywhereDeps {
  readonly listTokens: ExpiryWatchDeps['listTokens'];
  readonly listRuntimeStates: NonNullable<ExpiryWatchDeps['listRuntimeStates']>;
  readonly storage: ExpiryWatchDeps['storage'];
  readonly session: ToolbarBadgeDeps['session'];
  /** Rotation saves the new token: a policy that forbids keeping tokens forbids it. */
  readonly keepingAllowed: () => Promise<boolean>;
}

/**
 * The expiry feature's object graph: the toolbar badge (one owner; the expiry watch and the menu
 * only report their inputs), the alarm-driven watch with its browser listeners, and Replace
 * everywhere behind the policy.
 */
export const createExpiry = (deps: ExpiryWiringDeps) => {
  const badge = createToolbarBadge({ action: browser.action, session: deps.session });
  const watch = createExpiryWatch({
    listTokens: deps.listTokens,
    listRuntimeStates: deps.listRuntimeStates,
    alarms: browser.alarms,
    badge,
    notifications: browser.notifications,
    storage: deps.storage,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    openRotation,
  });
  const replace = createReplaceEverywhere(deps);
  const routes: ExpiryRouteDeps = {
    watch,
    badge,
    rotate: rotateUnderPolicy(replace.rotate, deps.keepingAllowed),
  };
  return { badge, watch, routes, listeners: expiryListeners(watch) };
};
