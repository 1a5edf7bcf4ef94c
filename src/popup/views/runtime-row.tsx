import { providerLabel } from '../../providers/registry';
import { accountGitOf, otherGitOf } from '../../shared/account-git';
import type { RuntimeView } from '../../shared/runtime-types';
import { ConfirmButton } from '../../ui/confirm-button';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { fitsToken, isActionable } from '../targets';
import { RuntimeHelp } from './runtime-help';
import { TokenStateBadge } from './token-state-badge';

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
 * One runtime with the user's token state. With a checked token in hand (`picking`) it has a
 * checkbox to make it a target; otherwise it offers what fits its state (help, Remove token).
 */
export const RuntimeRow = ({ runtime: r, picking }: { runtime: RuntimeView; picking: boolean }) => {
  const validation = usePopup((s) => s.draft?.validation ?? null);
  const targeted = usePopup((s) => s.targets.includes(r.name));
  const { toggleTarget, removeFromRuntime } = usePopupActions();
  const selectable = picking && isActionable(r) && fitsToken(r, validation);
  const id = `target-${r.name}`;
  return (
    <li>
      {picking ? (
        <input
          id={id}
          type="checkbox"
          checked={targeted}
          disabled={!selectable}
          onChange={() => toggleTarget(r.name)}
        />
      ) : null}
      <label for={picking ? id : undefined} class="runtime-name">
        {r.name}
      </label>
      <span class="muted provider">{r.gitProvider ? providerLabel(r.gitProvider, r.gitApiUrl) : ''}</span>
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
};
