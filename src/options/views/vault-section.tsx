import { useState } from 'preact/hooks';
import type { AppError } from '../../shared/errors';
import type { StatusView } from '../../shared/messages/status';
import {
  changePassphrase,
  disablePassphrase,
  enablePassphrase,
  setAutoLock,
} from '../../shared/messages/vault';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { askWorker } from '../../ui/worker-client';

type Outcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: AppError };

const OutcomeLine = ({ outcome }: { outcome: Outcome | null }) =>
  outcome === null ? null : outcome.ok ? (
    <p role="status">{outcome.text}</p>
  ) : (
    <p role="alert">{outcome.error.message}</p>
  );

/**
 * How saved tokens are protected. Device-key mode is said plainly to hide tokens from casual
 * reading only; passphrase mode protects them at rest. Switching keeps every record.
 */
export const VaultSection = ({ status, onChange }: { status: StatusView; onChange: () => void }) => {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [minutes, setMinutes] = useState('15');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const passphraseMode = status.vault.mode === 'passphrase';

  const finish = (answer: { ok: true } | { ok: false; error: AppError }, text: string) => {
    setCurrent('');
    setNext('');
    setConfirm('');
    setOutcome(answer.ok ? { ok: true, text } : { ok: false, error: answer.error });
    if (answer.ok) onChange();
  };

  const mismatch = next !== confirm;
  const enable = async (e: Event) => {
    e.preventDefault();
    if (mismatch) return;
    finish(await askWorker(enablePassphrase, { passphrase: next }), t('passphraseOn'));
  };
  const change = async (e: Event) => {
    e.preventDefault();
    if (mismatch) return;
    finish(
      await askWorker(changePassphrase, { oldPassphrase: current, newPassphrase: next }),
      t('passphraseChanged'),
    );
  };
  const disable = async () =>
    finish(await askWorker(disablePassphrase, { passphrase: current }), t('passphraseOff'));
  const saveMinutes = async (e: Event) => {
    e.preventDefault();
    const answer = await askWorker(setAutoLock, { minutes: Number(minutes) });
    setOutcome(
      answer.ok ? { ok: true, text: t('autoLockSaved', minutes) } : { ok: false, error: answer.error },
    );
  };

  const newFields = (
    <>
      <SecretField id="new-passphrase" label={t('newPassphraseLabel')} value={next} onInput={setNext} />
      <SecretField
        id="confirm-passphrase"
        label={t('confirmPassphraseLabel')}
        value={confirm}
        onInput={setConfirm}
      />
      {mismatch && confirm.length > 0 && <p class="warn">{t('passphraseMismatch')}</p>}
    </>
  );

  return (
    <section class="card" aria-labelledby="vault-heading">
      <h2 id="vault-heading">{t('vaultHeading')}</h2>
      <p>{passphraseMode ? t('vaultPassphraseExplained') : t('vaultDeviceExplained')}</p>
      {!passphraseMode && (
        <form onSubmit={enable} aria-label={t('enablePassphrase')}>
          {newFields}
          <button class="primary" type="submit" disabled={next.length < 8 || mismatch}>
            {t('enablePassphrase')}
          </button>
          <p class="muted">{t('passphraseMinLength')}</p>
        </form>
      )}
      {passphraseMode && (
        <>
          <form onSubmit={change} aria-label={t('changePassphrase')}>
            <SecretField
              id="current-passphrase"
              label={t('currentPassphraseLabel')}
              value={current}
              onInput={setCurrent}
            />
            {newFields}
            <button type="submit" disabled={!current || next.length < 8 || mismatch}>
              {t('changePassphrase')}
            </button>{' '}
            <button type="button" disabled={!current} onClick={() => void disable()}>
              {t('disablePassphrase')}
            </button>
          </form>
          <form onSubmit={saveMinutes}>
            <div class="field">
              <label for="auto-lock">{t('autoLockLabel')}</label>
              <input
                id="auto-lock"
                type="number"
                min={1}
                max={1440}
                value={minutes}
                onInput={(e) => setMinutes((e.target as HTMLInputElement).value)}
              />
            </div>
            <button type="submit">{t('save')}</button>
          </form>
        </>
      )}
      <OutcomeLine outcome={outcome} />
    </section>
  );
};
