import type { Result } from '../shared/errors';
import type { ApplyAnswer, TokenSource, ValidateAnswer } from '../shared/messages/token';
import type { RuntimeView } from '../shared/runtime-types';

export type { StatusView } from '../shared/messages/status';

import type { SignedInUser, StatusView } from '../shared/messages/status';

export interface Detection {
  readonly page: string;
  readonly runtimeName?: string;
  readonly signal: string;
}

/** A saved token as the popup shows it: metadata only, never the secret. */
export interface SavedToken {
  readonly id: string;
  readonly provider: string | null;
  readonly apiUrl: string;
  readonly login: string | null;
  readonly tokenType: string;
  readonly lastFour: string;
  readonly expiresAt: string | null;
  readonly runtimes: readonly string[];
  readonly unreadable?: { readonly message: string };
}

/**
 * Everything the popup asks of the outside world, in one interface: the worker (typed messages),
 * the active tab, and host-permission prompts. The store depends only on this, so its tests use an
 * in-memory implementation and the browser one lives in `browser-popup-api.ts`.
 */
export interface PopupApi {
  status(): Promise<Result<StatusView>>;
  setApiKey(apiKey: string): Promise<Result<SignedInUser>>;
  unlock(passphrase: string): Promise<Result<unknown>>;
  lock(): Promise<Result<unknown>>;
  activeTabUrl(): Promise<string | null>;
  detect(url: string): Promise<Result<Detection>>;
  listRuntimes(refresh: boolean): Promise<Result<{ runtimes: readonly RuntimeView[]; stale: boolean }>>;
  validate(token: string, runtimeName: string, username?: string): Promise<Result<ValidateAnswer>>;
  discardDraft(draftId: string): Promise<Result<unknown>>;
  apply(source: TokenSource, runtimeNames: readonly string[], keep: boolean): Promise<Result<ApplyAnswer>>;
  removeFromRuntime(runtimeName: string): Promise<Result<unknown>>;
  listSaved(): Promise<Result<readonly SavedToken[]>>;
  removeSaved(recordId: string): Promise<Result<unknown>>;
  /** Asks for access to the given origins; must run inside the click that needs it. */
  requestHostAccess(origins: readonly string[]): Promise<boolean>;
}
