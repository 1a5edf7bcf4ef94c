import { useState } from 'preact/hooks';
import { DEFAULT_PLATFORM_ORIGIN } from '../../shared/constants';
import { setPlatform } from '../../shared/messages/platform';
import type { StatusView } from '../../shared/messages/status';
import { t } from '../../ui/i18n';
import { requestOriginAccess } from '../../ui/request-origin-access';
import { OutcomeLine, useRequest } from '../use-request';

/**
 * Which Codefresh platform to use: the SaaS one or a self-hosted address. Host access to a
 * self-hosted origin is asked for in the Save click itself, the only moment a browser allows it.
 */
export const PlatformSection = ({ status, onChange }: { status: StatusView; onChange: () => void }) => {
  const selfHosted = status.platformOrigin !== DEFAULT_PLATFORM_ORIGIN;
  const [address, setAddress] = useState(selfHosted ? status.platformOrigin : '');
  const { outcome, send, fail } = useRequest();
  const allowed = status.policy.allowedPlatformHosts;

  const apply = async (origin: string | null) => {
    const answer = await send(setPlatform, { origin }, t('platformSaved'));
    if (answer.ok) onChange();
  };

  const save = (event: Event) => {
    event.preventDefault();
    requestOriginAccess(address, apply, fail);
  };

  return (
    <section class="card" aria-labelledby="platform-heading">
      <h2 id="platform-heading">{t('platformHeading')}</h2>
      <p>{t('platformInUse', status.platformOrigin)}</p>
      {allowed && <p class="muted">{t('platformPolicy', allowed.join(', '))}</p>}
      <form onSubmit={save}>
        <div class="field">
          <label for="platform-url">{t('platformUrlLabel')}</label>
          <input
            id="platform-url"
            type="url"
            inputMode="url"
            placeholder="https://codefresh.example.com"
            aria-describedby="platform-help"
            value={address}
            onInput={(e) => setAddress((e.target as HTMLInputElement).value)}
          />
        </div>
        <p id="platform-help" class="muted">
          {t('platformHelp')}
        </p>
        <button type="submit" disabled={!address.trim()}>
          {t('platformSave')}
        </button>{' '}
        {selfHosted && (
          <button type="button" onClick={() => void apply(null)}>
            {t('platformUseSaas')}
          </button>
        )}
      </form>
      <OutcomeLine outcome={outcome} />
    </section>
  );
};
