import type { RuntimeView } from '../../shared/runtime-types';
import { t } from '../../ui/i18n';
import { usePopupActions } from '../store-context';

/** Reasons that mean the address may be wrong: the user can give the runtime another one. */
const ADDRESS_MAY_BE_WRONG: ReadonlySet<string> = new Set(['unreachable', 'not-there']);
/** Reasons where a connection report helps (the runtime answered wrongly, or not at all). */
const WORTH_CHECKING: ReadonlySet<string> = new Set(['unreachable', 'not-there', 'app-proxy-down', 'error']);

/**
 * Next steps for a runtime that shows an error: Check connection (the options page runs it and
 * offers Copy report), and for a wrong or unreachable address, set another one.
 */
export const RuntimeHelp = ({ runtime }: { runtime: RuntimeView }) => {
  const { openOptions } = usePopupActions();
  if (runtime.token.kind !== 'unknown' || !WORTH_CHECKING.has(runtime.token.reason)) return null;
  return (
    <>
      <button
        type="button"
        aria-label={t('checkConnectionFor', runtime.name)}
        onClick={() => openOptions({ section: 'diagnostics', runtimeName: runtime.name })}
      >
        {t('checkConnection')}
      </button>
      {ADDRESS_MAY_BE_WRONG.has(runtime.token.reason) && (
        <button
          type="button"
          aria-label={t('setAppProxyAddressFor', runtime.name)}
          onClick={() => openOptions({ section: 'overrides', runtimeName: runtime.name })}
        >
          {t('setAppProxyAddress')}
        </button>
      )}
    </>
  );
};
