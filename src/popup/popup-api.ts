import type { Result } from '../shared/errors';
import type { ExpiryStatusView } from '../shared/messages/expiry';
import type { OAuthAnswer, OAuthProgressEvent } from '../shared/messages/oauth';
import type { Detection } from '../shared/messages/runtimes';
import type { SignedInUser, StatusView } from '../shared/messages/status';
import type { ApplyAnswer, RotateAnswer, TokenSource, ValidateAnswer } from '../shared/messages/token';
import type { SavedToken } from '../shared/messages/vault';
import type { RuntimeView } from '../shared/runtime-types';

export type { Detection } from '../shared/messages/runtimes';
export type { StatusView } from '../shared/messages/status';
export type { SavedToken } from '../shared/messages/vault';

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
  /** Erases everything saved (`vault/reset`): the way on when the saved data cannot be read. */
  resetVault(): Promise<Result<unknown>>;
  activeTabUrl(): Promise<string | null>;
  detect(url: string): Promise<Result<Detection>>;
  /** The runtime the user chose, offered first next time nothing on the page names one. */
  remember(runtimeName: string): Promise<Result<unknown>>;
  /** `pageUrl` is the popup's tab: a refresh asks the runtime it shows first. */
  listRuntimes(
    refresh: boolean,
    pageUrl?: string | null,
  ): Promise<Result<{ runtimes: readonly RuntimeView[]; stale: boolean }>>;
  /** `runtimeName` only matters when the account names no Git provider. */
  validate(
    token: string,
    runtimeName: string | undefined,
    username?: string,
  ): Promise<Result<ValidateAnswer>>;
  discardDraft(draftId: string): Promise<Result<unknown>>;
  apply(source: TokenSource, runtimeNames: readonly string[], keep: boolean): Promise<Result<ApplyAnswer>>;
  removeFromRuntime(runtimeName: string): Promise<Result<unknown>>;
  listSaved(): Promise<Result<readonly SavedToken[]>>;
  expiryStatus(): Promise<Result<ExpiryStatusView>>;
  rotate(input: {
    oldRecordId: string;
    token: string;
    username?: string;
    confirmDifferentOwner: boolean;
  }): Promise<Result<RotateAnswer>>;
  removeSaved(recordId: string): Promise<Result<unknown>>;
  /** Runs each runtime's Git OAuth flow, one after another; the worker opens a tab for each. */
  authorize(runtimeNames: readonly string[]): Promise<Result<OAuthAnswer>>;
  /** Calls `listener` for each OAuth progress broadcast, until the returned function is called. */
  onOAuthProgress(listener: (runtimeName: string, state: OAuthProgressEvent['state']) => void): () => void;
  /** Calls `listener` each time the worker stores an account summary, until the returned function is called. */
  onAccountStored(listener: () => void): () => void;
  /** Forgets the API key (sign-out); the tokens on the runtimes stay. */
  signOut(): Promise<Result<unknown>>;
  /** Asks for access to the given origins; must run inside the click that needs it. */
  requestHostAccess(origins: readonly string[]): Promise<boolean>;
}
