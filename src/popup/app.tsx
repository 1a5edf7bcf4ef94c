import { useEffect, useState } from 'preact/hooks';
import type { AppError } from '../shared/errors';
import { getStatus, type StatusView } from '../shared/messages/status';
import { t } from '../ui/i18n';
import { askWorker } from '../ui/worker-client';

export const App = () => {
  const [status, setStatus] = useState<StatusView | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void askWorker(getStatus, {}).then((answer) =>
      answer.ok ? setStatus(answer.value) : setError(answer.error),
    );
  }, []);

  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      {error && <p role="alert">{error.message}</p>}
      {!status && !error && <p aria-busy="true">{t('loading')}</p>}
      {status && (
        <section aria-label={t('statusSection')}>
          <p>{status.account ? t('signedInAs', status.account.name) : t('notSignedIn')}</p>
          <p class="muted">{t('versionLine', status.version)}</p>
        </section>
      )}
    </main>
  );
};
