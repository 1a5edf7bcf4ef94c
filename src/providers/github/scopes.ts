import type { ScopePolicy } from '../../shared/scopes';

/**
 * GitHub classic PATs and OAuth tokens (GitHub.com and GHE). Each scope's comment says why
 * Codefresh needs it and where the rule comes from (docs/platform-contract.md §4):
 * [docs] Codefresh docs `_docs/security/git-tokens.md`; [cli] cli-v2 `user_token_scopes`;
 * [troubleshooting] `runtime-troubleshooting.md` and `manage-pats.md`, contradicted by git-tokens.md.
 */
export const GITHUB_CLASSIC_SCOPES: ScopePolicy = {
  required: [
    ['repo'], // commit to the GitOps repositories. [docs]; [cli]
  ],
  recommended: [
    'admin:repo_hook', // manage repository webhooks: the pages disagree, so it never blocks. [troubleshooting]
  ],
  // The header shows the normalized top-level set, so implied scopes never appear (§2.3, §10).
  implies: (s) => {
    const fixed = GITHUB_IMPLIES[s] ?? [];
    // admin:X ⇒ write:X ⇒ read:X (cli/cli api/client.go generateScopesSuggestion).
    if (s.startsWith('admin:')) return [...fixed, `write:${s.slice(6)}`, `read:${s.slice(6)}`];
    if (s.startsWith('write:')) return [...fixed, `read:${s.slice(6)}`];
    return fixed;
  },
};

const GITHUB_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  repo: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
  user: ['read:user', 'user:email', 'user:follow'],
  codespace: ['codespace:secrets'],
  project: ['read:project'],
};
