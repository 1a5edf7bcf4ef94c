import { canSelfRotate } from './scopes';

interface TokenKind {
  readonly provider: string | null;
  readonly tokenType: string;
}

/** A saved GitLab personal access token: the only kind GitLab rotates itself (docs/git-provider-contracts.md §5.7). */
export const isGitLabPersonal = (r: TokenKind): boolean =>
  r.provider === 'GITLAB' && r.tokenType === 'gitlab-personal';

/** A saved GitLab personal access token whose scopes let it rotate itself (`api` or `self_rotate`). */
export const rotatesItself = (r: TokenKind & { readonly scopes: readonly string[] | null }): boolean =>
  isGitLabPersonal(r) && canSelfRotate(r.scopes);
