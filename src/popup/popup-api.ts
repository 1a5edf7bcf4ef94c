import type { WorkerClient } from '../shared/messages/client';
import type { EventSubscriber } from '../shared/messages/define';
import type { OptionsSection } from '../ui/options-link';
import type { LastKnown } from './last-known';

export type { Detection } from '../shared/messages/page';
export type { StatusView } from '../shared/messages/status';
export type { SavedToken } from '../shared/messages/vault';

/**
 * Everything the popup asks of the outside world: the worker, through the one typed client and
 * subscriber every page uses, and the few things only the browser can do. The store depends only on
 * this, so its tests use an in-memory implementation; the browser one is `browser-popup-api.ts`.
 */
export interface PopupApi {
  /** Any message in src/shared/messages, typed by its spec. */
  readonly ask: WorkerClient;
  /** The worker's progress broadcasts, typed by their spec. */
  readonly subscribe: EventSubscriber;
  /** Read from storage.local by the popup itself, before the worker answers; display only. */
  lastKnown(): Promise<LastKnown>;
  /** The address of the tab the popup was opened on, when the browser lets us see it. */
  activeTabUrl(): Promise<string | null>;
  /** That tab's id, so the worker can read what its page reported. */
  activeTabId(): Promise<number | undefined>;
  /**
   * Calls `listener` each time the worker stores or removes an account summary (a sign-in, switch
   * or sign-out, here or on another page), until the returned function is called.
   */
  onAccountChanged(listener: () => void): () => void;
  /** Opens the options page, at a section about one runtime when given (no secret goes in the URL). */
  openOptions(at?: { readonly section: OptionsSection; readonly runtimeName: string }): Promise<unknown>;
  /** Asks for access to the given origins; must run inside the click that needs it. */
  requestHostAccess(origins: readonly string[]): Promise<boolean>;
}
