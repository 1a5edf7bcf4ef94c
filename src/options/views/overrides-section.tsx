import { useEffect, useState } from 'preact/hooks';
import {
  type AppProxyOverrides,
  getOverrides,
  listRuntimes,
  setOverride,
} from '../../shared/messages/runtimes';
import { t } from '../../ui/i18n';
import { runtimeFromOptionsUrl } from '../../ui/options-link';
import { requestOriginAccess } from '../../ui/request-origin-access';
import { askWorker } from '../../ui/worker-client';
import { OutcomeLine, useRequest } from '../use-request';

/**
 * The user's own app-proxy address for a runtime, used before anything Codefresh lists: for a runtime
 * with no usable address, or whose chosen one does not answer as an app-proxy. Access to it is asked
 * for in the click.
 */
export const OverridesSection = () => {
  const [names, setNames] = useState<readonly string[]>([]);
  const [overrides, setOverrides] = useState<AppProxyOverrides>({});
  // Opened from a runtime in the popup (`?runtime=`): that runtime is the one to give an address.
  const [runtime, setRuntime] = useState(() => runtimeFromOptionsUrl(location.search) ?? '');
  const [address, setAddress] = useState('');
  const { outcome, send, fail } = useRequest();

  useEffect(() => {
    void askWorker(listRuntimes, { refresh: false }).then((answer) => {
      if (answer.ok) setNames(answer.value.runtimes.map((r) => r.name));
      if (location.hash === '#overrides') document.getElementById('overrides')?.scrollIntoView();
    });
    // Addresses changed outside the extension are not used; the section says so (and still lets the user set them).
    void askWorker(getOverrides, {}).then((answer) =>
      answer.ok ? setOverrides(answer.value) : fail(answer.error),
    );
  }, []);
  if (names.length === 0 && Object.keys(overrides).length === 0 && outcome?.ok !== false) return null;

  const apply = async (runtimeName: string, origin: string | null) => {
    const answer = await send(setOverride, { runtimeName, origin });
    if (answer.ok) {
      setOverrides(answer.value);
      setAddress('');
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    const name = runtime || names[0] || '';
    requestOriginAccess(address, (origin) => apply(name, origin), fail);
  };

  return (
    <section id="overrides" class="card" aria-labelledby="overrides-heading">
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
      <OutcomeLine outcome={outcome} />
    </section>
  );
};
