import { descriptorFor } from '../../providers/registry';
import { VALIDATORS } from '../../providers/validators';
import { createTokenUrl } from '../../shared/create-token-links';
import { AppFailure } from '../../shared/errors';
import { resolveGitApiUrl } from '../../shared/git-api-url';
import { text } from '../../shared/i18n';
import type { GitProvider } from '../../shared/runtime-types';
import { cleanTokenInput } from '../../shared/token-input';
import { classifyToken, providerMismatch, refusalReason } from '../../shared/token-kind';
import type { TokenValidation } from '../../shared/validation-types';
import { createGitHttp, type GitHttpDeps } from './git-request';
import type { ValidatorContext } from './validation-result';

export interface ValidateTokenInput {
  readonly token: string;
  readonly provider: GitProvider;
  /** The runtime's own Git API URL: the token is checked against that host, nowhere else. */
  readonly apiUrl: string;
  /** Bitbucket Cloud: the Atlassian account email that goes with an API token. */
  readonly username?: string;
  /** The runtime's installation repository, when known: fine-grained GitHub tokens are checked on it. */
  readonly repo?: string;
}

export type ValidateTokenDeps = GitHttpDeps;

const cleanUsername = (raw: string | undefined): string | undefined => {
  const value = raw?.trim();
  if (!value) return undefined;
  // A Basic user name cannot hold a colon; anything unprintable is a paste mistake.
  if (value.length > 256 || value.includes(':') || !/^[\x21-\x7e]+$/.test(value)) {
    throw new AppFailure('token-username-invalid', text('gitUsernameInvalid'));
  }
  return value;
};

/**
 * Validates a pasted token once, against the runtime's Git provider and API URL. Input hygiene,
 * classification and host checks happen first and make no request. Throws AppFailure for what
 * teaches nothing about the token (bad credentials, rate limits, network); returns a validation
 * with `blockers` when the token is known but must not be submitted. No message holds the token.
 */
export const validateToken = async (
  input: ValidateTokenInput,
  deps: ValidateTokenDeps = {},
): Promise<TokenValidation> => {
  const cleaned = cleanTokenInput(input.token);
  if (!cleaned.ok) throw new AppFailure(cleaned.error.code, cleaned.error.message);
  const token = cleaned.value;
  const link = createTokenUrl(input.provider, input.apiUrl);

  const classification = classifyToken(token);
  const refusal = refusalReason(classification);
  if (refusal) throw new AppFailure('token-not-personal', refusal, { link });
  const mismatch = providerMismatch(classification, input.provider);
  if (mismatch) throw new AppFailure('token-wrong-provider', mismatch, { link });

  const api = resolveGitApiUrl(input.provider, input.apiUrl);
  if (!api.ok) throw new AppFailure(api.error.code, api.error.message);

  const ctx: ValidatorContext = {
    token,
    classification,
    provider: input.provider,
    apiUrl: input.apiUrl,
    api: api.value,
    username: cleanUsername(input.username),
    ...(input.repo ? { repo: input.repo } : {}),
    http: createGitHttp(api.value.apiBase, api.value.displayHost, deps),
    now: deps.now ?? Date.now,
  };
  return VALIDATORS[descriptorFor(input.provider, new URL(api.value.apiBase)).id](ctx);
};
