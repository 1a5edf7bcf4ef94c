import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { accountGitOf } from '../shared/account-git';
import { selfHostedGitOrigin } from '../shared/constants';
import type { AppError } from '../shared/errors';
import type { ExpiringToken } from '../shared/expiry-schedule';
// Specs as types only: the popup sends `{ type, payload }` and never parses, so valibot stays out.
import type { setApiKey } from '../shared/messages/account';
import type { getExpiryStatus } from '../shared/messages/expiry';
import type { authorizeOAuth, oauthProgress } from '../shared/messages/oauth';
import type { detectRuntime } from '../shared/messages/page';
import type { listRuntimes, RuntimeListProgressEvent, rememberRuntime } from '../shared/messages/runtimes';
import type { getStatus } from '../shared/messages/status';
import type {
  applyToken,
  discardDraft,
  RuntimeApplyResult,
  removeFromRuntime,
  rotateToken,
  validateToken,
} from '../shared/messages/token';
import type { listSaved, lockVault, removeSaved, resetVault, unlockVault } from '../shared/messages/vault';
import type { RuntimeView } from '../shared/runtime-types';
import type { TokenValidation } from '../shared/validation-types';
import { messageRef as ref } from '../ui/message-ref';
import type { OptionsSection } from '../ui/options-link';
import { type AccountActions, accountActions } from './account-actions';
import { focusAfterDetection, otherScreen, unpainted } from './last-known';
import { createLeakActions, initialLeakState, type LeakActions, type LeakState } from './leak-actions';
import { streamedEvents } from './list-stream';
import { memoryStorage } from './memory-storage';
import type { Detection, PopupApi, SavedToken, StatusView } from './popup-api';
import { type BatchContext, runBatch } from './run-batch';
import { selectTargets, type TargetPreset } from './targets';

export type Phase = 'loading' | 'unreadable' | 'needs-api-key' | 'locked' | 'ready';
export type ProgressState = 'pending' | 'running' | 'done' | 'failed';

export interface PopupState extends LeakState {
  readonly phase: Phase;
  readonly status: StatusView | null;
  readonly runtimes: readonly RuntimeView[];
  readonly runtimesStale: boolean;
  readonly runtimesLoading: boolean;
  /** Listed by the platform, state not read yet: shown as "Checking…" while a refresh streams in. */
  readonly checking: readonly string[];
  readonly detection: Detection | null;
  /** The runtime the popup is about: detected, or picked by the user. */
  readonly focused: string | null;
  readonly draft: { readonly draftId: string; readonly validation: TokenValidation } | null;
  readonly validating: boolean;
  readonly targets: readonly string[];
  readonly keep: boolean;
  readonly applying: boolean;
  readonly progress: Readonly<Record<string, ProgressState>>;
  readonly results: readonly RuntimeApplyResult[] | null;
  readonly keepError: AppError | null;
  readonly saved: readonly SavedToken[];
  readonly error: AppError | null;
  /** Saved tokens expired or expiring soon (from the worker's expiry watch). */
  readonly expiring: readonly ExpiringToken[];
  /** The saved token being replaced everywhere, while the user pastes its successor. */
  readonly rotating: string | null;
  /** Set when the new token belongs to someone else: the user must confirm before it is sent. */
  readonly ownerChangeAsked: boolean;
  readonly rotationReplaced: boolean | null;
  /** Text for the polite live region: progress and outcomes, for screen readers. */
  readonly announcement: string;
  /** The runtimes' Git OAuth flows ("Authorize with GitHub"): progress, then one result each. */
  readonly authorizing: boolean;
  readonly oauthProgress: Readonly<Record<string, ProgressState>>;
  readonly oauthResults: readonly RuntimeApplyResult[] | null;
}

