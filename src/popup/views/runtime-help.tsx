import type { RuntimeView } from '../../shared/runtime-types';
import { t } from '../../ui/i18n';
import { openOptionsAt } from '../../ui/options-link';

/** Reasons that mean the address may be wrong: the user can give the runtime another one. */
const ADDRESS_MAY_BE_WRONG: ReadonlySet<string> = new Set(['unreachable', 'not-there']);

/**
 * Next steps for a runtime whose app-proxy did not answer as one: set another address for it on
 * the options page (where host access can be asked for in the click).
 */
export const RuntimeHelp = ({ runtime }: { runtime: RuntimeView }) => {
  if (runtime.token.kind !== 'unknown' || !ADDRESS_MAY_BE_WRONG.has(runtime.token.reason)) return null;
  return (
    <button
      type="button"
      aria-label={t('setAppProxyAddressFor', runtime.name)}
      onClick={() => void openOptionsAt('overrides', runtime.name)}
    >
      {t('setAppProxyAddress')}
    </button>
  );
};
