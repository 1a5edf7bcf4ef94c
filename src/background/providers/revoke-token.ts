import { descriptorFor } from '../../providers/registry';
import { revocationPlan } from '../../providers/revocation';
import type { AppError } from '../../shared/errors';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { ProviderRevocation } from '../../shared/messages/leak';
import type { GitProvider } from '../../shared/runtime-types';
import { createGitHttp, type GitHttpDeps, type GitResponse, rateLimited, retryAtFrom } from './git-request';

export interface RevokeInput {
  readonly provider: GitProvider;
  readonly apiUrl: string;
}

const failed = (place: string, link: string, reason: string): ProviderRevocation => ({
  outcome: 'failed',
  place,
  link,
  error: { code: 'revoke-failed', message: text('leakRevokeFailed', [place, reason]), link },
});

/** A status that is neither accepted nor "already invalid", in the user's words. */
const reasonFor = (response: GitResponse, displayHost: string, now: number): string => {
  const remaining = response.headers.get('x-ratelimit-remaining');
  if (response.status === 429 || (response.status === 403 && remaining === '0')) {
    return rateLimited(displayHost, retryAtFrom(response.headers, now), now).message;
  }
  // GitHub Enterprise Server before 3.19 has no such endpoint.
  if (response.status === 404) return text('leakRevokeNotOffered');
  // 403: GitHub.com refuses an authenticated request, GitLab a token without the right; 422: "Validation
  // failed, or the endpoint has been spammed" (docs.github.com/en/rest/credentials/revoke).
  if (response.status === 403 || response.status === 422 || response.status === 400) {
    return text('leakRevokeRefused', [response.status]);
  }
  return text('leakRevokeUnexpected', [response.status]);
};

/**
 * Revokes a token at its provider with the provider's own `revoke` capability (src/providers/*):
 * one request, never retried, through `createGitHttp`, so the secret passes
 * `assertSecretDestination` (https, an origin the user allowed) before it leaves. Never throws: every
 * outcome is an answer the user sees, with the provider's token page when something is left to do.
 */
export const revokeAtProvider = async (
  input: RevokeInput,
  withToken: <T>(fn: (token: string) => Promise<T>) => Promise<T>,
  deps: GitHttpDeps,
): Promise<ProviderRevocation> => {
  const plan = revocationPlan(input.provider, input.apiUrl);
  if (!plan) {
    // A saved record's API URL was read when it was saved; this only guards a tampered one.
    const d = descriptorFor(input.provider, null);
    return failed(d.label, d.fallbackCreateTokenUrl, text('leakRevokeUnknownError'));
  }
  const { place, page: link, api } = plan;
  const capability = plan.descriptor.revoke;
  if (capability?.kind !== 'api') return { outcome: 'manual', place, link };
  const now = deps.now ?? Date.now;
  try {
    const response = await withToken(async (token) => {
      const request = capability.request(api, token);
      return createGitHttp(api.apiBase, api.displayHost, deps).request(request.path, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
    });
    if (capability.accepted.includes(response.status)) return { outcome: 'revoked', place };
    if (capability.alreadyInvalid.includes(response.status)) return { outcome: 'already-invalid', place };
    return failed(place, link, reasonFor(response, api.displayHost, now()));
  } catch (error) {
    const reason: AppError['message'] =
      error instanceof AppFailure ? error.appError.message : text('leakRevokeUnknownError');
    return failed(place, link, reason);
  }
};
