import { t } from '../ui/i18n';
import { usePopup, usePopupActions } from './store-context';
import { AccountSwitcher } from './views/account-switcher';
import { ActionBar } from './views/action-bar';
import { ApiKeyForm } from './views/api-key-form';
import { ApplyResults } from './views/apply-results';
import { ExpiryBanner } from './views/expiry-banner';
import { FocusedRuntime } from './views/focused-runtime';
import { LeakResults } from './views/leaked-token';
import { PlatformAccessBanner } from './views/platform-access-banner';
import { RotationForm } from './views/rotation-form';
import { RuntimeList } from './views/runtime-list';
import { SavedTokens } from './views/saved-tokens';
import { TokenForm } from './views/token-form';
import { UnlockForm } from './views/unlock-form';
import { UnreadablePanel } from './views/unreadable-panel';
import { ValidationCard } from './views/validation-card';

const ErrorBanner = () => {
  const error = usePopup((s) => s.error);
  const { dismissError } = usePopupActions();
  if (!error) return null;
  return (
    <div class="card bad" role="alert">
      <p>{error.message}</p>
      {error.link && (
        <p>
          <a href={error.link} target="_blank" rel="noreferrer noopener">
            {t('openHelpLink')}
          </a>
        </p>
      )}
      <button type="button" onClick={dismissError}>
        {t('dismiss')}
      </button>
    </div>
  );
};

/** The administrator requires a passphrase and none is set yet: say so, and where to set it. */
const PolicyBanner = () => {
  const needsPassphrase = usePopup(
    (s) => s.status?.policy.requirePassphrase === true && s.status.vault.mode === 'device',
  );
  const { openOptions } = usePopupActions();
  if (!needsPassphrase) return null;
  return (
    <div class="card warn" role="note">
      <p>{t('passphraseRequired')}</p>
      <button type="button" onClick={() => openOptions()}>
        {t('openOptions')}
      </button>
    </div>
  );
};

const Header = () => {
  const status = usePopup((s) => s.status);
  const phase = usePopup((s) => s.phase);
  const { lock } = usePopupActions();
  const canLock = phase === 'ready' && status?.vault.mode === 'passphrase' && !status.vault.locked;
  return (
    <header>
      <div class="row">
        <h1>{t('extName')}</h1>
        {canLock && (
          <button type="button" onClick={() => void lock()}>
            {t('lock')}
          </button>
        )}
      </div>
      <AccountSwitcher />
    </header>
  );
};

const Ready = () => {
  const draft = usePopup((s) => s.draft);
  const rotating = usePopup((s) => s.rotating !== null);
  return (
    <>
      <ExpiryBanner />
      <RotationForm />
      {!rotating && <FocusedRuntime />}
      {!rotating && <TokenForm />}
      {draft && <ValidationCard validation={draft.validation} />}
      {draft && !rotating && <ActionBar />}
      <ApplyResults />
      <LeakResults />
      <RuntimeList />
      {!rotating && <SavedTokens />}
    </>
  );
};

/** The popup: one screen whose body follows the store's phase; never blank while waiting. */
export const App = () => {
  const phase = usePopup((s) => s.phase);
  const announcement = usePopup((s) => s.announcement);
  return (
    <main class="popup">
      <Header />
      <ErrorBanner />
      <PolicyBanner />
      <PlatformAccessBanner />
      {phase === 'loading' && (
        <p class="skeleton" aria-busy="true">
          {t('loading')}
        </p>
      )}
      {phase === 'needs-api-key' && <ApiKeyForm />}
      {phase === 'unreadable' && <UnreadablePanel />}
      {phase === 'locked' && <UnlockForm />}
      {phase === 'ready' && <Ready />}
      <p class="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
    </main>
  );
};
