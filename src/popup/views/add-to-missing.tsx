import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { selectTargets } from '../targets';

/**
 * The one click after a paste: as soon as the token checks out, add it to every runtime of the
 * account that has none (and fits it), wherever the popup was opened. Other selections stay in
 * the runtime list.
 */
export const AddToMissing = () => {
  // Each slice is a stable reference; the list of names is worked out here, not in a selector.
  const validation = usePopup((s) => s.draft?.validation ?? null);
  const runtimes = usePopup((s) => s.runtimes);
  const focused = usePopup((s) => s.focused);
  const applying = usePopup((s) => s.applying);
  const { apply } = usePopupActions();
  if (!validation || validation.blockers.length > 0) return null;
  const missing = selectTargets(runtimes, 'missing', focused, validation);
  if (missing.length === 0) return null;
  return (
    <div class="card add-to-missing">
      <button class="primary" type="button" disabled={applying} onClick={() => void apply('draft', missing)}>
        {missing.length === 1
          ? t('addToOnlyMissing', missing[0]!)
          : t('addToAllMissing', String(missing.length))}
      </button>
    </div>
  );
};
