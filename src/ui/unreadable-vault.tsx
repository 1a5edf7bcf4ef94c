import { ConfirmButton } from './confirm-button';
import { t } from './i18n';

/**
 * The vault's header cannot be read (damaged, or written by a newer version): nothing saved can be
 * used, so the only way on is to erase it. Shown by the popup and the options page alike.
 */
export const UnreadableVault = ({ reason, onErase }: { reason: string; onErase: () => Promise<void> }) => (
  <section class="card bad" role="alert" aria-labelledby="vault-unreadable-heading">
    <h2 id="vault-unreadable-heading">{t('vaultUnreadableHeading')}</h2>
    <p>{reason}</p>
    <p>{t('vaultUnreadableHelp')}</p>
    <ConfirmButton
      label={t('eraseAndStartAgain')}
      question={t('eraseAndStartAgainQuestion')}
      confirmLabel={t('eraseAndStartAgainConfirm')}
      onConfirm={onErase}
    />
  </section>
);
