/**
 * Ways a runtime's app-proxy refuses, switchable per runtime (`sim.setRefusal`, control
 * `POST /refusal`). Nothing public shows app-proxy's refusal bodies (docs/platform-contract.md §6),
 * so every body here is [inferred]: shaped like the GraphQL errors the rest of the simulator sends,
 * with messages in the style of the CLI's own texts (§4).
 */
import { jsonResponse } from './graphql-http';
import { PLATFORM_URL } from './seed';

/**
 * - `git-check`: registerToGitIntegration fails app-proxy's own Git check (GraphQL error, HTTP 200,
 *   `data.registerToGitIntegration: null`), whatever the token;
 * - `origin`: every app-proxy request whose Origin is not in the runtime's `app-proxy.config.cors`
 *   list (the platform URL) is refused with 403 and a body; a request without an Origin too;
 * - `internal-error`: every app-proxy GraphQL request gets 500 with a body.
 */
export type Refusal = 'git-check' | 'origin' | 'internal-error';

export const REFUSALS: readonly Refusal[] = ['git-check', 'origin', 'internal-error'];

export const GIT_CHECK_REFUSAL =
  'failed to validate git token: the provided token is missing one or more of the required scopes: repo, admin:repo_hook';

/** `app-proxy.config.cors` (gitops-runtime-helm values.yaml): the platform origin by default. */
const ALLOWED_ORIGINS: readonly string[] = [PLATFORM_URL];

/** The 403 for a request from an Origin the runtime does not allow, or null when it is allowed. */
export const originRefusal = (request: Request, headers: Record<string, string>): Response | null => {
  const origin = request.headers.get('origin');
  if (origin !== null && ALLOWED_ORIGINS.includes(origin)) return null;
  return jsonResponse(
    403,
    {
      errors: [
        {
          message: `Not allowed by CORS: origin ${origin ?? '(none)'} is not in the allowed list ${ALLOWED_ORIGINS.join(',')}`,
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    },
    headers,
  );
};

export const internalError = (headers: Record<string, string>): Response =>
  jsonResponse(
    500,
    {
      errors: [
        {
          message: 'failed to read git integration "default": context deadline exceeded',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    },
    headers,
  );
