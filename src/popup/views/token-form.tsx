import { useEffect, useState } from 'preact/hooks';
import { needsAccountEmail } from '../../providers/registry';
import { accountGitOf } from '../../shared/account-git';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { usePopup, usePopupActions } from '../store-context';
import { BitbucketUsernameField } from './bitbucket-username-field';

/**
 * Takes the pasted token and sends it to the worker once. The field is cleared on send: from then
 * on the popup refers to the token only by the worker's draft id.
 */
export const TokenForm = () => {
  const validating = usePopup((s) => s.validating);
  // The account's one Git provider, else (an account naming none) the chosen runtime's.
  const provider = usePopup(
    (s) =>
      s.status?.account?.gitProvider ?? s.runtimes.find((r) => r.name === s.focused)?.gitProvider ?? null,
  );
  const canCheck = usePopup((s) => s.focused !== null || accountGitOf(s.status?.account ?? null) !== null);
  const { validate } = usePopupActions();
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');

  // The field never outlives the popup, but also clear it if the page is hidden (popup closing).
  useEffect(() => {
    const clear = () => setToken('');
    window.addEventListener('pagehide', clear);
    return () => window.removeEventListener('pagehide', clear);
  }, []);

  const needsUsername = needsAccountEmail(provider);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!token.trim() || validating) return;
    const sent = token;
    setToken('');
    void validate(sent, needsUsername ? username.trim() || undefined : undefined);
  };

  // Pasting is the usual way a token arrives: check it at once, without it ever showing in the field.
  const paste = (event: ClipboardEvent) => {
    const pasted = event.clipboardData?.getData('text') ?? '';
    if (!pasted.trim() || validating || !canCheck || token || (needsUsername && !username.trim())) return;
    event.preventDefault();
    void validate(pasted, needsUsername ? username.trim() : undefined);
  };

  return (
    <form class="card" aria-labelledby="token-heading" onSubmit={submit}>
      <h2 id="token-heading">{t('tokenHeading')}</h2>
      <SecretField
        id="git-token"
        label={t('tokenLabel')}
        value={token}
        onInput={setToken}
        onPaste={paste}
        describedBy="token-help"
      />
      <p id="token-help" class="muted">
        {t('tokenHelp')}
      </p>
      {needsUsername && <BitbucketUsernameField id="git-username" value={username} onInput={setUsername} />}
      <button class="primary" type="submit" disabled={validating || !token.trim() || !canCheck}>
        {validating ? t('checking') : t('checkToken')}
      </button>
    </form>
  );
};
