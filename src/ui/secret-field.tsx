import { useState } from 'preact/hooks';
import { t } from './i18n';

interface SecretFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly describedBy?: string;
  readonly autoFocus?: boolean;
  /** Called on paste; it may take the pasted text itself (and prevent the default). */
  readonly onPaste?: (event: ClipboardEvent) => void;
}

/**
 * A password field with a show/hide toggle. `autocomplete="off"` and no `name` keep password
 * managers and form restore from storing what is typed here.
 */
export const SecretField = ({
  id,
  label,
  value,
  onInput,
  describedBy,
  autoFocus,
  onPaste,
}: SecretFieldProps) => {
  const [shown, setShown] = useState(false);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="secret-row">
        <input
          id={id}
          // Preact's types want a literal per input type; the toggle needs both.
          type={(shown ? 'text' : 'password') as 'password'}
          autocomplete="off"
          autoCapitalize="off"
          spellcheck={false}
          value={value}
          aria-describedby={describedBy}
          // biome-ignore lint/a11y/noAutofocus: the popup exists to take this one input; focusing it saves a click.
          autoFocus={autoFocus}
          onInput={(e) => onInput((e.target as HTMLInputElement).value)}
          onPaste={onPaste}
        />
        <button type="button" aria-pressed={shown} aria-controls={id} onClick={() => setShown(!shown)}>
          {shown ? t('hide') : t('show')}
        </button>
      </div>
    </div>
  );
};
