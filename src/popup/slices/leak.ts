import type { handleLeak, LeakAnswer, ProviderRevocation } from '../../shared/messages/leak';
import { messageRef as ref } from '../../ui/message-ref';
import type { SliceContext, Text } from './context';

/** "This token leaked" in the popup: the worker's answer, kept until the user dismisses it. */
export interface LeakState {
  /** The last leak handled, with the saved token's label (the record itself is gone by then). */
  readonly leak: { readonly label: string; readonly answer: LeakAnswer } | null;
  readonly leakBusy: boolean;
}

export interface LeakActions {
  /** Revokes, removes from every runtime and forgets the saved token; then reloads the lists. */
  reportLeak(recordId: string, label: string): Promise<void>;
  dismissLeak(): void;
}

export const initialLeakState: LeakState = { leak: null, leakBusy: false };

/** The provider step of the answer, in one sentence (the results and the live region say the same). */
export const providerLine = (p: ProviderRevocation, text: Text): string => {
  switch (p.outcome) {
    case 'revoked':
      return text('leakResultRevoked', p.place);
    case 'already-invalid':
      return text('leakResultAlreadyInvalid', p.place);
    case 'manual':
      return text('leakResultManual', p.place);
    case 'failed':
      return p.error.message;
  }
};

export const createLeakSlice = ({ api, text, set, load }: SliceContext): LeakState & LeakActions => ({
  ...initialLeakState,

  async reportLeak(recordId, label) {
    set({ leakBusy: true, leak: null });
    const answer = await api.ask(ref<typeof handleLeak>('leak/handle'), { recordId });
    if (!answer.ok) return set({ leakBusy: false, error: answer.error, announcement: answer.error.message });
    set({
      leakBusy: false,
      leak: { label, answer: answer.value },
      error: null,
      announcement: providerLine(answer.value.provider, text),
    });
    // The runtimes no longer hold it and the saved list no longer shows it.
    await load.all();
  },
  dismissLeak: () => set({ leak: null }),
});
