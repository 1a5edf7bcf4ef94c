import { useState } from 'preact/hooks';
import type { AccountChoice } from '../../shared/messages/status';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { lazyView } from './lazy-view';

// Asked for once per account: fetched when the user adds one (lazy-view.tsx).
const ApiKeyForm = lazyView(() => import('./api-key-form').then((m) => m.ApiKeyForm));

/** One empty list, so the selector's answer stays the same object between renders. */
const NO_ACCOUNTS: readonly AccountChoice[] = [];

/**
 * Under the popup's title: who is signed in and in which Codefresh account, a labelled select to
 * switch accounts (when there are several) and "Add another account", which opens the sign-in
 * form again. A switch starts the popup over on the other account (slices/account.ts).
 */
export const AccountSwitcher = () => {
  const account = usePopup((s) => s.status?.account ?? null);
  const accounts = usePopup((s) => s.status?.accounts ?? NO_ACCOUNTS);
  const ready = usePopup((s) => s.phase === 'ready');
  const { switchAccount } = usePopupActions();
  const [adding, setAdding] = useState(false);
  if (!account) return null;
  const active = accounts.find((a) => a.active);
  return (
    <>
      <p class="muted">{t('signedInAs', [account.name, account.accountName])}</p>
      {ready && (
        <div class="row account-switch">
          {accounts.length > 1 && active && (
            <label class="field">
              <span>{t('accountSwitchLabel')}</span>
              <select value={active.id} onChange={(e) => void switchAccount(e.currentTarget.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.accountName}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {t('accountAddAnother')}
          </button>
        </div>
      )}
      {ready && adding && <ApiKeyForm onCancel={() => setAdding(false)} />}
    </>
  );
};
