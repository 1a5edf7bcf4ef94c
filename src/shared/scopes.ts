/**
 * Scopes a Codefresh *user* token needs, per scope naming family, in one table with the source of
 * each rule, plus the implication rules used to decide whether a granted set satisfies them
 * (docs/git-provider-contracts.md §10, docs/platform-contract.md §4).
 *
 * A family rather than a provider: Bitbucket Cloud has two scope vocabularies (legacy names for
 * app passwords and access tokens, `…:bitbucket` names for API tokens) with different rules.
 */
export type ScopeFamily =
  | 'github' // classic PATs and OAuth tokens (GitHub.com and GHE)
  | 'gitlab'
  | 'bitbucket-legacy'
  | 'bitbucket-api-token'
  | 'not-checkable'; // GitHub fine-grained, Bitbucket DC, Gerrit: the token's grant cannot be read

export interface ScopePolicy {
  /** Missing one of these blocks submission. */
  readonly required: readonly string[];
  /** Asked for by some Codefresh docs but not enforced by the product: shown, never blocking. */
  readonly recommended: readonly string[];
}

// Each scope's comment says why Codefresh needs it, then where the rule comes from. Sources:
// [docs] Codefresh docs _docs/security/git-tokens.md (docs/platform-contract.md §4)
// [cli] codefresh-io/cli-v2 user_token_scopes (old CLI, docs/platform-contract.md §4)
// [troubleshooting] Codefresh docs runtime-troubleshooting.md and manage-pats.md; contradicted by
//   git-tokens.md (docs/platform-contract.md §4)
export const SCOPE_POLICIES: Readonly<Record<ScopeFamily, ScopePolicy>> = {
  github: {
    required: [
      'repo', // commit to the GitOps repositories. [docs]; [cli]
    ],
    recommended: [
      'admin:repo_hook', // manage repository webhooks. [troubleshooting]
    ],
  },
  gitlab: {
    // The docs write "api_read" (sic) for read_api. The old CLI's user check was `HEAD /projects`,
    // which needs read_api (or api). `api` satisfies both through the implication rules below.
    required: [
      'read_api', // read projects through the API. [docs]; old CLI HEAD /projects
      'write_repository', // push commits to the GitOps repositories. [docs]
    ],
    recommended: [],
  },
  'bitbucket-legacy': {
    // The docs list Account Read, Workspace membership Read, Webhooks RW, Repositories Write+Admin for
    // the user token "same as runtime". We block only on what a user token needs to push and to be
    // identified by app-proxy's `HEAD /2.0/user` [I], and recommend the rest.
    required: [
      'repository:write', // push commits to the GitOps repositories. [docs]
      'account', // let Codefresh read who owns the token (/2.0/user). [docs] [I]
    ],
    recommended: [
      'team', // read workspace membership. [docs]
      'webhook', // manage webhooks. [docs]
      'repository:admin', // administer repositories. [docs]
    ],
  },
  'bitbucket-api-token': {
    // Same needs as the legacy row in API-token names [I]. Write does not imply read for these
    // (support.atlassian.com api-token-permissions, §6.4), so both repository scopes are listed.
    required: [
      'read:repository:bitbucket', // read the GitOps repositories. [docs] [I]
      'write:repository:bitbucket', // push commits. [docs] [I]
      'read:user:bitbucket', // let Codefresh read who owns the token. [docs] [I]
    ],
    recommended: [
      'read:workspace:bitbucket', // read workspace membership. [docs] [I]
      'read:webhook:bitbucket', // read webhooks. [docs] [I]
      'write:webhook:bitbucket', // manage webhooks. [docs] [I]
      'admin:repository:bitbucket', // administer repositories. [docs] [I]
    ],
  },
  'not-checkable': { required: [], recommended: [] },
};

// §2.3 / §10: GitHub's header shows the normalized top-level set, so implied scopes never appear.
const GITHUB_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  repo: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
  user: ['read:user', 'user:email', 'user:follow'],
  codespace: ['codespace:secrets'],
  project: ['read:project'],
};

// §5.4 / §10: `api` covers every API call and full git access; write_repository includes read
// (Codefresh docs: "write_repository (includes read_repository)"); /user accepts read_api [C].
const GITLAB_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  api: ['read_api', 'read_user', 'read_repository', 'write_repository'],
  read_api: ['read_user'],
  write_repository: ['read_repository'],
  write_registry: ['read_registry'],
};

// §6.4: repository:write ⇒ repository; pullrequest ⇒ repository; pullrequest:write ⇒ pullrequest and
// repository:write [I]; X:write ⇒ X for the other legacy pairs. repository:admin implies nothing.
const BITBUCKET_LEGACY_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  'repository:write': ['repository'],
  pullrequest: ['repository'],
  'pullrequest:write': ['pullrequest', 'repository:write'],
  'account:write': ['account'],
  'team:write': ['team'],
  'project:admin': ['project'],
  project: ['repository'],
  'issue:write': ['issue'],
  'snippet:write': ['snippet'],
  'wiki:write': ['wiki'],
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

const githubStep = (s: string): readonly string[] => {
  const fixed = GITHUB_IMPLIES[s] ?? [];
  // admin:X ⇒ write:X ⇒ read:X (cli/cli api/client.go generateScopesSuggestion).
  if (s.startsWith('admin:')) return [...fixed, `write:${s.slice(6)}`, `read:${s.slice(6)}`];
  if (s.startsWith('write:')) return [...fixed, `read:${s.slice(6)}`];
  return fixed;
};

/** Every scope the granted set satisfies, the granted ones included. */
export const effectiveScopes = (family: ScopeFamily, granted: readonly string[]): ReadonlySet<string> => {
  const clean = granted.map((s) => s.trim()).filter((s) => s !== '');
  switch (family) {
    case 'github':
      return closure(clean, githubStep);
    case 'gitlab':
      return closure(clean, (s) => GITLAB_IMPLIES[s] ?? []);
    case 'bitbucket-legacy':
      return closure(clean, (s) => BITBUCKET_LEGACY_IMPLIES[s] ?? []);
    // "write:repository:bitbucket … does not imply the read:repository:bitbucket scope" (§6.4).
    case 'bitbucket-api-token':
    case 'not-checkable':
      return new Set(clean);
  }
};

export const requiredScopes = (family: ScopeFamily): readonly string[] => SCOPE_POLICIES[family].required;

export const recommendedScopes = (family: ScopeFamily): readonly string[] =>
  SCOPE_POLICIES[family].recommended;

/** Required scopes the granted set does not satisfy, in table order. */
export const missingScopes = (family: ScopeFamily, granted: readonly string[]): readonly string[] => {
  const have = effectiveScopes(family, granted);
  return requiredScopes(family).filter((s) => !have.has(s));
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
  const wanted = new Set([...policy.required, ...policy.recommended]);
  return [...new Set(granted.map((s) => s.trim()))].filter((s) => s !== '' && !wanted.has(s));
};

/** GitHub sends `X-OAuth-Scopes: repo, read:org`; split on "," and trim, as `gh` does (§2.2). */
export const parseScopeHeader = (value: string): readonly string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
