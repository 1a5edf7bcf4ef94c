import { useEffect, useState } from 'preact/hooks';
import { getExpiryStatus, setExpirySettings } from '../../shared/messages/expiry';
import { t } from '../../ui/i18n';
import { askWorker } from '../../ui/worker-client';
import { OutcomeLine, useRequest } from '../use-request';

/** How far ahead saved tokens warn, and whether the watch may raise notifications. */
export const ExpirySection = () => {
  const [leadDays, setLeadDays] = useState('7');
  const [notifications, setNotifications] = useState(true);
  const { outcome, send } = useRequest();

  useEffect(() => {
    void askWorker(getExpiryStatus, {}).then((answer) => {
      if (!answer.ok) return;
      setLeadDays(String(answer.value.settings.leadDays));
      setNotifications(answer.value.settings.notifications);
    });
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    await send(setExpirySettings, { leadDays: Number(leadDays), notifications }, t('expirySettingsSaved'));
  };

  return (
    <form class="card" aria-labelledby="expiry-settings-heading" onSubmit={save}>
      <h2 id="expiry-settings-heading">{t('expirySettingsHeading')}</h2>
      <div class="field">
        <label for="lead-days">{t('leadDaysLabel')}</label>
        <input
          id="lead-days"
          type="number"
          min={1}
          max={90}
          value={leadDays}
          onInput={(e) => setLeadDays((e.target as HTMLInputElement).value)}
        />
      </div>
      <label>
        <input
          type="checkbox"
          checked={notifications}
          onChange={(e) => setNotifications((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('expiryNotificationsLabel')}
      </label>
      <div>
        <button type="submit">{t('save')}</button>
      </div>
      <OutcomeLine outcome={outcome} />
    </form>
  );
};
