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
 * A destructive action that asks first, inline (no native dialog): focus moves to the confirm
 * button, Escape or Cancel returns to where the user was.
 */
export const ConfirmButton = ({ label, question, confirmLabel, onConfirm }: ConfirmButtonProps) => {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => triggerRef.current?.focus());
  };

  if (!asking) {
    return (
      <button type="button" ref={triggerRef} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <fieldset
      class="confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
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
          setAsking(false);
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
