import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AppError } from '../shared/errors';
import type { OptionsSection } from '../ui/options-link';
import { memoryStorage } from './memory-storage';
import type { PopupApi } from './popup-api';
import { type AccountActions, createAccountSlice } from './slices/account';
import { type ApplyActions, type ApplyState, createApplySlice, initialApplyState } from './slices/apply';
import type { SetPopupState, SliceContext, Text } from './slices/context';
import { createDraftSlice, type DraftActions, type DraftState, initialDraftState } from './slices/draft';
import { createLeakSlice, initialLeakState, type LeakActions, type LeakState } from './slices/leak';
import { createLoaders } from './slices/loaders';
import { createOAuthSlice, initialOAuthState, type OAuthActions, type OAuthState } from './slices/oauth';
import {
  createRotationSlice,
  initialRotationState,
  type RotationActions,
  type RotationState,
} from './slices/rotation';
import {
  createRuntimesSlice,
  initialRuntimesState,
  type RuntimesActions,
  type RuntimesState,
} from './slices/runtimes';
import { createSavedSlice, initialSavedState, type SavedActions, type SavedState } from './slices/saved';
import {
  createSessionSlice,
  initialSessionState,
  type SessionActions,
  type SessionState,
} from './slices/session';

export type { ProgressState } from './slices/context';
export type { Phase } from './slices/session';

/** What every part of the popup may show: the last error, and the polite live region's text. */
export interface FeedbackState {
  readonly error: AppError | null;
  /** Text for the polite live region: progress and outcomes, for screen readers. */
  readonly announcement: string;
}

/** The popup's state: one slice per flow (src/popup/slices/), combined here. */
export interface PopupState
  extends SessionState,
    RuntimesState,
    DraftState,
    ApplyState,
    SavedState,
    RotationState,
    OAuthState,
    LeakState,
    FeedbackState {}

export interface FeedbackActions {
  dismissError(): void;
  /** Opens the options page, at a section about one runtime when given. */
  openOptions(at?: { readonly section: OptionsSection; readonly runtimeName: string }): void;
}

export interface PopupActions
  extends SessionActions,
    RuntimesActions,
    DraftActions,
    ApplyActions,
    SavedActions,
    RotationActions,
    OAuthActions,
    LeakActions,
    AccountActions,
    FeedbackActions {}

export type PopupStore = ReturnType<typeof createPopupStore>;

export const initialPopupState: PopupState = {
  ...initialSessionState,
  ...initialRuntimesState,
  ...initialDraftState,
  ...initialApplyState,
  ...initialSavedState,
  ...initialRotationState,
  ...initialOAuthState,
  ...initialLeakState,
  error: null,
  announcement: '',
};

/** What the popup remembers between openings: harmless preferences only, never a token or a result. */
export const persistedPreferences = (state: PopupState) => ({ keep: state.keep });
const PREFERENCES_KEY = 'popup-preferences';

export const createPopupStore = (api: PopupApi, text: Text, preferences: StateStorage = memoryStorage()) =>
  createStore<PopupState & PopupActions>()(
    persist<PopupState & PopupActions, [], [], { keep: boolean }>(
      (setState, get) => {
        // The persist middleware widens `set`'s return type; the actions only ever need `void`.
        const set: SetPopupState = (partial) => {
          setState(partial as Partial<PopupState & PopupActions>);
        };
        const load = createLoaders({ api, get, set });
        const context: SliceContext = {
          api,
          text,
          get,
          set,
          initial: initialPopupState,
          load,
          batch: { api, text, get, set },
          retry: { source: null },
          ownAccountChange: { pending: false },
        };
        return {
          ...initialPopupState,
          ...createSessionSlice(context),
          ...createRuntimesSlice(context),
          ...createDraftSlice(context),
          ...createApplySlice(context),
          ...createSavedSlice(context),
          ...createRotationSlice(context),
          ...createOAuthSlice(context),
          ...createLeakSlice(context),
          ...createAccountSlice(context),
          dismissError: () => set({ error: null }),
          openOptions: (at) => void api.openOptions(at),
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
