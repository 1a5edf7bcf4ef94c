import { t } from '../../ui/i18n';

/**
 * Bitbucket Cloud API tokens authenticate as Basic `email:token` with the Atlassian account's
 * email (support.atlassian.com/bitbucket-cloud/docs/using-api-tokens), so the form asks for that,
 * and says why, instead of a username. App passwords, which took a username, are gone.
 */
export const BitbucketUsernameField = ({
  id,
  value,
  onInput,
}: {
  id: string;
  value: string;
  onInput: (value: string) => void;
}) => (
  <div class="field">
    <label for={id}>{t('bitbucketEmailLabel')}</label>
    <input
      id={id}
      type="email"
      autocomplete="email"
      aria-describedby={`${id}-help`}
      value={value}
      onInput={(e) => onInput((e.target as HTMLInputElement).value)}
    />
    <p id={`${id}-help`} class="muted">
      {t('bitbucketEmailHelp')}
    </p>
  </div>
);
