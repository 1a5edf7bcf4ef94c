import { t } from './i18n';

/** The lead times offered for automatic rotation, in days before expiry (issue 24). */
const AUTO_CHOICES = [3, 7, 14, 30];

/**
 * A saved GitLab token's automatic-rotation choice, Off by default, the same in the popup and the
 * options page. A value set elsewhere (not one of the choices) is offered too, so it shows as it is.
 */
export const AutoRotationSelect = (props: {
  id: string;
  days: number | null;
  disabled?: boolean;
  onChange(days: number | null): void;
}) => (
  <select
    id={props.id}
    disabled={props.disabled}
    value={props.days === null ? 'off' : String(props.days)}
    onChange={(e) => {
      const value = (e.currentTarget as HTMLSelectElement).value;
      props.onChange(value === 'off' ? null : Number(value));
    }}
  >
    <option value="off">{t('rotationAutoOff')}</option>
    {[...new Set([...AUTO_CHOICES, ...(props.days === null ? [] : [props.days])])]
      .sort((a, b) => a - b)
      .map((d) => (
        <option key={d} value={String(d)}>
          {t('rotationAutoDays', String(d))}
        </option>
      ))}
  </select>
);