export interface PopupActions extends LeakActions, AccountActions {
  /** The tab's address may still be on its way: the status is asked for in the meantime. */
  start(activeTabUrl: string | null | Promise<string | null>): Promise<void>;
  submitApiKey(apiKey: string): Promise<boolean>;
  /** The worker saved an account meanwhile (e.g. a sign-in from a popup closed early): follow it. */
  accountChanged(): Promise<void>;
  unlock(passphrase: string): Promise<boolean>;
  lock(): Promise<void>;
  /** The saved data cannot be read: erase it and start as on a first run. */
  eraseAndStartAgain(): Promise<void>;
  refreshRuntimes(): Promise<void>;
  /** Something outside this store changed saved tokens (a GitLab rotation): read them again. */
  reloadSaved(): Promise<void>;
  focus(runtimeName: string): void;
  validate(token: string, username?: string): Promise<void>;
  clearDraft(): void;
  preset(preset: TargetPreset): void;
  toggleTarget(runtimeName: string): void;
  setKeep(keep: boolean): void;
  apply(source: 'draft' | { recordId: string }, runtimeNames?: readonly string[]): Promise<void>;
  retry(runtimeName: string): Promise<void>;
  dismissResults(): void;
  removeFromRuntime(runtimeName: string): Promise<void>;
  removeSaved(recordId: string): Promise<void>;
  dismissError(): void;
  /** Opens the options page, at a section about one runtime when given. */
  openOptions(at?: { readonly section: OptionsSection; readonly runtimeName: string }): void;
  /** A runtime list refresh streaming in from the worker (names first, then each runtime), batched. */
  onListProgress(events: readonly RuntimeListProgressEvent[]): void;
  /** Progress events broadcast by the worker while an apply runs, batched (runtime name → state). */
  onProgress(states: Readonly<Record<string, ProgressState>>): void;
  /** Runs the Git OAuth flow for the runtimes (default: the focused one), one after another. */
  authorizeOAuth(runtimeNames?: readonly string[]): Promise<void>;
  dismissOAuth(): void;
  startRotation(recordId: string): void;
  cancelRotation(): void;
  rotate(token: string, username: string | undefined, confirmDifferentOwner: boolean): Promise<boolean>;
  /** Host access withdrawn in the browser: ask for it again (first thing in the click), then reload. */
  allowAccess(origin: string): Promise<void>;
}

export type PopupStore = ReturnType<typeof createPopupStore>;

export const initialPopupState: PopupState = {
  phase: 'loading',
  status: null,
  runtimes: [],
  runtimesStale: false,
  runtimesLoading: false,
  checking: [],
  detection: null,
  focused: null,
  draft: null,
  validating: false,
  targets: [],
  keep: true,
  applying: false,
  progress: {},
  results: null,
  keepError: null,
  saved: [],
  error: null,
  expiring: [],
  rotating: null,
  ownerChangeAsked: false,
  rotationReplaced: null,
  announcement: '',
  authorizing: false,
  oauthProgress: {},
  oauthResults: null,
  ...initialLeakState,
};

/** What the popup remembers between openings: harmless preferences only, never a token or a result. */
export const persistedPreferences = (state: PopupState) => ({ keep: state.keep });
const PREFERENCES_KEY = 'popup-preferences';

