import { useEffect, useRef } from 'preact/hooks';
import { revocationPlan } from '../../providers/revocation';
import type { AccountChoice } from '../../shared/messages/status';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import { useInlineConfirm } from '../../ui/confirm-button';
import { t } from '../../ui/i18n';
import type { SavedToken } from '../popup-api';
import { providerLine } from '../slices/leak';
import { usePopup, usePopupActions } from '../store-context';

/**
 * "This token leaked" on a saved token: asks first, listing what will happen (revoke at the provider,
 * remove from its runtimes, forget the saved copy), then hands the whole job to the worker. Escape or
 * Cancel returns to the button, as the other confirmations do.
 */
export const LeakButton = ({ record, label }: { readonly record: SavedToken; readonly label: string }) => {
  const { asking, ask, done, cancel, onKeyDown, confirmRef, triggerRef } = useInlineConfirm();
  const busy = usePopup((s) => s.leakBusy);
  const status = usePopup((s) => s.status);
  const { reportLeak } = usePopupActions();

  if (!asking) {
    return (
      <button type="button" class="danger" ref={triggerRef} disabled={busy} onClick={ask}>
        {t('leakButton')}
      </button>
    );
  }
  const plan = record.provider ? revocationPlan(record.provider, record.apiUrl) : null;
  const others = record.otherAccounts ?? [];
  return (
    <fieldset class="leak-confirm" onKeyDown={onKeyDown}>
      <legend>{t('leakQuestion', label)}</legend>
      <ul>
        {plan && (
          <li>
            {record.unreadable
              ? t('leakStepRevokeUnreadable', plan.place)
              : plan.how === 'api'
                ? t('leakStepRevokeApi', plan.place)
                : t('leakStepRevokePage', plan.place)}
          </li>
        )}
        {others.length === 0 ? (
          <li>
            {record.runtimes.length > 0
              ? t('leakStepRuntimes', record.runtimes.join(', '))
              : t('leakStepNoRuntimes')}
          </li>
        ) : (
          record.runtimes.length > 0 && (
            <li>
              {t('leakStepRuntimesInAccount', [
                record.runtimes.join(', '),
                status?.account?.accountName ?? '',
              ])}
            </li>
          )
        )}
        {others.map((o) => (
          <li key={o.accountId}>
            {t('leakStepOtherAccount', [o.runtimes.join(', '), nameOf(status?.accounts ?? [], o.accountId)])}
          </li>
        ))}
        <li>{t('leakStepForget')}</li>
      </ul>
      <button
        type="button"
        class="danger"
        ref={confirmRef}
        disabled={busy}
        onClick={async () => {
          await reportLeak(record.id, label);
          done();
        }}
      >
        {busy ? t('leakWorking') : t('leakConfirm')}
      </button>{' '}
      <button type="button" onClick={cancel}>
        {t('cancel')}
      </button>
    </fieldset>
  );
};

/** An account's display name among the signed-in ones; its id when it is not (any more) one of them. */
const nameOf = (accounts: readonly AccountChoice[], accountId: string) =>
  accounts.find((a) => a.accountId === accountId)?.accountName ?? accountId;

/** One account's runtimes: removed, or why not. */
const RuntimeResults = ({ runtimes }: { readonly runtimes: readonly RuntimeApplyResult[] }) => (
  <ul class="results">
    {runtimes.map((r) => (
      <li key={r.runtimeName} class={r.ok ? 'ok' : 'bad'}>
        <span class="runtime-name">{r.runtimeName}</span>{' '}
        <span>{r.ok ? t('leakResultRemoved') : r.error.message}</span>
      </li>
    ))}
  </ul>
);

/**
 * What was done at the provider and on each runtime, and whether the saved copy is gone. With other
 * accounts' runtimes in it, each account's runtimes come under its name (names repeat across accounts).
 */
export const LeakResults = () => {
  const leak = usePopup((s) => s.leak);
  const activeName = usePopup((s) => s.status?.account?.accountName ?? '');
  const { dismissLeak } = usePopupActions();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The button that asked is gone with the saved token: the results take the focus.
    if (leak) headingRef.current?.focus();
  }, [leak]);
  if (!leak) return null;
  const { provider, runtimes, forgotten, forgetError, otherAccounts = [] } = leak.answer;
  const revoked = provider.outcome === 'revoked' || provider.outcome === 'already-invalid';
  return (
    <section class="card" aria-labelledby="leak-heading">
      <h2 id="leak-heading" ref={headingRef} tabIndex={-1}>
        {t('leakResultsHeading')}: {leak.label}
      </h2>
      <p class={revoked ? 'ok' : 'bad'}>{providerLine(provider, t)}</p>
      {'link' in provider && (
        <p>
          <a href={provider.link} target="_blank" rel="noreferrer noopener">
            {t('leakOpenTokenPage', provider.place)}
          </a>
        </p>
      )}
      {otherAccounts.length === 0
        ? runtimes.length > 0 && <RuntimeResults runtimes={runtimes} />
        : [{ accountId: '', accountName: activeName, runtimes }, ...otherAccounts]
            .filter((a) => a.runtimes.length > 0)
            .map((a) => (
              <section key={a.accountId} aria-label={t('leakResultsAccount', a.accountName)}>
                <h3>{t('leakResultsAccount', a.accountName)}</h3>
                <RuntimeResults runtimes={a.runtimes} />
              </section>
            ))}
      {forgotten ? (
        <p class={revoked ? 'ok' : 'warn'}>
          {revoked ? t('leakResultForgotten') : t('leakResultForgottenNotRevoked')}
        </p>
      ) : (
        <p class="bad">{forgetError?.message ?? t('leakForgetFailed')}</p>
      )}
      <button type="button" onClick={dismissLeak}>
        {t('dismiss')}
      </button>
    </section>
  );
};
