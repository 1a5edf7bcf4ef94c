import { GIT_PROVIDERS } from '../providers/registry';
import { isOnRuntimeHost } from '../shared/runtime-host';
import type { RuntimeView, TokenState } from '../shared/runtime-types';
import type { Detection, StatusView } from './popup-api';
import type { Phase, PopupState, PopupStore } from './store';

/**
 * What the popup reads itself from storage.local (browser-popup-api.ts) while the worker may still
 * be starting: the snapshot of the last runtime list (`RUNTIME_SNAPSHOT_KEY`, no secret in it).
 * Display only. Nothing here decides where a token goes: the worker looks every runtime up in its
 * own list, and its answers replace all of this.
 */
export interface LastKnown {
  readonly snapshot: unknown;
}

/**
 * The snapshot holds one list per Codefresh account (`runtimeSnapshot.v2`, account id → list): the
 * one of the account in use (`account.v1`), else nothing. Display only, as the rest of this file.
 */
export const listOfAccountInUse = (lists: unknown, summary: unknown): unknown => {
  const accountId = (summary as { accountId?: unknown } | null | undefined)?.accountId;
  if (typeof accountId !== 'string' || typeof lists !== 'object' || lists === null) return null;
  return Object.hasOwn(lists, accountId) ? (lists as Record<string, unknown>)[accountId] : null;
};

const TOKEN_KINDS = new Set(['none', 'valid', 'invalid', 'unknown']);
const HOST_ACCESS = new Set(['granted', 'missing', 'not-applicable']);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** A stored value that must be one of `allowed`, else null (as the platform's unknown enums are). */
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | null =>
  allowed.includes(value as T) ? (value as T) : null;

/** One stored row as the views may render it, or null when it is not one (a damaged entry). */
const displayable = (value: unknown): RuntimeView | null => {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const token = r.token as { kind?: unknown; reason?: unknown; message?: unknown } | null;
  if (typeof r.name !== 'string' || r.name === '' || typeof token?.kind !== 'string') return null;
  const kind = token.kind;
  if (!TOKEN_KINDS.has(kind) || !HOST_ACCESS.has(r.hostAccess as string)) return null;
  const unknown = token.kind === 'unknown';
  if (unknown && (typeof token.reason !== 'string' || typeof token.message !== 'string')) return null;
  return {
    name: r.name,
    namespace: textOrNull(r.namespace),
    cluster: textOrNull(r.cluster),
    gitProvider: oneOf(r.gitProvider, GIT_PROVIDERS),
    gitApiUrl: textOrNull(r.gitApiUrl),
    installationStatus: oneOf(r.installationStatus, ['COMPLETED', 'FAILED', 'IN_PROGRESS'] as const),
    healthStatus: textOrNull(r.healthStatus),
    accessMode: oneOf(r.accessMode, ['INGRESS', 'TUNNEL'] as const),
    appProxyOrigin: textOrNull(r.appProxyOrigin),
    hostAccess: r.hostAccess as RuntimeView['hostAccess'],
    repo: textOrNull(r.repo),
    token: (unknown ? { kind, reason: token.reason, message: token.message } : { kind }) as TokenState,
  };
};

/**
 * The first screen from the last-known list: its rows, marked stale and being refreshed, and the
 * runtime the tab shows when it is on that runtime's own host.
 * Null when there is nothing to paint.
 */
export const lastKnownScreen = (stored: LastKnown, tabUrl: string | null): Partial<PopupState> | null => {
  const rows = (stored.snapshot as { runtimes?: unknown } | null)?.runtimes;
  const runtimes = Array.isArray(rows) ? rows.flatMap((row) => displayable(row) ?? []) : [];
  if (runtimes.length === 0) return null;
  // The tab on a runtime's own host is all the popup tells alone (the worker's detection reads
  // Codefresh page addresses, page reports and the runtime used last), and it keeps the popup small.
  const onHost = tabUrl ? runtimes.filter((r) => isOnRuntimeHost(tabUrl, r.appProxyOrigin)) : [];
  const focused = onHost.length === 1 ? onHost[0]!.name : null;
  const detection: Detection | null = focused
    ? { page: 'runtime-host', runtimeName: focused, signal: 'runtime-host' }
    : null;
  return {
    phase: 'ready',
    runtimes,
    runtimesStale: true,
    runtimesLoading: true,
    detection,
    focused,
    targets: focused ? [focused] : [],
  };
};

/** The screen a status asks for instead of the runtimes (unreadable, unlock, sign-in), or null. */
export const otherScreen = (status: StatusView): Exclude<Phase, 'loading' | 'ready'> | null => {
  if (status.vault.unreadable) return 'unreadable';
  if (status.vault.locked) return 'locked';
  return status.account ? null : 'needs-api-key';
};

/**
 * The runtime in focus once the worker's detection is in: the user's pick stays, and a focus
 * painted from the last-known list (the one it detected) gives way to the worker's answer.
 */
export const focusAfterDetection = (
  state: Pick<PopupState, 'focused' | 'detection'>,
  detected: Detection,
): string | null => {
  const picked = state.focused === (state.detection?.runtimeName ?? null) ? null : state.focused;
  return picked ?? detected.runtimeName ?? null;
};

/** The state a screen other than the runtimes (sign-in, unlock) starts from: nothing painted. */
export const unpainted: Partial<PopupState> = {
  runtimes: [],
  runtimesStale: false,
  runtimesLoading: false,
  detection: null,
  focused: null,
  targets: [],
};

/**
 * Paints the last-known screen if the popup is still waiting for the worker's first answer; once
 * the status is in, the store's own flow decides (and clears this for any other screen).
 */
export const paintLastKnown = async (
  store: PopupStore,
  lastKnown: Promise<LastKnown>,
  tabUrl: Promise<string | null>,
): Promise<boolean> => {
  const [stored, url] = await Promise.all([lastKnown.catch(() => null), tabUrl.catch(() => null)]);
  const screen = stored && lastKnownScreen(stored, url);
  if (!screen || store.getState().phase !== 'loading') return false;
  store.setState(screen);
  return true;
};
