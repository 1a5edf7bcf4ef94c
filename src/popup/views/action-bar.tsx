import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';
import { selectTargets } from '../targets';

/**
 * The bar is fixed to the bottom of the popup, out of the flow: the popup keeps room for it at its
 * end (`--action-bar-height`, read by theme.css), so the last rows never hide under it.
 */
const useReservedRoom = (bar: RefObject<HTMLElement | null>) => {
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const reserve = () => root.style.setProperty('--action-bar-height', `${element.offsetHeight}px`);
    reserve();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(reserve) : null;
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      root.style.removeProperty('--action-bar-height');
    };
  }, [bar]);
};

/**
 * What to do with a token that checked out, always in view: a toolbar popup is at most 600 px
 * high and a list of 200 runtimes scrolls far below it (issue 22 §4). The one click after a paste
 * adds it to every runtime of the account that has none and fits it, wherever the popup was
 * opened; the other button adds it to the runtimes picked in the list.
 */
export const ActionBar = () => {
  const usable = usePopup((s) => s.draft !== null && s.draft.validation.blockers.length === 0);
  return usable ? <Bar /> : null;
};

/** Mounted only with a usable token, so the room it reserves comes and goes with it. */
const Bar = () => {
  // Each slice is a stable reference; the list of names is worked out here, not in a selector.
  const validation = usePopup((s) => s.draft?.validation ?? null);
  const runtimes = usePopup((s) => s.runtimes);
  const focused = usePopup((s) => s.focused);
  const targets = usePopup((s) => s.targets);
  const keep = usePopup((s) => s.keep);
  const keepAllowed = usePopup((s) => s.status?.policy.keepTokensAllowed ?? true);
  const applying = usePopup((s) => s.applying);
  const results = usePopup((s) => s.results);
  const { apply, setKeep } = usePopupActions();
  const bar = useRef<HTMLDivElement>(null);
  useReservedRoom(bar);
  // Just added: not offered again while the list is read again (its rows keep their old state).
  const added = new Set(results?.flatMap((r) => (r.ok ? [r.runtimeName] : [])));
  const missing = selectTargets(runtimes, 'missing', focused, validation).filter((n) => !added.has(n));

  return (
    <div class="action-bar" ref={bar}>
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
      <div class="actions">
        {missing.length > 0 && (
          <button
            class="primary"
            type="button"
            disabled={applying}
            onClick={() => void apply('draft', missing)}
          >
            {missing.length === 1
              ? t('addToOnlyMissing', missing[0]!)
              : t('addToAllMissing', String(missing.length))}
          </button>
        )}
        <button
          class={missing.length > 0 ? undefined : 'primary'}
          type="button"
          disabled={applying || targets.length === 0}
          onClick={() => void apply('draft')}
        >
          {targets.length === 1 ? t('addToOne', targets[0]!) : t('addToMany', String(targets.length))}
        </button>
      </div>
    </div>
  );
};
