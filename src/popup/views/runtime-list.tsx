import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { FILTER_ABOVE, groupRuntimes, type NeedGroup } from '../runtime-groups';
import { usePopup, usePopupActions } from '../store-context';
import { RuntimeRow } from './runtime-row';
import { CheckingBadge } from './token-state-badge';

/** Each group's heading, with its count (literal keys, so the locale test sees each one). */
const GROUP_HEADING: Record<NeedGroup, (count: string) => string> = {
  'needs-token': (n) => t('runtimeGroupNeedsToken', n),
  invalid: (n) => t('runtimeGroupInvalid', n),
  fine: (n) => t('runtimeGroupFine', n),
  unavailable: (n) => t('runtimeGroupUnavailable', n),
};

/** Many runtimes: the list can be narrowed by name (only what is shown; the targets stay). */
const RuntimeFilter = ({ value, onInput }: { value: string; onInput: (value: string) => void }) => (
  <div class="field">
    <label for="runtime-filter">{t('runtimeFilterLabel')}</label>
    <input
      id="runtime-filter"
      type="search"
      value={value}
      onInput={(e) => onInput((e.target as HTMLInputElement).value)}
    />
  </div>
);

/**
 * Every runtime with the user's token state, grouped by what it needs. With a checked token in
 * hand it becomes the target picker: presets for the common choices, a checkbox per runtime; the
 * buttons that act on the choice are in the action bar, which stays in view.
 */
export const RuntimeList = () => {
  const runtimes = usePopup((s) => s.runtimes);
  const checking = usePopup((s) => s.checking);
  const stale = usePopup((s) => s.runtimesStale);
  const loading = usePopup((s) => s.runtimesLoading);
  const validation = usePopup((s) => s.draft?.validation ?? null);
  const blocked = usePopup((s) => (s.draft?.validation.blockers.length ?? 0) > 0);
  const { preset, refreshRuntimes } = usePopupActions();
  const [filter, setFilter] = useState('');
  const picking = validation !== null && !blocked;
  const filterable = runtimes.length + checking.length > FILTER_ABOVE;
  const shown = groupRuntimes(runtimes, checking, filterable ? filter : '');
  const nothingMatches = shown.groups.length === 0 && shown.checking.length === 0;

  return (
    <section class="card" aria-labelledby="runtimes-heading" aria-busy={loading}>
      <div class="row">
        <h2 id="runtimes-heading">{t('runtimesHeading')}</h2>
        <button type="button" onClick={() => void refreshRuntimes()} disabled={loading}>
          {loading ? t('refreshing') : t('refresh')}
        </button>
      </div>
      {stale && <p class="muted">{t('staleList')}</p>}
      {picking && (
        <fieldset class="presets">
          <legend class="sr-only">{t('presetsLabel')}</legend>
          <button type="button" onClick={() => preset('focused')}>
            {t('presetThis')}
          </button>
          <button type="button" onClick={() => preset('missing')}>
            {t('presetMissing')}
          </button>
          <button type="button" onClick={() => preset('invalid')}>
            {t('presetInvalid')}
          </button>
          <button type="button" onClick={() => preset('none')}>
            {t('presetNone')}
          </button>
        </fieldset>
      )}
      {filterable && <RuntimeFilter value={filter} onInput={setFilter} />}
      {filterable && filter.trim() && nothingMatches && (
        <p class="muted">{t('runtimeFilterNoMatch', filter.trim())}</p>
      )}
      {shown.groups.map(({ group, runtimes: members }) => (
        <div key={group} class="runtime-group">
          <h3 id={`group-${group}-heading`}>{GROUP_HEADING[group](String(members.length))}</h3>
          <ul class="runtimes" aria-labelledby={`group-${group}-heading`}>
            {members.map((r) => (
              <RuntimeRow key={r.name} runtime={r} picking={picking} />
            ))}
          </ul>
        </div>
      ))}
      {shown.checking.length > 0 && (
        <div class="runtime-group">
          <h3 id="group-checking-heading">{t('runtimeGroupChecking', String(shown.checking.length))}</h3>
          <ul class="runtimes" aria-labelledby="group-checking-heading">
            {shown.checking.map((name) => (
              <li key={name}>
                <span class="runtime-name">{name}</span>
                <CheckingBadge />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
};
