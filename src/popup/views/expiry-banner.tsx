import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { RotateNowButton } from './gitlab-rotation';

/** Saved tokens that expired or expire soon, each with the one action that fixes it everywhere. */
export const ExpiryBanner = () => {
  const expiring = usePopup((s) => s.expiring);
  const rotating = usePopup((s) => s.rotating);
  const { startRotation } = usePopupActions();
  if (expiring.length === 0 || rotating) return null;
  return (
    <section class="card warn" aria-labelledby="expiry-heading">
      <h2 id="expiry-heading">{t('expiryHeading')}</h2>
      <ul class="expiring">
        {expiring.map((token) => {
          const who = `${token.login ?? t('unknown')} · ${token.provider ?? ''}`;
          return (
            <li key={token.tokenId}>
              <span>
                {token.state === 'expired'
                  ? t('expiringTokenAgo', [who, String(Math.abs(token.daysLeft))])
                  : t('expiringTokenIn', [who, String(token.daysLeft)])}
              </span>{' '}
              <button type="button" onClick={() => startRotation(token.tokenId)}>
                {t('replaceEverywhere')}
              </button>{' '}
              <RotateNowButton recordId={token.tokenId} />
            </li>
          );
        })}
      </ul>
    </section>
  );
};
