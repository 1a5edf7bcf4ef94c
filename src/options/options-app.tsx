import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AppError } from '../shared/errors';
import { getStatus, type StatusView } from '../shared/messages/status';
import { resetVault } from '../shared/messages/vault';
import { t } from '../ui/i18n';
import { UnreadableVault } from '../ui/unreadable-vault';
import { askWorker } from '../ui/worker-client';
import { AccountSection } from './views/account-section';
import { DiagnosticsSection } from './views/diagnostics-section';
import { EraseSection } from './views/erase-section';
import { ExpirySection } from './views/expiry-section';
import { OverridesSection } from './views/overrides-section';
import { PlatformSection } from './views/platform-section';
import { RotationSection } from './views/rotation-section';
import { VaultSection } from './views/vault-section';

export const OptionsApp = () => {
  const [status, setStatus] = useState<StatusView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const reload = useCallback(() => {
    void askWorker(getStatus, {}).then((answer) =>
      answer.ok ? setStatus(answer.value) : setError(answer.error),
    );
  }, []);
  useEffect(reload, []);

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {error && <p role="alert">{error.message}</p>}
      {!status && !error && (
        <p class="skeleton" aria-busy="true">
          {t('loading')}
        </p>
      )}
      {status && status.policy.ignored.length > 0 && (
        <p class="warn">{t('policyIgnored', status.policy.ignored.join('; '))}</p>
      )}
      {status?.vault.unreadable && (
        <UnreadableVault
          reason={status.vault.unreadable.message}
          onErase={async () => {
            const answer = await askWorker(resetVault, { confirm: 'erase everything' });
            if (answer.ok) reload();
            else setError(answer.error);
          }}
        />
      )}
      {status && (
        <>
          <PlatformSection status={status} onChange={reload} />
          <AccountSection status={status} onChange={reload} />
          {status.account && <OverridesSection />}
          {status.account && <DiagnosticsSection />}
          <VaultSection status={status} onChange={reload} />
          <ExpirySection />
          <RotationSection />
          <EraseSection onChange={reload} />
        </>
      )}
    </main>
  );
};
