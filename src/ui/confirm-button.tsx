import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

interface ConfirmButtonProps {
  readonly label: string;
  /** The question shown before acting, e.g. "Remove your token from production?" */
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void> | void;
}

/**
 * The state of an inline confirmation (no native dialog): while asking, focus is on the confirm
 * button; `cancel` (Escape or Cancel) returns focus to the button that asked. Shared by every
 * destructive action that asks first.
 */
export const useInlineConfirm = () => {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => triggerRef.current?.focus());
  };
  /** Escape inside the confirmation cancels it, and goes no further up. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      cancel();
    }
  };
  return {
    asking,
    ask: () => setAsking(true),
    done: () => setAsking(false),
    cancel,
    onKeyDown,
    confirmRef,
    triggerRef,
  };
};

/**
 * A destructive action that asks first, inline (no native dialog): focus moves to the confirm
 * button, Escape or Cancel returns to where the user was.
 */
export const ConfirmButton = ({ label, question, confirmLabel, onConfirm }: ConfirmButtonProps) => {
  const { asking, ask, done, cancel, onKeyDown, confirmRef, triggerRef } = useInlineConfirm();
  const [busy, setBusy] = useState(false);

  if (!asking) {
    return (
      <button type="button" ref={triggerRef} onClick={ask}>
        {label}
      </button>
    );
  }
  return (
    <fieldset class="confirm" onKeyDown={onKeyDown}>
      <legend>{question}</legend>
      <button
        type="button"
        class="danger"
        ref={confirmRef}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await onConfirm();
          setBusy(false);
          done();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={cancel}>
        {t('cancel')}
      </button>
    </fieldset>
  );
};
