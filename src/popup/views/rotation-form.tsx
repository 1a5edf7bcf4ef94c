import { useEffect, useState } from 'preact/hooks';
import { needsAccountEmail } from '../../providers/registry';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { usePopup, usePopupActions } from '../store-context';
import { BitbucketUsernameField } from './bitbucket-username-field';

/**
 * Replace everywhere: paste the successor of a saved token once; the worker checks it against the
 * same provider and owner and puts it on every runtime that used the old one.
 */
export const RotationForm = () => {
  const rotating = usePopup((s) => s.rotating);
  const record = usePopup((s) => s.saved.find((r) => r.id === s.rotating) ?? null);
  const ownerChangeAsked = usePopup((s) => s.ownerChangeAsked);
  const applying = usePopup((s) => s.applying);
  const { rotate, cancelRotation } = usePopupActions();
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');
  const [confirmOwner, setConfirmOwner] = useState(false);

  useEffect(() => {
    const clear = () => setToken('');
    window.addEventListener('pagehide', clear);
    return () => window.removeEventListener('pagehide', clear);
  }, []);
  if (!rotating) return null;

  const label = record
    ? `${record.login ?? t('unknown')} · ${record.provider ?? ''} ···${record.lastFour}`
    : '';
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim() || applying) return;
    const sent = token;
    setToken('');
    await rotate(sent, username.trim() || undefined, confirmOwner);
  };

  return (
    <form
      class="card"
      aria-labelledby="rotate-heading"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancelRotation();
      }}
    >
      <h2 id="rotate-heading">{t('rotateHeading')}</h2>
      <p id="rotate-help">
        {t('rotateHelp', [label, record ? record.runtimes.join(', ') || t('usedNowhere') : ''])}
      </p>
      <SecretField
        id="rotate-token"
        label={t('rotateTokenLabel')}
        value={token}
        onInput={setToken}
        describedBy="rotate-help"
        autoFocus
      />
      {needsAccountEmail(record?.provider) && (
        <BitbucketUsernameField id="rotate-username" value={username} onInput={setUsername} />
      )}
      {ownerChangeAsked && (
        <label>
          <input
            type="checkbox"
            checked={confirmOwner}
            onChange={(e) => setConfirmOwner((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('rotateConfirmOwner')}
        </label>
      )}
      <div class="row">
        <button class="primary" type="submit" disabled={applying || !token.trim()}>
          {applying ? t('adding') : t('rotateSubmit')}
        </button>
        <button type="button" onClick={cancelRotation}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
};
