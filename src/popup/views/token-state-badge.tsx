import type { TokenState } from '../../shared/runtime-types';
import { t } from '../../ui/i18n';

const CLASS: Record<TokenState['kind'], string> = {
  none: 'muted',
  valid: 'ok',
  invalid: 'bad',
  unknown: 'warn',
};

/** The user's token state on one runtime, in words (never colour alone). */
export const TokenStateBadge = ({ state }: { state: TokenState }) => (
  <span class={`badge ${CLASS[state.kind]}`} title={state.kind === 'unknown' ? state.message : undefined}>
    {t(`tokenState_${state.kind}`)}
  </span>
);
