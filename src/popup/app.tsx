import { t } from '../ui/i18n';
import { usePopup, usePopupActions } from './store-context';
import { AccountSwitcher } from './views/account-switcher';
import { FocusedRuntime } from './views/focused-runtime';
import { lazyView } from './views/lazy-view';
import { PlatformAccessBanner } from './views/platform-access-banner';
import { RuntimeList } from './views/runtime-list';
import { TokenForm } from './views/token-form';
import { UnlockForm } from './views/unlock-form';
import { UnreadablePanel } from './views/unreadable-panel';

// Views that an open shows only once the user acts, when there is something to warn about or list,
// or once per account (the API key form): fetched when their state first needs them, so that the
// first paint runs less script (docs/performance.md, "popup JS"). Each is rendered only then.
const ApiKeyForm = lazyView(() => import('./views/api-key-form').then((m) => m.ApiKeyForm));
const ExpiryBanner = lazyView(() => import('./views/expiry-banner').then((m) => m.ExpiryBanner));
const RotationForm = lazyView(() => import('./views/rotation-form').then((m) => m.RotationForm));
const ValidationCard = lazyView(() => import('./views/validation-card').then((m) => m.ValidationCard));
const ActionBar = lazyView(() => import('./views/action-bar').then((m) => m.ActionBar));
const ApplyResults = lazyView(() => import('./views/apply-results').then((m) => m.ApplyResults));
const LeakResults = lazyView(() => import('./views/leaked-token').then((m) => m.LeakResults));
const SavedTokens = lazyView(() => import('./views/saved-tokens').then((m) => m.SavedTokens));

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
  const expiring = usePopup((s) => s.expiring.length > 0);
  const batch = usePopup((s) => s.applying || Boolean(s.results));
  const leak = usePopup((s) => Boolean(s.leak));
  const saved = usePopup((s) => s.saved.length > 0);
  return (
    <>
      {expiring && !rotating && <ExpiryBanner />}
      {rotating && <RotationForm />}
      {!rotating && <FocusedRuntime />}
      {!rotating && <TokenForm />}
      {draft && <ValidationCard validation={draft.validation} />}
      {draft && !rotating && <ActionBar />}
      {batch && <ApplyResults />}
      {leak && <LeakResults />}
      <RuntimeList />
      {saved && !rotating && <SavedTokens />}
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
