import { useState } from 'preact/hooks';
import { setApiKey, signOut } from '../../shared/messages/account';
import type { StatusView } from '../../shared/messages/status';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { OutcomeLine, useRequest } from '../use-request';

/**
 * The Codefresh API keys: who is signed in, a field to add an account's key (or replace the key of
 * one listed), and each signed-in account with its own sign-out.
 */
export const AccountSection = ({ status, onChange }: { status: StatusView; onChange: () => void }) => {
  const [apiKey, setKey] = useState('');
  const { busy, outcome, send } = useRequest();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!apiKey.trim() || busy) return;
    const answer = await send(setApiKey, { apiKey }, t('apiKeySaved'));
    if (!answer.ok) return;
    setKey('');
    onChange();
  };

  return (
    <section class="card" aria-labelledby="account-heading">
      <h2 id="account-heading">{t('accountHeading')}</h2>
      <p>
        {status.account
          ? t('signedInAs', [status.account.name, status.account.accountName])
          : t('notSignedIn')}
      </p>
      <form onSubmit={submit}>
        <p id="options-api-key-help" class="muted">
          {t('apiKeyHelp')}{' '}
          <a href={`${status.platformOrigin}/user/settings`} target="_blank" rel="noreferrer noopener">
            {t('apiKeyCreateLink')}
          </a>
        </p>
        <SecretField
          id="options-api-key"
          label={status.account ? t('apiKeyReplaceLabel') : t('apiKeyLabel')}
          value={apiKey}
          onInput={setKey}
          describedBy="options-api-key-help"
        />
        <button class="primary" type="submit" disabled={busy || !apiKey.trim()}>
          {busy ? t('checking') : t('apiKeySave')}
        </button>
      </form>
      <OutcomeLine outcome={outcome} />
      {status.accounts.length > 0 && (
        <>
          <h3 id="accounts-heading">{t('accountsHeading')}</h3>
          <ul aria-labelledby="accounts-heading">
            {status.accounts.map((a) => (
              <li key={a.id} class="row">
                <span>{a.active ? t('accountInUse', [a.accountName]) : a.accountName}</span>
                <button
                  type="button"
                  onClick={async () => {
                    await send(signOut, { id: a.id });
                    onChange();
                  }}
                >
                  {t('accountSignOutOf', [a.accountName])}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};
