import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { usePopup, usePopupActions } from '../store-context';

/** Shown in place when no Codefresh API key is stored: the extension cannot list runtimes without one. */
export const ApiKeyForm = () => {
  const platformOrigin = usePopup((s) => s.status?.platformOrigin ?? 'https://g.codefresh.io');
  const { submitApiKey } = usePopupActions();
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!apiKey.trim() || busy) return;
    setBusy(true);
    const accepted = await submitApiKey(apiKey);
    setBusy(false);
    // The key lives in the worker's vault from here on; the field never keeps it.
    if (accepted) setApiKey('');
  };

  return (
    <form class="card" aria-labelledby="api-key-heading" onSubmit={submit}>
      <h2 id="api-key-heading">{t('apiKeyHeading')}</h2>
      <p id="api-key-help">
        {t('apiKeyHelp')}{' '}
        <a href={`${platformOrigin}/user/settings`} target="_blank" rel="noreferrer noopener">
          {t('apiKeyCreateLink')}
        </a>
      </p>
      <SecretField
        id="api-key"
        label={t('apiKeyLabel')}
        value={apiKey}
        onInput={setApiKey}
        describedBy="api-key-help"
        autoFocus
      />
      <button class="primary" type="submit" disabled={busy || !apiKey.trim()}>
        {busy ? t('checking') : t('apiKeySave')}
      </button>
    </form>
  );
};
