import { providerLabel } from '../../providers/registry';
import { accountGitOf, otherGitOf } from '../../shared/account-git';
import type { RuntimeView } from '../../shared/runtime-types';
import { ConfirmButton } from '../../ui/confirm-button';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { fitsToken, isActionable } from '../targets';
import { RuntimeHelp } from './runtime-help';
import { CheckingBadge, TokenStateBadge } from './token-state-badge';

const canRemove = (r: RuntimeView) => r.token.kind === 'valid' || r.token.kind === 'invalid';

/** A runtime whose integration reports another Git provider than the account's says what it reports. */
const OtherGitNote = ({ runtime }: { runtime: RuntimeView }) => {
  const accountGit = accountGitOf(usePopup((s) => s.status?.account ?? null));
  const other = otherGitOf(runtime, accountGit);
  if (!other || !accountGit) return null;
  return (
    <p class="warn other-git">
      {t('runtimeReportsOtherGit', [
        providerLabel(other.provider, other.apiUrl),
        other.apiUrl ?? t('unknown'),
        providerLabel(accountGit.provider, accountGit.apiUrl),
      ])}
    </p>
  );
};

/**
 * Every runtime with the user's token state. With a checked token in hand it becomes the target
 * picker: presets for the common choices, a checkbox per runtime for any other selection.
 */
export const RuntimeList = () => {
  const runtimes = usePopup((s) => s.runtimes);
  const checking = usePopup((s) => s.checking);
  const stale = usePopup((s) => s.runtimesStale);
  const loading = usePopup((s) => s.runtimesLoading);
  const validation = usePopup((s) => s.draft?.validation ?? null);
  const blocked = usePopup((s) => (s.draft?.validation.blockers.length ?? 0) > 0);
  const targets = usePopup((s) => s.targets);
  const keep = usePopup((s) => s.keep);
  const keepAllowed = usePopup((s) => s.status?.policy.keepTokensAllowed ?? true);
  const applying = usePopup((s) => s.applying);
  const { preset, toggleTarget, setKeep, apply, refreshRuntimes, removeFromRuntime } = usePopupActions();
  const picking = validation !== null && !blocked;

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
      <ul class="runtimes">
        {runtimes.map((r) => {
          const selectable = picking && isActionable(r) && fitsToken(r, validation);
          const id = `target-${r.name}`;
          return (
            <li key={r.name}>
              {picking ? (
                <input
                  id={id}
                  type="checkbox"
                  checked={targets.includes(r.name)}
                  disabled={!selectable}
                  onChange={() => toggleTarget(r.name)}
                />
              ) : null}
              <label for={picking ? id : undefined} class="runtime-name">
                {r.name}
              </label>
              <span class="muted provider">
                {r.gitProvider ? providerLabel(r.gitProvider, r.gitApiUrl) : ''}
              </span>
              <TokenStateBadge state={r.token} />
              {!picking && <RuntimeHelp runtime={r} />}
              <OtherGitNote runtime={r} />
              {!picking && canRemove(r) && (
                <ConfirmButton
                  label={t('removeToken')}
                  question={t('removeTokenQuestion', r.name)}
                  confirmLabel={t('remove')}
                  onConfirm={() => removeFromRuntime(r.name)}
                />
              )}
            </li>
          );
        })}
        {checking.map((name) => (
          <li key={name}>
            <span class="runtime-name">{name}</span>
            <CheckingBadge />
          </li>
        ))}
      </ul>
      {picking && (
        <div class="apply-row">
          {keepAllowed ? (
            <label>
              <input
                type="checkbox"
                checked={keep}
                onChange={(e) => setKeep((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('keepToken')}
            </label>
          ) : (
            <p class="muted">{t('keepNotAllowed')}</p>
          )}
          <button
            class="primary"
            type="button"
            disabled={applying || targets.length === 0}
            onClick={() => void apply('draft')}
          >
            {targets.length === 1 ? t('addToOne', targets[0]!) : t('addToMany', String(targets.length))}
          </button>
        </div>
      )}
    </section>
  );
};
