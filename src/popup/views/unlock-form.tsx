import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { usePopupActions } from '../store-context';

export const UnlockForm = () => {
  const { unlock } = usePopupActions();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!passphrase || busy) return;
    setBusy(true);
    await unlock(passphrase);
    setPassphrase('');
    setBusy(false);
  };
  return (
    <form class="card" aria-labelledby="unlock-heading" onSubmit={submit}>
      <h2 id="unlock-heading">{t('unlockHeading')}</h2>
      <p>{t('unlockHelp')}</p>
      <SecretField
        id="passphrase"
        label={t('passphraseLabel')}
        value={passphrase}
        onInput={setPassphrase}
        autoFocus
      />
      <button class="primary" type="submit" disabled={busy || !passphrase}>
        {busy ? t('unlocking') : t('unlock')}
      </button>
    </form>
  );
};
