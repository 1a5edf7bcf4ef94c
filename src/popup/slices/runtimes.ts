import type { RuntimeListProgressEvent, rememberRuntime } from '../../shared/messages/runtimes';
import type { RuntimeView } from '../../shared/runtime-types';
import { messageRef as ref } from '../../ui/message-ref';
import { streamedEvents } from '../list-stream';
import type { Detection } from '../popup-api';
import type { SliceContext } from './context';

/** The account's runtimes as the worker lists them, and the one the popup is about. */
export interface RuntimesState {
  readonly runtimes: readonly RuntimeView[];
  readonly runtimesStale: boolean;
  readonly runtimesLoading: boolean;
  /** Listed by the platform, state not read yet: shown as "Checking…" while a refresh streams in. */
  readonly checking: readonly string[];
  readonly detection: Detection | null;
  /** The runtime the popup is about: detected, or picked by the user. */
  readonly focused: string | null;
}

export interface RuntimesActions {
  refreshRuntimes(): Promise<void>;
  focus(runtimeName: string): void;
  /** A runtime list refresh streaming in from the worker (names first, then each runtime), batched. */
  onListProgress(events: readonly RuntimeListProgressEvent[]): void;
}

export const initialRuntimesState: RuntimesState = {
  runtimes: [],
  runtimesStale: false,
  runtimesLoading: false,
  checking: [],
  detection: null,
  focused: null,
};

export const createRuntimesSlice = ({
  api,
  get,
  set,
  load,
}: SliceContext): RuntimesState & RuntimesActions => {
  /** The platform's order of the runtimes being streamed in. */
  let listOrder: readonly string[] = [];
  return {
    ...initialRuntimesState,

    refreshRuntimes: () => load.runtimes(true),

    focus(runtimeName) {
      set({ focused: runtimeName, targets: [runtimeName] });
      void api.ask(ref<typeof rememberRuntime>('runtimes/remember'), { runtimeName });
    },

    onListProgress(events) {
      if (!get().runtimesLoading) return;
      // A refresh of the account switched away from may still be streaming: its rows never show
      // under the account in use (nor before the status says which account that is).
      const account = get().status?.account?.accountId;
      const own = events.filter((event) => account !== undefined && event.accountId === account);
      if (own.length === 0) return;
      const next = streamedEvents(get(), own, listOrder);
      listOrder = next.order;
      set(next.list);
    },
  };
};
