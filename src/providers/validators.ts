import type { ValidatorContext } from '../background/providers/validation-result';
import type { TokenValidation } from '../shared/validation-types';
import { validateBitbucket } from './bitbucket/validator';
import { validateBitbucketDc } from './bitbucket-dc/validator';
import { validateGitHub } from './github/validator';
import { validateGitLab } from './gitlab/validator';
import type { ProviderId } from './types';

/**
 * Each provider's validator, by provider id. Worker-only (the validators make network requests),
 * which is why it is not part of the descriptors the pages import. A provider added to the
 * registry without a validator fails to compile here.
 */
export const VALIDATORS: Readonly<Record<ProviderId, (ctx: ValidatorContext) => Promise<TokenValidation>>> = {
  github: validateGitHub,
  'github-enterprise': validateGitHub,
  gitlab: validateGitLab,
  bitbucket: validateBitbucket,
  'bitbucket-dc': validateBitbucketDc,
};
