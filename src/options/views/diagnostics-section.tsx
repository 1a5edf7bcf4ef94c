import { useEffect, useState } from 'preact/hooks';
import { listRuntimes } from '../../shared/messages/runtimes';
import { ConnectionCheck } from '../../ui/connection-check';
import { t } from '../../ui/i18n';
import { runtimeFromOptionsUrl } from '../../ui/options-link';
import { askWorker } from '../../ui/worker-client';

/**
 * Check connection per runtime. Opened from a runtime in the popup (`?runtime=…#diagnostics`), that
 * runtime is checked at once.
 */
export const DiagnosticsSection = () => {
  const [names, setNames] = useState<readonly string[]>([]);
  const opened = location.hash === '#diagnostics' ? runtimeFromOptionsUrl(location.search) : null;
  useEffect(() => {
    void askWorker(listRuntimes, { refresh: false }).then((answer) => {
      if (answer.ok) setNames(answer.value.runtimes.map((r) => r.name));
      if (opened) document.getElementById('diagnostics')?.scrollIntoView();
    });
  }, []);
  if (names.length === 0) return null;

  return (
    <section id="diagnostics" class="card" aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">{t('diagnosticsHeading')}</h2>
      <p class="muted">{t('diagnosticsHelp')}</p>
      <ul>
        {names.map((name) => (
          <li key={name}>
            <span class="runtime-name">{name}</span>{' '}
            <ConnectionCheck runtimeName={name} autoRun={name === opened} />
          </li>
        ))}
      </ul>
    </section>
  );
};
