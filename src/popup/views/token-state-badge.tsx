import type { TokenState } from '../../shared/runtime-types';
import { t } from '../../ui/i18n';

const CLASS: Record<TokenState['kind'], string> = {
  none: 'muted',
  valid: 'ok',
  invalid: 'bad',
  unknown: 'warn',
};

/**
 * The user's token state on one runtime, in words (never colour alone). "Unavailable" says why in a
 * few words; the full explanation is the tooltip and the accessible description.
 */
/** A runtime listed by the platform whose state is still on its way. */
export const CheckingBadge = () => <span class="badge pending">{t('tokenState_checking')}</span>;

export const TokenStateBadge = ({ state }: { state: TokenState }) => (
  <span class={`badge ${CLASS[state.kind]}`} title={state.kind === 'unknown' ? state.message : undefined}>
    {t(`tokenState_${state.kind}`)}
    {state.kind === 'unknown' && (
      <span class="reason">
        {' · '}
        {t(`tokenReason_${state.reason.replaceAll('-', '_')}`)}
        <span class="sr-only">: {state.message}</span>
      </span>
    )}
  </span>
);
