import { t } from '../../ui/i18n';
import { batchSoFar, failuresFirst } from '../batch-view';
import { usePopup, usePopupActions } from '../store-context';

/** While adding: a count and each runtime as it answers. Failures come first in both lists. */
const Arriving = () => {
  const progress = usePopup((s) => s.progress);
  const { done, total, arrived } = batchSoFar(progress);
  return (
    <>
      <p class="batch-count" role="status" aria-atomic="true">
        {t('batchCount', [String(done), String(total)])}
      </p>
      <ul class="results">
        {arrived.map((r) => (
          <li key={r.runtimeName} class={r.failed ? 'bad' : 'ok'}>
            <span class="runtime-name">{r.runtimeName}</span>{' '}
            <span>{r.failed ? t('progress_failed') : t('progress_done')}</span>
          </li>
        ))}
      </ul>
    </>
  );
};

/** Progress while adding, then one result per runtime, kept until the user dismisses it. */
export const ApplyResults = () => {
  const results = usePopup((s) => s.results);
  const applying = usePopup((s) => s.applying);
  const keepError = usePopup((s) => s.keepError);
  const rotationReplaced = usePopup((s) => s.rotationReplaced);
  const { retry, dismissResults } = usePopupActions();
  if (!applying && !results) return null;

  return (
    <section class="card" aria-labelledby="results-heading">
      <h2 id="results-heading">{applying ? t('addingHeading') : t('resultsHeading')}</h2>
      {applying ? (
        <Arriving />
      ) : (
        <ul class="results">
          {failuresFirst(results!).map((r) => (
            <li key={r.runtimeName} class={r.ok ? 'ok' : 'bad'}>
              <span class="runtime-name">{r.runtimeName}</span>{' '}
              {r.ok ? (
                <span>{t('resultAdded')}</span>
              ) : (
                <>
                  <span>{r.error.message}</span>{' '}
                  <button type="button" onClick={() => void retry(r.runtimeName)}>
                    {t('retryOn', r.runtimeName)}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!applying && rotationReplaced !== null && (
        <p class={rotationReplaced ? 'ok' : 'warn'}>
          {rotationReplaced ? t('rotationDone') : t('rotationKeptOld')}
        </p>
      )}
      {keepError && <p class="warn">{keepError.message}</p>}
      {!applying && (
        <button type="button" onClick={dismissResults}>
          {t('dismiss')}
        </button>
      )}
    </section>
  );
};
