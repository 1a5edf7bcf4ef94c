import type { ScopePolicy } from '../../shared/scopes';

/**
 * GitLab user tokens: `read_api` + `write_repository` (Codefresh docs `_docs/security/git-tokens.md`,
 * which write "api_read": a typo, GitLab has no such scope; docs/platform-contract.md §4). The old
 * CLI's user check was `HEAD /projects`, which needs read_api (or api).
 */
export const GITLAB_SCOPES: ScopePolicy = {
  required: [
    ['read_api'], // read projects through the API. [docs]; old CLI HEAD /projects
    ['write_repository'], // push commits to the GitOps repositories. [docs]
  ],
  recommended: [],
  // §5.4 / §10: `api` covers every API call and full git access; write_repository includes read
  // (Codefresh docs: "write_repository (includes read_repository)"); /user accepts read_api [C].
  implies: (s) => GITLAB_IMPLIES[s] ?? [],
};

const GITLAB_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  api: ['read_api', 'read_user', 'read_repository', 'write_repository'],
  read_api: ['read_user'],
  write_repository: ['read_repository'],
  write_registry: ['read_registry'],
};

/**
 * The scopes that let a personal access token rotate itself: `api`, or `self_rotate` since GitLab
 * 17.9 (docs/git-provider-contracts.md §5.7).
 */
export const SELF_ROTATE_SCOPES: readonly string[] = ['api', 'self_rotate'];

/** True when the saved scopes allow self-rotation; unknown scopes (old GitLab) do not. */
export const canSelfRotate = (scopes: readonly string[] | null): boolean =>
  scopes?.some((s) => SELF_ROTATE_SCOPES.includes(s)) ?? false;
