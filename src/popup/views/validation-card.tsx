import type { TokenValidation } from '../../shared/validation-types';
import { t, tOr } from '../../ui/i18n';
import { formatExpiry } from '../format';

/** What the worker learned about the pasted token; missing scopes and blockers stand out. */
export const ValidationCard = ({ validation }: { validation: TokenValidation }) => {
  const missing = new Set(validation.missingScopes);
  const scopes = validation.scopes;
  return (
    <section class="card" aria-label={t('validationSection')}>
      <dl class="facts">
        <dt>{t('owner')}</dt>
        <dd>{validation.login ?? t('unknown')}</dd>
        <dt>{t('tokenType')}</dt>
        <dd>{tOr(`tokenType_${validation.tokenType.replaceAll('-', '_')}`, validation.tokenType)}</dd>
        <dt>{t('scopes')}</dt>
        <dd>
          {scopes === null ? (
            <span class="muted">{t('scopesUnknown')}</span>
          ) : (
            <ul class="chips" aria-label={t('scopes')}>
              {scopes.map((s) => (
                <li key={s}>{s}</li>
              ))}
              {validation.missingScopes.map((s) => (
                <li key={`missing-${s}`} class="chip-missing">
                  {t('scopeMissing', s)}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('expires')}</dt>
        <dd>{formatExpiry(validation.expiresAt, validation.expiryKnown)}</dd>
        {validation.repoAccess && (
          <>
            <dt>{t('repoAccessLabel')}</dt>
            <dd>
              {t(
                validation.repoAccess.canRead ? 'repoAccessReadable' : 'repoAccessNotVisible',
                validation.repoAccess.repo,
              )}
            </dd>
          </>
        )}
      </dl>
      {validation.blockers.length > 0 && (
        <ul class="problems" aria-label={t('blockers')}>
          {validation.blockers.map((b) => (
            <li key={b.code} class="bad" data-code={b.code}>
              {b.message}{' '}
              {b.link && (
                <a href={b.link} target="_blank" rel="noreferrer noopener">
                  {b.code === 'token-sso-required' ? t('authorizeSso') : t('fixIt')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {validation.warnings.length > 0 && (
        <ul class="problems" aria-label={t('warnings')}>
          {validation.warnings.map((w) => (
            <li key={w.code} class="warn" data-code={w.code}>
              {w.message}{' '}
              {w.link && (
                <a href={w.link} target="_blank" rel="noreferrer noopener">
                  {t('openTokenSettings')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {missing.size > 0 && (
        <p>
          <a href={validation.createTokenUrl} target="_blank" rel="noreferrer noopener">
            {t('createTokenLink')}
          </a>
        </p>
      )}
    </section>
  );
};
