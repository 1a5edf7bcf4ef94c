import { providerLabel } from '../../providers/registry';
import { tokenFitsRuntime } from '../../shared/token-fit';
import { ConfirmButton } from '../../ui/confirm-button';
import { t } from '../../ui/i18n';
import { formatExpiry } from '../format';
import { usePopup, usePopupActions } from '../store-context';
import { selectTargets } from '../targets';
import { RotateNowButton, SavedTokenRotation } from './gitlab-rotation';
import { LeakButton } from './leaked-token';

/** Saved tokens by metadata only; each can be reused in one click without being seen or pasted. */
export const SavedTokens = () => {
  const saved = usePopup((s) => s.saved);
  const focused = usePopup((s) => s.focused);
  const runtimes = usePopup((s) => s.runtimes);
  const applying = usePopup((s) => s.applying);
  const { apply, removeSaved, startRotation, allowAccess } = usePopupActions();
  if (saved.length === 0) return null;

  return (
    <section class="card" aria-labelledby="saved-heading">
      <h2 id="saved-heading">{t('savedHeading')}</h2>
      <ul class="saved">
        {saved.map((record) => {
          const provider = record.provider ? providerLabel(record.provider, record.apiUrl) : '';
          const label = `${record.login ?? t('unknown')} · ${provider} ···${record.lastFour}`;
          const fits = runtimes.filter((r) => tokenFitsRuntime(record, r));
          const missing = selectTargets(fits, 'missing', null, null);
          const focusedFits = focused !== null && fits.some((r) => r.name === focused);
          const usable = !record.unreadable && !record.needsAccess;
          return (
            <li key={record.id} aria-label={label}>
              <div>
                <strong>{label}</strong>
              </div>
              {record.unreadable ? (
                <p class="bad">{record.unreadable.message}</p>
              ) : record.needsAccess ? (
                <p class="warn">{t('savedNeedsAccess', new URL(record.needsAccess).host)}</p>
              ) : (
                <p class="muted">
                  {t('expires')}: {formatExpiry(record.expiresAt)} ·{' '}
                  {record.runtimes.length > 0 ? t('usedOn', record.runtimes.join(', ')) : t('usedNowhere')}
                </p>
              )}
              {/* The card's own actions come first and the "Use on" ones, which need the runtime list and
                  the tab's runtime (both arrive after the card), last: a button that appears later then
                  moves none under the pointer (a click meant for This token leaked once landed on
                  Replace everywhere, which closes the card; docs/firefox.md). */}
              <div class="actions">
                {record.needsAccess && (
                  <button type="button" onClick={() => void allowAccess(record.needsAccess!)}>
                    {t('allowAccessAgain', new URL(record.needsAccess).host)}
                  </button>
                )}
                {usable && record.runtimes.length > 0 && (
                  <button type="button" disabled={applying} onClick={() => startRotation(record.id)}>
                    {t('replaceEverywhere')}
                  </button>
                )}
                <LeakButton record={record} label={label} />
                {usable && <RotateNowButton recordId={record.id} />}
                <ConfirmButton
                  label={t('forget')}
                  question={t('forgetQuestion', label)}
                  confirmLabel={t('forgetConfirm')}
                  onConfirm={() => removeSaved(record.id)}
                />
                {usable && focusedFits && (
                  <button
                    type="button"
                    disabled={applying}
                    onClick={() => void apply({ recordId: record.id }, [focused!])}
                  >
                    {t('useOn', focused!)}
                  </button>
                )}
                {usable && missing.length > 0 && (
                  <button
                    type="button"
                    disabled={applying}
                    onClick={() => void apply({ recordId: record.id }, missing)}
                  >
                    {t('useOnMissing', String(missing.length))}
                  </button>
                )}
              </div>
              <SavedTokenRotation record={record} />
            </li>
          );
        })}
      </ul>
    </section>
  );
};
