import { rateLimited, retryAtFrom, unexpectedStatus } from '../../background/providers/git-request';
import { finishValidation, type ValidatorContext } from '../../background/providers/validation-result';
import { createTokenUrl } from '../../shared/create-token-links';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { TokenValidation } from '../../shared/validation-types';

/**
 * Bitbucket Data Center: one request, `HEAD /rest/api/1.0/application-properties` with Bearer,
 * read `X-AUSERNAME` (§7.2; Codefresh does the same). Bearer works for every HTTP token kind and,
 * unlike Basic, failures do not push the account towards a CAPTCHA lock (§7.1).
 * The token's permissions and expiry are not returned by any request (§7.3).
 */
export const validateBitbucketDc = async (ctx: ValidatorContext): Promise<TokenValidation> => {
  const response = await ctx.http.request('/application-properties', {
    method: 'HEAD',
    headers: { Authorization: `Bearer ${ctx.token}`, Accept: 'application/json' },
  });
  const host = ctx.api.displayHost;
  const link = createTokenUrl(ctx.provider, ctx.apiUrl);
  const login = response.headers.get('x-ausername');
  // application-properties also answers anonymous requests: no X-AUSERNAME means the token was ignored.
  if (response.status === 401 || (response.status === 200 && !login)) {
    throw new AppFailure('token-bad-credentials', text('gitBitbucketDcBadCredentials', [host]), { link });
  }
  if (response.status === 429) throw rateLimited(host, retryAtFrom(response.headers, ctx.now()), ctx.now());
  if (response.status !== 200 || !login) throw unexpectedStatus(response, host);
  return finishValidation(ctx, {
    login,
    tokenType: 'bitbucket-dc-http-token',
    family: 'not-checkable',
    scopes: null,
    expiresAt: null,
    expiryKnown: false,
    warnings: [
      {
        code: 'scopes-not-checkable',
        message: text('gitBitbucketDcScopesNotCheckable', [host]),
      },
    ],
  });
};
