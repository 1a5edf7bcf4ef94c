import { ConfirmButton } from '../../ui/confirm-button';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';

/**
 * Access to the Codefresh platform was withdrawn in the browser: the API key is kept and not sent.
 * The user allows access again (asked inside this click) or forgets the key.
 */
export const PlatformAccessBanner = () => {
  const status = usePopup((s) => s.status);
  const { allowAccess, forgetApiKey } = usePopupActions();
  if (!status?.platformNeedsAccess || !status.account) return null;
  const origin = status.platformOrigin;
  return (
    <div class="card warn" role="note">
      <p>{t('platformNeedsAccess', origin)}</p>
      <div class="actions">
        <button type="button" onClick={() => void allowAccess(origin)}>
          {t('allowAccessAgain', new URL(origin).host)}
        </button>
        <ConfirmButton
          label={t('forgetApiKey')}
          question={t('forgetApiKeyQuestion', origin)}
          confirmLabel={t('forgetConfirm')}
          onConfirm={() => forgetApiKey()}
        />
      </div>
    </div>
  );
};
