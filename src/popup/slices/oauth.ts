import type { authorizeOAuth, oauthProgress } from '../../shared/messages/oauth';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import { messageRef as ref } from '../../ui/message-ref';
import { runBatch } from '../run-batch';
import type { ProgressState, SliceContext } from './context';

/** The runtimes' Git OAuth flows ("Authorize with GitHub"): progress, then one result each. */
export interface OAuthState {
  readonly authorizing: boolean;
  readonly oauthProgress: Readonly<Record<string, ProgressState>>;
  readonly oauthResults: readonly RuntimeApplyResult[] | null;
}

export interface OAuthActions {
  /** Runs the Git OAuth flow for the runtimes (default: the focused one), one after another. */
  authorizeOAuth(runtimeNames?: readonly string[]): Promise<void>;
  dismissOAuth(): void;
}

export const initialOAuthState: OAuthState = { authorizing: false, oauthProgress: {}, oauthResults: null };

export const createOAuthSlice = ({
  api,
  text,
  get,
  set,
  load,
  batch,
}: SliceContext): OAuthState & OAuthActions => ({
  ...initialOAuthState,

  async authorizeOAuth(runtimeNames) {
    const focused = get().focused;
    const names = runtimeNames ?? (focused ? [focused] : []);
    if (names.length === 0 || get().authorizing) return;
    // The worker reads where each tab lands on the runtime's host, so it needs access there.
    const outcome = await runBatch(batch, {
      lane: 'oauth',
      names,
      announcement: text('oauthRunning'),
      clear: { oauthResults: null },
      send: async (sendable) => {
        const stop = api.subscribe(ref<typeof oauthProgress>('oauth/progress'), ({ runtimeName, state }) => {
          if (!get().authorizing || !(runtimeName in get().oauthProgress)) return;
          set({ oauthProgress: { ...get().oauthProgress, [runtimeName]: state } });
        });
        const answer = await api.ask(ref<typeof authorizeOAuth>('oauth/authorize'), {
          runtimeNames: sendable,
        });
        stop();
        return answer;
      },
    });
    if (!outcome) return;
    const { results } = outcome;
    const failed = results.filter((r) => !r.ok);
    set({
      authorizing: false,
      oauthResults: results,
      announcement:
        failed.length > 0
          ? failed.map((r) => (r.ok ? '' : r.error.message)).join(' ')
          : text('oauthAllDone', String(results.length)),
    });
    await load.runtimes(true);
  },

  dismissOAuth: () => set({ oauthResults: null, oauthProgress: {} }),
});
