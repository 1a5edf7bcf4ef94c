import { useState } from 'preact/hooks';
import type { StatusView } from '../../shared/messages/status';
import {
  changePassphrase,
  disablePassphrase,
  enablePassphrase,
  setAutoLock,
} from '../../shared/messages/vault';
import { t } from '../../ui/i18n';
import { SecretField } from '../../ui/secret-field';
import { OutcomeLine, useRequest } from '../use-request';

/**
 * How saved tokens are protected. Device-key mode is said plainly to hide tokens from casual
 * reading only; passphrase mode protects them at rest. Switching keeps every record.
 */
export const VaultSection = ({ status, onChange }: { status: StatusView; onChange: () => void }) => {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [minutes, setMinutes] = useState('15');
  const { outcome, send } = useRequest();
  const passphraseMode = status.vault.mode === 'passphrase';

  /** Passphrases never outlive the request, whatever it came to. */
  const finish = ({ ok }: { ok: boolean }) => {
    setCurrent('');
    setNext('');
    setConfirm('');
    if (ok) onChange();
  };

  const mismatch = next !== confirm;
  const enable = async (e: Event) => {
    e.preventDefault();
    if (mismatch) return;
    finish(await send(enablePassphrase, { passphrase: next }, t('passphraseOn')));
  };
  const change = async (e: Event) => {
    e.preventDefault();
    if (mismatch) return;
    finish(
      await send(changePassphrase, { oldPassphrase: current, newPassphrase: next }, t('passphraseChanged')),
    );
  };
  const disable = async () =>
    finish(await send(disablePassphrase, { passphrase: current }, t('passphraseOff')));
  const saveMinutes = async (e: Event) => {
    e.preventDefault();
    await send(setAutoLock, { minutes: Number(minutes) }, t('autoLockSaved', minutes));
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
