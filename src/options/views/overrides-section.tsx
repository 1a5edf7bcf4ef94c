import { useEffect, useState } from 'preact/hooks';
import type { AppError } from '../../shared/errors';
import {
  type AppProxyOverrides,
  getOverrides,
  listRuntimes,
  setOverride,
} from '../../shared/messages/runtimes';
import { t } from '../../ui/i18n';
import { requestOriginAccess } from '../../ui/request-origin-access';
import { askWorker } from '../../ui/worker-client';

/**
 * Runtimes whose app-proxy Codefresh lists no usable address for (none, or an internal one this
 * browser cannot reach): the user gives the address, and access to it is asked for in the click.
 */
export const OverridesSection = () => {
  const [names, setNames] = useState<readonly string[]>([]);
  const [overrides, setOverrides] = useState<AppProxyOverrides>({});
  const [runtime, setRuntime] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void askWorker(listRuntimes, { refresh: false }).then((answer) => {
      if (answer.ok) setNames(answer.value.runtimes.map((r) => r.name));
    });
    void askWorker(getOverrides, {}).then((answer) => answer.ok && setOverrides(answer.value));
  }, []);
  if (names.length === 0 && Object.keys(overrides).length === 0) return null;

  const apply = async (runtimeName: string, origin: string | null) => {
    const answer = await askWorker(setOverride, { runtimeName, origin });
    setError(answer.ok ? null : answer.error);
    if (answer.ok) {
      setOverrides(answer.value);
      setAddress('');
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    const name = runtime || names[0] || '';
    requestOriginAccess(address, (origin) => apply(name, origin), setError);
  };

  return (
    <section class="card" aria-labelledby="overrides-heading">
      <h2 id="overrides-heading">{t('overridesHeading')}</h2>
      <p class="muted">{t('overridesHelp')}</p>
      {Object.keys(overrides).length > 0 && (
        <ul>
          {Object.entries(overrides).map(([name, origin]) => (
            <li key={name}>
              {name}: {origin}{' '}
              <button type="button" onClick={() => void apply(name, null)}>
                {t('overrideRemove', name)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save}>
        <div class="field">
          <label for="override-runtime">{t('runtimePickerLabel')}</label>
          <select
            id="override-runtime"
            value={runtime || names[0]}
            onChange={(e) => setRuntime((e.target as HTMLSelectElement).value)}
          >
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="override-address">{t('overrideAddressLabel')}</label>
          <input
            id="override-address"
            type="url"
            placeholder="https://argo.example.com"
            value={address}
            onInput={(e) => setAddress((e.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" disabled={!address.trim()}>
          {t('save')}
        </button>
      </form>
      {error && <p role="alert">{error.message}</p>}
    </section>
  );
};
