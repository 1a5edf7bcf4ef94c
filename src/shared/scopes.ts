import { BITBUCKET_API_TOKEN_SCOPES, BITBUCKET_LEGACY_SCOPES } from '../providers/bitbucket/scopes';
import { GITHUB_CLASSIC_SCOPES } from '../providers/github/scopes';
import { GITLAB_SCOPES } from '../providers/gitlab/scopes';
import { text } from './i18n';

/**
 * Deciding whether a granted set of scopes satisfies what a Codefresh *user* token needs. The
 * rules themselves live with each provider (`src/providers/<name>/scopes.ts`); this is the
 * arithmetic (docs/git-provider-contracts.md §10, docs/platform-contract.md §4).
 *
 * A family rather than a provider: Bitbucket Cloud has two scope vocabularies (legacy names for
 * app passwords and access tokens, `…:bitbucket` names for API tokens) with different rules.
 */
export type ScopeFamily =
  | 'github' // classic PATs and OAuth tokens (GitHub.com and GHE)
  | 'gitlab'
  | 'bitbucket-legacy'
  | 'bitbucket-api-token'
  | 'not-checkable'; // GitHub fine-grained, Bitbucket DC: the token's grant cannot be read

/** Any one scope of the group satisfies it (the CLI's Bitbucket groups; a single scope elsewhere). */
export type ScopeGroup = readonly string[];

export interface ScopePolicy {
  /** Missing any group blocks submission. */
  readonly required: readonly ScopeGroup[];
  /** Asked for by some Codefresh docs but not enforced by the product: shown, never blocking. */
  readonly recommended: readonly string[];
  /** The scopes one granted scope also gives. */
  readonly implies: (scope: string) => readonly string[];
}

const NOT_CHECKABLE: ScopePolicy = { required: [], recommended: [], implies: () => [] };

export const SCOPE_POLICIES: Readonly<Record<ScopeFamily, ScopePolicy>> = {
  github: GITHUB_CLASSIC_SCOPES,
  gitlab: GITLAB_SCOPES,
  'bitbucket-legacy': BITBUCKET_LEGACY_SCOPES,
  'bitbucket-api-token': BITBUCKET_API_TOKEN_SCOPES,
  'not-checkable': NOT_CHECKABLE,
};

const closure = (granted: Iterable<string>, step: (scope: string) => readonly string[]): Set<string> => {
  const out = new Set<string>();
  const queue = [...granted];
  while (queue.length > 0) {
    const s = queue.pop()!;
    if (out.has(s)) continue;
    out.add(s);
    queue.push(...step(s));
  }
  return out;
};

/** Every scope the granted set satisfies, the granted ones included. */
export const effectiveScopes = (family: ScopeFamily, granted: readonly string[]): ReadonlySet<string> =>
  closure(
    granted.map((s) => s.trim()).filter((s) => s !== ''),
    SCOPE_POLICIES[family].implies,
  );

/** How a group reads: its one scope, or "one of a, b". */
export const scopeGroupLabel = (group: ScopeGroup): string =>
  group.length === 1 ? group[0]! : text('scopeGroupOneOf', [group.join(', ')]);

export const requiredScopeGroups = (family: ScopeFamily): readonly ScopeGroup[] =>
  SCOPE_POLICIES[family].required;

/** Each required group as the UI names it. */
export const requiredScopes = (family: ScopeFamily): readonly string[] =>
  requiredScopeGroups(family).map(scopeGroupLabel);

/** The smallest set that satisfies every group: the first scope of each (for pre-filled create links). */
export const minimalScopes = (family: ScopeFamily): readonly string[] =>
  requiredScopeGroups(family).map((g) => g[0]!);

export const recommendedScopes = (family: ScopeFamily): readonly string[] =>
  SCOPE_POLICIES[family].recommended;

/** Required groups the granted set does not satisfy, each named, in table order. */
export const missingScopes = (family: ScopeFamily, granted: readonly string[]): readonly string[] => {
  const have = effectiveScopes(family, granted);
  return requiredScopeGroups(family)
    .filter((group) => !group.some((s) => have.has(s)))
    .map(scopeGroupLabel);
};

/** Recommended scopes the granted set does not satisfy. */
export const missingRecommendedScopes = (
  family: ScopeFamily,
  granted: readonly string[],
): readonly string[] => {
  const have = effectiveScopes(family, granted);
  return recommendedScopes(family).filter((s) => !have.has(s));
};

/**
 * Granted scopes beyond what Codefresh needs or recommends: worth a "wider than needed" warning.
 * A scope that is itself required or recommended is never extra, even when it implies more.
 */
export const extraScopes = (family: ScopeFamily, granted: readonly string[]): readonly string[] => {
  const policy = SCOPE_POLICIES[family];
  const wanted = new Set([...policy.required.flat(), ...policy.recommended]);
  return [...new Set(granted.map((s) => s.trim()))].filter((s) => s !== '' && !wanted.has(s));
};

/** GitHub sends `X-OAuth-Scopes: repo, read:org`; split on "," and trim, as `gh` does (§2.2). */
export const parseScopeHeader = (value: string): readonly string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
