import { text } from '../../shared/i18n';
import type { TokenValidation } from '../../shared/validation-types';
import { finishValidation, type ValidatorContext } from './validation-result';

/**
 * Gerrit: Codefresh has no validator for it either (docs/platform-contract.md §4), so nothing is sent.
 * The result carries no blocker, only the `provider-not-checkable` warning; the UI asks the user
 * whether to submit anyway.
 */
export const validateGerrit = async (ctx: ValidatorContext): Promise<TokenValidation> =>
  finishValidation(ctx, {
    login: ctx.username ?? null,
    tokenType: 'gerrit-http-password',
    family: 'not-checkable',
    scopes: null,
    expiresAt: null,
    expiryKnown: false,
    warnings: [
      {
        code: 'provider-not-checkable',
        message: text('gitGerritNotCheckable', [ctx.api.displayHost]),
      },
    ],
  });
