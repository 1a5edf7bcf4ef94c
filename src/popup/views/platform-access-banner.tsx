import { ConfirmButton } from '../../ui/confirm-button';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';

/**
 * Access to the Codefresh platform was withdrawn in the browser: the API keys are kept and not sent.
 * Every key saved for the platform goes only to its origin, so the withdrawal concerns all of them
 * alike: the user allows access again (asked inside this click) or forgets them, and with several
 * accounts the banner says how many keys and whose, so none is forgotten unawares.
 */
export const PlatformAccessBanner = () => {
  const status = usePopup((s) => s.status);
  const { allowAccess, forgetApiKey } = usePopupActions();
  if (!status?.platformNeedsAccess || !status.account) return null;
  const origin = status.platformOrigin;
  const count = status.accounts.length;
  const names = status.accounts.map((a) => a.accountName).join(', ');
  return (
    <div class="card warn" role="note">
      <p>
        {count > 1
          ? t('platformNeedsAccessKeys', [origin, String(count), names])
          : t('platformNeedsAccess', origin)}
      </p>
      <div class="actions">
        <button type="button" onClick={() => void allowAccess(origin)}>
          {t('allowAccessAgain', new URL(origin).host)}
        </button>
        {count > 1 ? (
          <ConfirmButton
            label={t('forgetApiKeys', String(count))}
            question={t('forgetApiKeysQuestion', [String(count), origin, names])}
            confirmLabel={t('forgetConfirm')}
            onConfirm={() => forgetApiKey(true)}
          />
        ) : (
          <ConfirmButton
            label={t('forgetApiKey')}
            question={t('forgetApiKeyQuestion', origin)}
            confirmLabel={t('forgetConfirm')}
            onConfirm={() => forgetApiKey()}
          />
        )}
      </div>
    </div>
  );
};
