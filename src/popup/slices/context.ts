import type { PopupApi } from '../popup-api';
import type { BatchContext } from '../run-batch';
import type { PopupActions, PopupState } from '../store';

export type Text = (key: string, subs?: string | string[]) => string;
export type ProgressState = 'pending' | 'running' | 'done' | 'failed';
export type SetPopupState = (partial: Partial<PopupState> | ((s: PopupState) => Partial<PopupState>)) => void;

/** Where the last apply's token came from, so a failed runtime can be retried alone with the same one. */
export type ApplySource = 'draft' | { readonly recordId: string };

/** The worker's lists the popup reads again after a change (loaders.ts). */
export interface Loaders {
  /** The popup starts over (status first): answers to reads started before are dropped. */
  restart(): void;
  /** The tab the popup opened on: a refresh asks its runtime's app-proxy first. */
  setPage(url: string | null): void;
  runtimes(refresh: boolean): Promise<void>;
  saved(): Promise<void>;
  expiring(): Promise<void>;
  /** Runtimes (refreshed), saved tokens and the expiry watch, at once. */
  all(): Promise<void>;
}

/**
 * What every slice of the popup store is built from (zustand's slices pattern: each slice a small
 * module creating its part of the state and actions; store.ts combines them).
 */
export interface SliceContext {
  readonly api: PopupApi;
  readonly text: Text;
  get(): PopupState & PopupActions;
  readonly set: SetPopupState;
  /** The whole store's first state: signing out, locking or erasing returns to it. */
  readonly initial: PopupState;
  readonly load: Loaders;
  /** What `runBatch` needs of the store: apply, Replace everywhere and OAuth run through it. */
  readonly batch: BatchContext;
  /** Shared by apply and Replace everywhere: a retry re-sends the token the last batch used. */
  readonly retry: { source: ApplySource | null };
  /**
   * This popup's own sign-in, switch or sign-out is on its way: the popup starts over on its own
   * answer, not again on the stored account it changes (account-follow.ts).
   */
  readonly ownAccountChange: { pending: boolean };
}
