import { useState } from 'preact/hooks';
import { resetVault } from '../../shared/messages/vault';
import { t } from '../../ui/i18n';
import { OutcomeLine, useRequest } from '../use-request';

/**
 * The way out after a forgotten passphrase or an unreadable vault: erase everything this device
 * saved. Tokens already added to runtimes stay there.
 */
export const EraseSection = ({ onChange }: { onChange: () => void }) => {
  const [typed, setTyped] = useState('');
  const { outcome, send } = useRequest();
  const phrase = 'erase everything';
  return (
    <section class="card" aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('eraseHeading')}</h2>
      <p id="erase-help">{t('eraseHelp', phrase)}</p>
      <div class="field">
        <label for="erase-confirm">{t('eraseConfirmLabel')}</label>
        <input
          id="erase-confirm"
          type="text"
          autocomplete="off"
          aria-describedby="erase-help"
          value={typed}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
      </div>
      <button
        type="button"
        class="danger"
        disabled={typed !== phrase}
        onClick={async () => {
          await send(resetVault, { confirm: phrase }, t('erased'));
          setTyped('');
          onChange();
        }}
      >
        {t('eraseButton')}
      </button>
      <OutcomeLine outcome={outcome} />
    </section>
  );
};
