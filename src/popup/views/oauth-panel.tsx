import { OAUTH_BATCH_MAX, oauthProviderLabel, oauthProviderPath } from '../../shared/oauth-providers';
import type { RuntimeView } from '../../shared/runtime-types';
import { t } from '../../ui/i18n';
import { usePopup, usePopupActions } from '../store-context';

/** Installed, with an app-proxy address: the runtime can run its Git OAuth flow. */
const canAuthorize = (r: RuntimeView) => r.installationStatus === 'COMPLETED' && r.appProxyOrigin !== null;

/** Moves the user to the token field: the other way to give a runtime Git access. */
const focusTokenField = () => document.getElementById('git-token')?.focus();

/**
 * "Authorize with <provider>" for the focused runtime (docs/platform-contract.md §1c git-auth), next to
 * the token path: progress while the user answers the provider's page in the opened tab, then the
 * outcome; a failure says why and points to pasting a token instead.
 */
export const OAuthPanel = ({ runtime }: { runtime: RuntimeView }) => {
  const authorizing = usePopup((s) => s.authorizing);
  const progress = usePopup((s) => s.oauthProgress);
  const results = usePopup((s) => s.oauthResults);
  const { authorizeOAuth, dismissOAuth } = usePopupActions();
  // Every runtime that needs a token and has the flow: authorized one after another, each in its
  // own tab, since each needs the user's consent.
  const needing = usePopup((s) =>
    s.runtimes
      .filter(
        (r) =>
          canAuthorize(r) &&
          oauthProviderPath(r.gitProvider) !== null &&
          (r.token.kind === 'none' || r.token.kind === 'invalid'),
      )
      .map((r) => r.name)
      .join('\n'),
  );
  const provider = oauthProviderLabel(runtime);
  if (!provider) return null;
  const many = needing ? needing.split('\n') : [];

  return (
    <div class="oauth">
      <p class="row">
        <button
          type="button"
          disabled={authorizing || !canAuthorize(runtime)}
          onClick={() => void authorizeOAuth([runtime.name])}
        >
          {t('oauthAuthorizeWith', provider)}
        </button>
        <span class="muted">{t('oauthOrPaste')}</span>
      </p>
      {/* One `oauth/authorize` names at most OAUTH_BATCH_MAX runtimes: above that, say what to do. */}
      {many.length > 1 && many.length <= OAUTH_BATCH_MAX && (
        <p>
          <button type="button" disabled={authorizing} onClick={() => void authorizeOAuth(many)}>
            {t('oauthAuthorizeMany', String(many.length))}
          </button>
        </p>
      )}
      {many.length > OAUTH_BATCH_MAX && (
        <p class="muted">{t('oauthTooManyForOneClick', [String(many.length), String(OAUTH_BATCH_MAX)])}</p>
      )}
      {authorizing && (
        <ul class="results" aria-label={t('oauthProgressLabel')}>
          {Object.entries(progress).map(([name, state]) => (
            <li key={name}>
              <span class="runtime-name">{name}</span>{' '}
              <span class="muted">{t(`oauthProgress_${state}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {!authorizing && results && (
        <div role="status">
          <ul class="results">
            {results.map((r) => (
              <li key={r.runtimeName} class={r.ok ? 'ok' : 'bad'}>
                <span class="runtime-name">{r.runtimeName}</span>{' '}
                {r.ok ? (
                  <span>{t('oauthResultOk')}</span>
                ) : (
                  <>
                    <span>{r.error.message}</span>{' '}
                    <button
                      type="button"
                      onClick={() => {
                        dismissOAuth();
                        focusTokenField();
                      }}
                    >
                      {t('oauthPasteInstead')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          <button type="button" onClick={dismissOAuth}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </div>
  );
};
