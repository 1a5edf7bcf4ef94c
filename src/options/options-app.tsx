import { t } from '../ui/i18n';

export const OptionsApp = () => (
  <main class="options">
    <h1>{t('optionsTitle')}</h1>
  </main>
);
