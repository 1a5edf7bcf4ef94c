import { accountGitOf } from '../../shared/account-git';
import { selfHostedGitOrigin } from '../../shared/constants';
import type { discardDraft, validateToken } from '../../shared/messages/token';
import type { TokenValidation } from '../../shared/validation-types';
import { messageRef as ref } from '../../ui/message-ref';
import { selectTargets, type TargetPreset } from '../targets';
import type { SliceContext } from './context';

/** The token being checked (the worker holds it as a draft), and where it is to be added. */
export interface DraftState {
  readonly draft: { readonly draftId: string; readonly validation: TokenValidation } | null;
  readonly validating: boolean;
  readonly targets: readonly string[];
  readonly keep: boolean;
}

export interface DraftActions {
  validate(token: string, username?: string): Promise<void>;
  clearDraft(): void;
  preset(preset: TargetPreset): void;
  toggleTarget(runtimeName: string): void;
  setKeep(keep: boolean): void;
}

export const initialDraftState: DraftState = { draft: null, validating: false, targets: [], keep: true };

export const createDraftSlice = ({ api, text, get, set }: SliceContext): DraftState & DraftActions => {
  const discard = (draftId: string) =>
    void api.ask(ref<typeof discardDraft>('token/discard-draft'), { draftId });
  return {
    ...initialDraftState,

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
      if (draft) discard(draft.draftId);
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
      if (draft) discard(draft.draftId);
      set({ draft: null });
    },

    preset(preset) {
      set({ targets: selectTargets(get().runtimes, preset, get().focused, get().draft?.validation ?? null) });
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
  };
};
