import { type GitProvider, PROVIDERS, providerLabel } from '../providers/registry';
import type { ProviderDescriptor, TokenPrefix } from '../providers/types';
import { type MessageKey, text } from './i18n';

/**
 * Client-side token classification by prefix, before any request (docs/git-provider-contracts.md §11).
 * A prefix never proves validity; it only picks the validation path and lets us refuse tokens
 * that can never be a user's personal token (GitHub App tokens, GitLab deploy/runner/CI tokens).
 */
export type TokenKind =
  | 'github-classic' // ghp_
  | 'github-oauth' // gho_
  | 'github-fine-grained' // github_pat_
  | 'github-app-user' // ghu_
  | 'github-app-installation' // ghs_ (installation tokens and Actions GITHUB_TOKEN)
  | 'github-refresh' // ghr_
  | 'legacy-hex-40' // pre-2021 GitHub classic, or Gitea/Forgejo: the host decides
  | 'gitlab-personal' // glpat-: personal, project and group access tokens share it
  | 'gitlab-non-personal' // gldt-, glrt-, glcbt-, …
  | 'bitbucket-app-password' // ATBB
  | 'bitbucket-api-token' // ATAT
  | 'bitbucket-access-token' // ATCT
  | 'atlassian-legacy' // 24 lowercase alphanumerics, unscoped Atlassian token [O]
  | 'bitbucket-dc-unverified' // BBDC-: only seen as a UI placeholder (§7.1)
  | 'unknown';

export interface TokenClassification {
  readonly kind: TokenKind;
  /** The provider the prefix points at, or null when the prefix does not tell. */
  readonly provider: GitProvider | null;
  /** For `gitlab-non-personal` and GitHub kinds: the message naming the kind, such as "deploy token". */
  readonly label?: MessageKey;
}

interface PrefixRow {
  readonly rule: TokenPrefix;
  readonly provider: GitProvider;
}

/** Every provider's prefixes, each once (GitHub.com and GHE share theirs), literal prefixes first. */
const PREFIX_ROWS: readonly PrefixRow[] = (() => {
  const seen = new Set<TokenPrefix>();
  const rows: PrefixRow[] = [];
  for (const d of PROVIDERS as readonly ProviderDescriptor[]) {
    for (const rule of d.tokenPrefixes) {
      if (seen.has(rule)) continue;
      seen.add(rule);
      rows.push({ rule, provider: d.codefresh as GitProvider });
    }
  }
  const literal = (r: PrefixRow) => typeof r.rule.prefix === 'string';
  return [...rows.filter(literal), ...rows.filter((r) => !literal(r))];
})();

/** A bare 40-hex string: a pre-2021 GitHub classic token or a Gitea token; the host decides (§2.1). */
const LEGACY_HEX_40 = /^[0-9a-f]{40}$/i;

const matches = (token: string, prefix: string | RegExp): boolean =>
  typeof prefix === 'string' ? token.startsWith(prefix) : prefix.test(token);

export const classifyToken = (token: string): TokenClassification => {
  const hit = PREFIX_ROWS.find((r) => matches(token, r.rule.prefix));
  if (hit)
    return {
      kind: hit.rule.kind,
      provider: hit.provider,
      ...(hit.rule.label ? { label: hit.rule.label } : {}),
    };
  if (LEGACY_HEX_40.test(token)) return { kind: 'legacy-hex-40', provider: null };
  return { kind: 'unknown', provider: null };
};

const NOT_PERSONAL: ReadonlySet<TokenKind> = new Set(
  PREFIX_ROWS.filter((r) => r.rule.notPersonal).map((r) => r.rule.kind),
);

const WEAK: ReadonlySet<TokenKind> = new Set(PREFIX_ROWS.filter((r) => r.rule.weak).map((r) => r.rule.kind));

/** False for tokens that can never act as a user's personal token; everything else is worth a check. */
export const isPersonalToken = (c: TokenClassification): boolean => !NOT_PERSONAL.has(c.kind);

/**
 * Why a token is refused before any request, or null when it may be checked. The message never
 * quotes the token; it names the kind and says what to create instead.
 */
export const refusalReason = (c: TokenClassification): string | null => {
  if (isPersonalToken(c)) return null;
  // Every refused kind has a label (the prefix tables above).
  const kind = c.label ? text(c.label) : '';
  return text(c.provider === 'GITHUB' ? 'gitGitHubTokenNotPersonal' : 'gitGitLabTokenNotPersonal', [kind]);
};

/** The provider's one UI name (src/providers/<name>/index.ts). */
export const providerName = (p: GitProvider, apiUrl?: string | null): string => providerLabel(p, apiUrl);

/**
 * A message when the prefix clearly belongs to another provider than the runtime's, else null.
 * Only strong prefixes count: a self-managed GitLab may use a custom PAT prefix and Bitbucket DC
 * tokens have none, so an unknown shape is always allowed through to the real check.
 */
export const providerMismatch = (c: TokenClassification, runtimeProvider: GitProvider): string | null => {
  if (c.provider === null || WEAK.has(c.kind)) return null;
  if (c.provider === runtimeProvider) return null;
  return text('gitTokenWrongProvider', [providerLabel(c.provider), providerLabel(runtimeProvider)]);
};
