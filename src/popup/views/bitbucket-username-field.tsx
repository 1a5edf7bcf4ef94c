import { t } from '../../ui/i18n';

/** Bitbucket Cloud needs the account's username or email beside an API token or app password. */
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
    <label for={id}>{t('bitbucketUsernameLabel')}</label>
    <input
      id={id}
      type="text"
      autocomplete="username"
      value={value}
      onInput={(e) => onInput((e.target as HTMLInputElement).value)}
    />
  </div>
);
