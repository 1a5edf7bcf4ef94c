import { t, tOr } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { lazyView } from './lazy-view';
import { CheckingBadge, TokenStateBadge } from './token-state-badge';

// Git OAuth is one of two ways to give access, chosen by few: its panel is fetched when a runtime
// is in focus, after the first paint (lazy-view.tsx).
const OAuthPanel = lazyView(() => import('./oauth-panel').then((m) => m.OAuthPanel));

/** The runtime this popup is about: detected from the tab (and how), or picked from the list. */
export const FocusedRuntime = () => {
  const focused = usePopup((s) => s.focused);
  const detection = usePopup((s) => s.detection);
  const runtimes = usePopup((s) => s.runtimes);
  const checking = usePopup((s) => s.checking);
  const loading = usePopup((s) => s.runtimesLoading && s.runtimes.length === 0 && s.checking.length === 0);
  const { focus } = usePopupActions();
  const runtime = runtimes.find((r) => r.name === focused);
  const detectedHere = detection?.runtimeName !== undefined && detection.runtimeName === focused;

  return (
    <section class="card" aria-labelledby="focused-heading">
      <h2 id="focused-heading">{t('runtimeHeading')}</h2>
      {loading && !focused ? (
        <p class="skeleton" aria-busy="true">
          {t('loadingRuntimes')}
        </p>
      ) : (
        <div class="field">
          <label for="runtime-picker">{t('runtimePickerLabel')}</label>
          <select
            id="runtime-picker"
            value={focused ?? ''}
            onChange={(e) => focus((e.target as HTMLSelectElement).value)}
          >
            {!focused && <option value="">{t('pickRuntime')}</option>}
            {focused && !runtime && !checking.includes(focused) && <option value={focused}>{focused}</option>}
            {runtimes.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
            {checking.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      )}
      {focused && (
        <p class="focused-facts">
          {detectedHere && detection && (
            <span class="muted">
              {tOr(`detectedBy_${detection.signal.replaceAll('-', '_')}`, detection.signal)} ·{' '}
            </span>
          )}
          {runtime ? (
            <>
              <span>{t('yourToken')} </span>
              <TokenStateBadge state={runtime.token} />
            </>
          ) : checking.includes(focused) ? (
            <>
              <span>{t('yourToken')} </span>
              <CheckingBadge />
            </>
          ) : (
            <span class="skeleton">{t('loading')}</span>
          )}
        </p>
      )}
      {runtime && <OAuthPanel runtime={runtime} />}
    </section>
  );
};
