import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { usePopup, usePopupActions } from '../store-context';

/**
 * The Codefresh API key form. Shown in place when no key is stored (the extension cannot list
 * runtimes without one), and again under the header for "Add another account" (`onCancel` set):
 * each key belongs to one account, so a second key adds an account beside the first.
 */
export const ApiKeyForm = ({ onCancel }: { readonly onCancel?: () => void }) => {
  const platformOrigin = usePopup((s) => s.status?.platformOrigin ?? 'https://g.codefresh.io');
  const { submitApiKey, addAccount } = usePopupActions();
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const adding = onCancel !== undefined;
  const id = adding ? 'add-api-key' : 'api-key';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!apiKey.trim() || busy) return;
    setBusy(true);
    const accepted = await (adding ? addAccount(apiKey) : submitApiKey(apiKey));
    setBusy(false);
    // The key lives in the worker's vault from here on; the field never keeps it.
    if (accepted) {
      setApiKey('');
      onCancel?.();
    }
  };

  return (
    <form class="card" aria-labelledby={`${id}-heading`} onSubmit={submit}>
      <h2 id={`${id}-heading`}>{adding ? t('accountAddHeading') : t('apiKeyHeading')}</h2>
      <p id={`${id}-help`}>
        {adding ? t('accountAddHelp') : t('apiKeyHelp')}{' '}
        <a href={`${platformOrigin}/user/settings`} target="_blank" rel="noreferrer noopener">
          {t('apiKeyCreateLink')}
        </a>
      </p>
      <SecretField
        id={id}
        label={t('apiKeyLabel')}
        value={apiKey}
        onInput={setApiKey}
        describedBy={`${id}-help`}
        autoFocus
      />
      <div class="actions">
        <button class="primary" type="submit" disabled={busy || !apiKey.trim()}>
          {busy ? t('checking') : t('apiKeySave')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
};
