import { useEffect, useState } from 'preact/hooks';
import { isGitLabPersonal, rotatesItself } from '../../providers/gitlab/rotatable';
import { providerLabel } from '../../providers/registry';
import { getRotationStatus, setAutoRotation } from '../../shared/messages/rotation';
import { listSaved, type SavedToken } from '../../shared/messages/vault';
import { AutoRotationSelect } from '../../ui/auto-rotation-select';
import { t } from '../../ui/i18n';
import { askWorker } from '../../ui/worker-client';
import { OutcomeLine, useRequest } from '../use-request';

const labelOf = (r: SavedToken) =>
  `${r.login ?? t('unknown')} · ${r.provider ? providerLabel(r.provider, r.apiUrl) : ''} ···${r.lastFour}`;

/**
 * Each saved GitLab token's automatic rotation (issue 24), as the popup's card sets it: Off, or a
 * number of days before expiry. Absent while no GitLab token is saved.
 */
export const RotationSection = () => {
  const [tokens, setTokens] = useState<readonly SavedToken[]>([]);
  const [auto, setAuto] = useState<Readonly<Record<string, number>>>({});
  const { busy, outcome, send, fail } = useRequest();

  useEffect(() => {
    void Promise.all([askWorker(listSaved, {}), askWorker(getRotationStatus, {})]).then(([saved, status]) => {
      if (!saved.ok) return fail(saved.error);
      if (!status.ok) return fail(status.error);
      setTokens(saved.value.filter((r) => isGitLabPersonal(r) && !r.unreadable));
      setAuto(status.value.auto);
    });
  }, []);

  if (tokens.length === 0 && outcome === null) return null;
  const rotatable = tokens.filter((r) => rotatesItself(r));

  const choose = async (recordId: string, days: number | null) => {
    const answer = await send(setAutoRotation, { recordId, days }, t('rotationAutoSaved'));
    if (answer.ok) setAuto(answer.value.auto);
  };

  return (
    <section class="card" aria-labelledby="rotation-settings-heading">
      <h2 id="rotation-settings-heading">{t('rotationSettingsHeading')}</h2>
      {rotatable.length < tokens.length && <p class="muted">{t('rotationAddSelfRotate')}</p>}
      {rotatable.map((record) => (
        <div class="field" key={record.id}>
          <label for={`options-auto-rotate-${record.id}`}>{t('rotationAutoFor', labelOf(record))}</label>
          <AutoRotationSelect
            id={`options-auto-rotate-${record.id}`}
            days={auto[record.id] ?? null}
            disabled={busy}
            onChange={(days) => void choose(record.id, days)}
          />
        </div>
      ))}
      <OutcomeLine outcome={outcome} />
    </section>
  );
};
