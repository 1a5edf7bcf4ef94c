import type { JSX } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { selfRotatingCreateTokenUrl } from '../../providers/gitlab';
import { isGitLabPersonal, rotatesItself } from '../../providers/gitlab/rotatable';
import { canSelfRotate } from '../../providers/gitlab/scopes';
import { resolveGitApiUrl } from '../../shared/git-api-url';
import type { RotationJobView } from '../../shared/messages/rotation';
import { AutoRotationSelect } from '../../ui/auto-rotation-select';
import { t } from '../../ui/i18n';
import { useStore } from '../../ui/use-store';
import type { SavedToken } from '../popup-api';
import { RotationContext } from '../rotation-context';
import type { RotationControls } from '../rotation-state';
import { usePopup } from '../store-context';

/** Renders `Inner` only inside main.tsx's provider, handing it the controls. */
const withControls =
  <P,>(Inner: (props: P & { controls: RotationControls }) => JSX.Element | null) =>
  (props: P) => {
    const controls = useContext(RotationContext);
    return controls ? <Inner {...props} controls={controls} /> : null;
  };

const jobNote = (job: RotationJobView): string => {
  const open = job.runtimes.filter((n) => !job.results.some((r) => r.runtimeName === n && r.ok)).join(', ');
  if (job.phase === 'interrupted') return t('rotationInterrupted');
  if (job.phase === 'rotating') return t('rotationJobStarted');
  if (job.phase === 'needs-retry') return t('rotationJobNeedsRetry', open);
  return t('rotationJobRegistering', open);
};

/** "Rotate now" for a saved GitLab token whose scopes allow it (issue 24); also in the expiry warning. */
export const RotateNowButton = withControls<{ recordId: string }>(({ recordId, controls }) => {
  const busy = useStore(controls.store, (s) => s.busy);
  const job = useStore(controls.store, (s) => s.status.jobs.some((j) => j.recordId === recordId));
  const record = usePopup((s) => s.saved.find((r) => r.id === recordId));
  const wanted = useStore(controls.store, (s) => s.focusRequest === recordId);
  const shown = !!record && rotatesItself(record) && !job;
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The button may be drawn twice (expiry warning and saved card): the first one drawn takes focus.
    if (!wanted || !button.current || controls.store.getState().focusRequest !== recordId) return;
    button.current.focus();
    controls.focusTaken();
  }, [wanted, shown, recordId, controls]);
  if (!shown) return null;
  return (
    <button
      ref={button}
      type="button"
      disabled={busy !== null}
      onClick={() => void controls.rotate(recordId)}
    >
      {busy === recordId ? t('rotationRotating') : t('rotationRotateNow')}
    </button>
  );
});

/** What a saved GitLab token's card shows about rotation: the job left, the outcome, the automatic choice. */
export const SavedTokenRotation = withControls<{ record: SavedToken }>(({ record, controls }) => {
  const job = useStore(controls.store, (s) => s.status.jobs.find((j) => j.recordId === record.id));
  const auto = useStore(controls.store, (s) => s.status.auto[record.id] ?? null);
  const busy = useStore(controls.store, (s) => s.busy);
  const outcome = useStore(controls.store, (s) => s.outcome[record.id]);
  if (!isGitLabPersonal(record) || record.unreadable || record.needsAccess) return null;

  if (!canSelfRotate(record.scopes)) {
    const api = resolveGitApiUrl('GITLAB', record.apiUrl);
    return (
      <p class="muted">
        {t('rotationAddSelfRotate')}{' '}
        {api.ok && (
          <a href={selfRotatingCreateTokenUrl(api.value.webOrigin)} target="_blank" rel="noreferrer noopener">
            {t('rotationCreateSelfRotating')}
          </a>
        )}
      </p>
    );
  }

  const selectId = `auto-rotate-${record.id}`;
  return (
    <div class="rotation">
      {job && <p class={job.phase === 'interrupted' ? 'bad' : 'warn'}>{jobNote(job)}</p>}
      {job && (job.phase === 'registering' || job.phase === 'needs-retry') && (
        <button type="button" disabled={busy !== null} onClick={() => void controls.resume(record.id)}>
          {t('rotationFinish')}
        </button>
      )}
      {job?.phase === 'interrupted' && (
        <button type="button" onClick={() => void controls.dismiss(record.id)}>
          {t('dismiss')}
        </button>
      )}
      <div role="status" aria-live="polite">
        {outcome?.error && <p class="bad">{outcome.error.message}</p>}
        {outcome?.answer && (
          <>
            <p>
              {outcome.answer.pending
                ? t('rotationPartly')
                : t('rotationGitLabDone', outcome.answer.expiresAt.slice(0, 10))}
            </p>
            {outcome.answer.keepError && <p class="bad">{outcome.answer.keepError.message}</p>}
            <ul aria-label={t('rotationResultsLabel')}>
              {outcome.answer.results.map((r) => (
                <li key={r.runtimeName} class={r.ok ? '' : 'bad'}>
                  {r.ok
                    ? t('rotationResultOk', r.runtimeName)
                    : t('rotationResultFailed', [r.runtimeName, r.error.message])}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <label for={selectId}>{t('rotationAutoLabel')}</label>{' '}
      <AutoRotationSelect
        id={selectId}
        days={auto}
        onChange={(days) => void controls.setAuto(record.id, days)}
      />
    </div>
  );
});
