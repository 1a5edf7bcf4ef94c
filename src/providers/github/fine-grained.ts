import { text } from '../../shared/i18n';
import type { ValidationWarning } from '../../shared/validation-types';
import type { GitApiBase } from '../types';

/**
 * What can be learnt about a fine-grained token (`github_pat_`) beyond `GET /user`: GitHub reports
 * no permissions for it (docs/git-provider-contracts.md §3.2), so the one further request is
 * `GET /repos/{owner}/{repo}` on the runtime's installation repository. 200 means it can at least
 * read it; 404 means it was not given that repository, or the organization has not approved it
 * yet (until approved such a token reads public resources only, §3). Write access (Contents: read
 * and write, Codefresh docs git-tokens.md) is what Codefresh checks when it receives the token.
 */
export interface RepoAccess {
  /** `owner/repo` as the user knows it. */
  readonly repo: string;
  readonly canRead: boolean;
}

/** `owner/repo` of an installation repository on the token's own Git host, or null. */
export const repoOnHost = (repoUrl: string | undefined, api: GitApiBase): string | null => {
  if (!repoUrl) return null;
  let url: URL;
  try {
    url = new URL(repoUrl.trim());
  } catch {
    return null;
  }
  if (url.origin.toLowerCase() !== new URL(api.webOrigin).origin.toLowerCase()) return null;
  const root = new URL(api.webOrigin).pathname.replace(/\/+$/, '');
  const rest = url.pathname
    .slice(root.length)
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  const [owner, name] = rest;
  // Owner and repository names are [A-Za-z0-9._-] on GitHub; anything else is not a repository URL.
  const valid = (s: string | undefined): s is string => !!s && /^[A-Za-z0-9._-]+$/.test(s);
  return valid(owner) && valid(name) ? `${owner}/${name}` : null;
};

/** The token's settings page, where its repository access and approval state are shown [I]. */
export const fineGrainedSettingsUrl = (api: GitApiBase): string =>
  `${api.webOrigin}/settings/personal-access-tokens`;

/** Always said for a fine-grained token: what we could not check, and who does. */
export const writeCheckedByCodefresh = (): ValidationWarning => ({
  code: 'fine-grained-write-checked-by-codefresh',
  message: text('gitGitHubFineGrainedWriteCheckedByCodefresh'),
});

export const repoNotVisible = (repo: string, api: GitApiBase): ValidationWarning => ({
  code: 'fine-grained-repo-not-visible',
  message: text('gitGitHubFineGrainedRepoNotVisible', [repo, repo.split('/')[0]!]),
  link: fineGrainedSettingsUrl(api),
});

export const repoNotChecked = (repo: string, status: number): ValidationWarning => ({
  code: 'fine-grained-repo-not-checked',
  message: text('gitGitHubFineGrainedRepoNotChecked', [repo, status]),
});