export const createPopupStore = (
  api: PopupApi,
  text: (key: string, subs?: string | string[]) => string,
  preferences: StateStorage = memoryStorage(),
) =>
  createStore<PopupState & PopupActions>()(
    persist<PopupState & PopupActions, [], [], { keep: boolean }>(
      (setState, get) => {
        // The persist middleware widens `set`'s return type; the actions only ever need `void`.
        const set = (partial: Partial<PopupState> | ((s: PopupState) => Partial<PopupState>)): void => {
          setState(partial as Partial<PopupState & PopupActions>);
        };
        /** What `runBatch` needs of the store: apply, Replace everywhere and OAuth run through it. */
        const batchContext: BatchContext = { api, text, get, set };
        /** The source of the last apply, so a failed runtime can be retried alone with the same token. */
        let lastSource: 'draft' | { recordId: string } | null = null;
        /** The vault record the last apply kept its token in, if any. */
        let keptRecordId: string | null = null;
        /** The tab the popup opened on: a refresh asks its runtime's app-proxy first. */
        let pageUrl: string | null = null;
        /** The platform's order of the runtimes being streamed in. */
        let listOrder: readonly string[] = [];
        /** This popup's own sign-in is on its way: it enters on its own answer. */
        let signingIn = false;

        const loadRuntimes = async (refresh: boolean) => {
          set({ runtimesLoading: true });
          // `url` and `tabId` name the popup's tab: a refresh asks the runtime it shows first.
          const tabId = pageUrl ? await api.activeTabId() : undefined;
          const answer = await api.ask(ref<typeof listRuntimes>('runtimes/list'), {
            refresh,
            ...(pageUrl ? { url: pageUrl } : {}),
            ...(tabId !== undefined ? { tabId } : {}),
          });
          set({ runtimesLoading: false, checking: [] });
          if (!answer.ok) return set({ error: answer.error });
          const { runtimes, stale } = answer.value;
          const { focused, detection } = get();
          set({ runtimes, runtimesStale: stale, focused: focused ?? detection?.runtimeName ?? null });
          if (stale && !refresh) await loadRuntimes(true);
        };

        const loadSaved = async () => {
          const answer = await api.ask(ref<typeof listSaved>('vault/list'), {});
          if (answer.ok) set({ saved: answer.value });
        };

        const loadExpiring = async () => {
          const answer = await api.ask(ref<typeof getExpiryStatus>('expiry/status'), {});
          if (answer.ok) set({ expiring: answer.value.expiring });
        };

        const enterReady = async (activeTabUrl: string | null) => {
          pageUrl = activeTabUrl;
          set({ phase: 'ready' });
          // Everything the first screen needs is asked for at once: one round trip, not three in a row.
          const listing = loadRuntimes(false);
          // Asked even when the tab's address is hidden from us: the last runtime used still counts.
          const detect = api.activeTabId().then((tabId) =>
            api.ask(ref<typeof detectRuntime>('page/detect'), {
              url: activeTabUrl ?? '',
              ...(tabId !== undefined ? { tabId } : {}),
            }),
          );
          const [detection] = await Promise.all([detect, loadSaved(), loadExpiring()]);
          if (detection?.ok) {
            const focused = focusAfterDetection(get(), detection.value);
            set({ detection: detection.value, focused, targets: focused ? [focused] : [] });
          }
          await listing;
        };

        return {
          ...initialPopupState,

          async start(activeTabUrl) {
            const [status, url] = await Promise.all([
              api.ask(ref<typeof getStatus>('status/get'), {}),
              activeTabUrl,
            ]);
            if (!status.ok) return set({ error: status.error, phase: 'ready' });
            set({ status: status.value });
            const other = otherScreen(status.value);
            if (other) return set({ ...unpainted, phase: other }); // no last-known list behind it
            await enterReady(url);
          },

          async submitApiKey(apiKey) {
            signingIn = true;
            const answer = await api.ask(ref<typeof setApiKey>('account/set-api-key'), { apiKey });
            if (!answer.ok) {
              signingIn = false;
              set({ error: answer.error });
              return false;
            }
            set((s) => ({ error: null, status: s.status && { ...s.status, account: answer.value } }));
            const url = await api.activeTabUrl();
            // The stored account may have been followed already (accountChanged): enter once.
            if (get().phase !== 'ready') await enterReady(url);
            signingIn = false;
            return true;
          },

          async accountChanged() {
            if (get().phase === 'needs-api-key' && !signingIn) await get().start(api.activeTabUrl());
          },

          async unlock(passphrase) {
            const answer = await api.ask(ref<typeof unlockVault>('vault/unlock'), { passphrase });
            if (!answer.ok) {
              set({ error: answer.error });
              return false;
            }
            set({ error: null });
            await get().start(await api.activeTabUrl());
            return true;
          },

          async lock() {
            await api.ask(ref<typeof lockVault>('vault/lock'), {});
            set({ ...initialPopupState, keep: get().keep, phase: 'locked', status: get().status });
          },

          async eraseAndStartAgain() {
            const answer = await api.ask(ref<typeof resetVault>('vault/reset'), {
              confirm: 'erase everything',
            });
            if (!answer.ok) return set({ error: answer.error });
            set({ ...initialPopupState, keep: get().keep });
            await get().start(api.activeTabUrl());
          },

          refreshRuntimes: () => loadRuntimes(true),
          reloadSaved: async () => {
            await Promise.all([loadRuntimes(true), loadSaved(), loadExpiring()]);
          },

          ...createLeakActions(api, set, text, () =>
            Promise.all([loadRuntimes(true), loadSaved(), loadExpiring()]),
          ),

          focus(runtimeName) {
            set({ focused: runtimeName, targets: [runtimeName] });
            void api.ask(ref<typeof rememberRuntime>('runtimes/remember'), { runtimeName });
          },

          async validate(token, username) {
            const { focused, draft, status } = get();
            // The account's one Git provider decides; only an account naming none needs a runtime.
            const account = accountGitOf(status?.account ?? null);
            if (!focused && !account) {
              return set({ error: { code: 'no-runtime', message: text('pickRuntimeFirst') } });
            }
            // A self-hosted Git host is asked for in this click, before the token goes anywhere.
            const gitOrigin = selfHostedGitOrigin(
              account?.apiUrl ?? get().runtimes.find((r) => r.name === focused)?.gitApiUrl ?? null,
            );
            if (gitOrigin && !(await api.requestHostAccess([gitOrigin]))) {
              return set({
                error: { code: 'host-access-refused', message: text('gitHostAccessRefused', gitOrigin) },
              });
            }
            if (draft)
              void api.ask(ref<typeof discardDraft>('token/discard-draft'), { draftId: draft.draftId });
            set({ validating: true, draft: null, error: null, announcement: text('checkingToken') });
            const answer = await api.ask(ref<typeof validateToken>('token/validate'), {
              token,
              ...(focused ? { runtimeName: focused } : {}),
              ...(username ? { username } : {}),
            });
            if (!answer.ok)
              return set({ validating: false, error: answer.error, announcement: answer.error.message });
            const { validation } = answer.value;
            set({
              validating: false,
              draft: answer.value,
              announcement:
                validation.blockers.length > 0
                  ? validation.blockers.map((b) => b.message).join(' ')
                  : text('tokenChecked'),
            });
          },

          clearDraft() {
            const { draft } = get();
            if (draft)
              void api.ask(ref<typeof discardDraft>('token/discard-draft'), { draftId: draft.draftId });
            set({ draft: null });
          },

          preset(preset) {
            set({
              targets: selectTargets(get().runtimes, preset, get().focused, get().draft?.validation ?? null),
            });
          },

          toggleTarget(runtimeName) {
            const { targets } = get();
            set({
              targets: targets.includes(runtimeName)
                ? targets.filter((n) => n !== runtimeName)
                : [...targets, runtimeName],
            });
          },

          setKeep: (keep) => set({ keep }),

          async apply(source, runtimeNames) {
            const names = runtimeNames ?? get().targets;
            if (names.length === 0 || get().applying) return;
            lastSource = source;
            const outcome = await runBatch(batchContext, {
              lane: 'apply',
              names,
              announcement: text('adding'),
              clear: { results: null, keepError: null },
              send: (sendable) =>
                api.ask(ref<typeof applyToken>('token/apply'), {
                  source:
                    source === 'draft'
                      ? { kind: 'draft', draftId: get().draft?.draftId ?? '' }
                      : { kind: 'record', recordId: source.recordId },
                  runtimeNames: sendable,
                  keep: get().keep,
                }),
            });
            // Not reloaded on failure: requests the stopped worker sent may still be completing, and a
            // list read now would be cached half-true. The message says to reopen the popup.
            if (!outcome) return;
            const { answer, results } = outcome;
            // A kept token lives on in this record even after the draft is gone: retries use it.
            if (answer?.recordId) keptRecordId = answer.recordId;
            const failed = results.filter((r) => !r.ok).length;
            set({
              applying: false,
              results,
              keepError: answer?.keepError ?? null,
              announcement: text('addSummary', [String(results.length - failed), String(failed)]),
            });
            await Promise.all([loadRuntimes(true), loadSaved()]);
          },

          async retry(runtimeName) {
            if (!lastSource) return;
            const previous = get().results ?? [];
            // After a kept first success the draft may be gone; the record it was saved to carries the
            // same token (never just any saved token, which could be another one).
            const source =
              lastSource === 'draft' && !get().draft && keptRecordId
                ? { recordId: keptRecordId }
                : lastSource;
            await get().apply(source, [runtimeName]);
            const retried = get().results ?? [];
            set({ results: [...previous.filter((r) => r.runtimeName !== runtimeName), ...retried] });
          },

          dismissResults: () => set({ results: null, progress: {}, keepError: null }),

          async removeFromRuntime(runtimeName) {
            const answer = await api.ask(ref<typeof removeFromRuntime>('token/remove-from-runtime'), {
              runtimeName,
            });
            if (!answer.ok) return set({ error: answer.error, announcement: answer.error.message });
            set({ announcement: text('tokenRemovedFrom', runtimeName) });
            await loadRuntimes(true);
          },

          async removeSaved(recordId) {
            const answer = await api.ask(ref<typeof removeSaved>('vault/remove'), { recordId });
            if (!answer.ok) return set({ error: answer.error });
            set({ announcement: text('savedTokenRemoved') });
            await loadSaved();
          },

          dismissError: () => set({ error: null }),

          openOptions: (at) => void api.openOptions(at),

          startRotation(recordId) {
            set({
              rotating: recordId,
              ownerChangeAsked: false,
              rotationReplaced: null,
              results: null,
              error: null,
            });
          },

          cancelRotation: () => set({ rotating: null, ownerChangeAsked: false }),

          async rotate(token, username, confirmDifferentOwner) {
            const oldRecordId = get().rotating;
            if (!oldRecordId || get().applying) return false;
            const saved = get().saved.find((s) => s.id === oldRecordId);
            // As in Check: the Git host the new token is checked against (and any app-proxy still
            // missing) is asked for first thing in this click; refused, nothing is sent.
            const gitOrigin = selfHostedGitOrigin(saved?.apiUrl ?? null);
            const outcome = await runBatch(batchContext, {
              lane: 'apply',
              names: saved?.runtimes ?? [],
              alsoAsk: gitOrigin ? [gitOrigin] : [],
              stopWith: (origins) => ({
                code: 'host-access-refused',
                message: text('rotationHostAccessRefused', origins.join(', ')),
              }),
              announcement: text('adding'),
              clear: { results: null },
              send: () =>
                api.ask(ref<typeof rotateToken>('token/rotate'), {
                  oldRecordId,
                  token,
                  confirmDifferentOwner,
                  ...(username ? { username } : {}),
                }),
              onError: (error) => ({ ownerChangeAsked: error.code === 'rotation-owner-changed' }),
            });
            if (!outcome?.answer) return false;
            const { results, replaced, newRecordId, keepError } = outcome.answer;
            // A runtime that failed is retried with the new token, which the worker saved on its own.
            if (newRecordId) lastSource = { recordId: newRecordId };
            const failed = results.filter((r) => !r.ok).length;
            set({
              applying: false,
              results,
              keepError: keepError ?? null,
              rotating: null,
              ownerChangeAsked: false,
              rotationReplaced: replaced,
              announcement: text('addSummary', [String(results.length - failed), String(failed)]),
            });
            await Promise.all([loadRuntimes(true), loadSaved(), loadExpiring()]);
            return true;
          },

          async authorizeOAuth(runtimeNames) {
            const focused = get().focused;
            const names = runtimeNames ?? (focused ? [focused] : []);
            if (names.length === 0 || get().authorizing) return;
            // The worker reads where each tab lands on the runtime's host, so it needs access there.
            const outcome = await runBatch(batchContext, {
              lane: 'oauth',
              names,
              announcement: text('oauthRunning'),
              clear: { oauthResults: null },
              send: async (sendable) => {
                const stop = api.subscribe(
                  ref<typeof oauthProgress>('oauth/progress'),
                  ({ runtimeName, state }) => {
                    if (!get().authorizing || !(runtimeName in get().oauthProgress)) return;
                    set({ oauthProgress: { ...get().oauthProgress, [runtimeName]: state } });
                  },
                );
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
            await loadRuntimes(true);
          },

          dismissOAuth: () => set({ oauthResults: null, oauthProgress: {} }),

          async allowAccess(origin) {
            if (!(await api.requestHostAccess([origin]))) {
              return set({
                error: { code: 'host-access-refused', message: text('hostAccessStillMissing', origin) },
              });
            }
            set({ error: null });
            await get().start(api.activeTabUrl());
          },

          ...accountActions(api, text, setState, get),

          onListProgress(events) {
            if (!get().runtimesLoading) return;
            const next = streamedEvents(get(), events, listOrder);
            listOrder = next.order;
            set(next.list);
          },

          onProgress(states) {
            // Late events from an apply that already finished must not resurrect the progress list.
            const { applying, progress } = get();
            const known = Object.entries(states).filter(([name]) => applying && name in progress);
            if (known.length > 0) set({ progress: { ...progress, ...Object.fromEntries(known) } });
          },
        };
      },
      {
        name: PREFERENCES_KEY,
        version: 1,
        storage: createJSONStorage(() => preferences),
        partialize: persistedPreferences,
      },
    ),
  );
