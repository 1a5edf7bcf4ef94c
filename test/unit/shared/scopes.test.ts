import { describe, expect, it } from 'vitest';
import {
  effectiveScopes,
  extraScopes,
  missingRecommendedScopes,
  missingScopes,
  parseScopeHeader,
  recommendedScopes,
  requiredScopes,
  SCOPE_POLICIES,
  type ScopeFamily,
} from '../../../src/shared/scopes';

describe('scope table', () => {
  it('lists each scope once per family, as a bare name, never both required and recommended', () => {
    for (const policy of Object.values(SCOPE_POLICIES)) {
      const all = [...policy.required.flat(), ...policy.recommended];
      expect(new Set(all).size).toBe(all.length);
      for (const scope of all) expect(scope).toMatch(/^[a-z_:]+$/);
    }
  });

  it('requires at least one scope for every family whose grant can be read', () => {
    const checkable = (Object.keys(SCOPE_POLICIES) as ScopeFamily[]).filter((f) => f !== 'not-checkable');
    expect(checkable).toHaveLength(4);
    for (const family of checkable) expect(requiredScopes(family).length).toBeGreaterThan(0);
  });

  it('keeps every requirement and recommendation meaningful under the implication rules', () => {
    for (const family of Object.keys(SCOPE_POLICIES) as ScopeFamily[]) {
      const groups = SCOPE_POLICIES[family].required;
      // A recommendation the required set already implies would always count as satisfied.
      const implied = effectiveScopes(family, groups.flat());
      for (const scope of recommendedScopes(family)) expect(implied.has(scope)).toBe(false);
      // A group implied by the other groups' scopes would make the table (and the create link) redundant.
      groups.forEach((group, i) => {
        const others = groups.filter((_, j) => j !== i).flat();
        const have = effectiveScopes(family, others);
        expect(group.some((s) => have.has(s))).toBe(false);
      });
    }
  });

  it('requires repo for a GitHub user token and only recommends admin:repo_hook (docs disagree, §4)', () => {
    expect(requiredScopes('github')).toEqual(['repo']);
    expect(recommendedScopes('github')).toEqual(['admin:repo_hook']);
  });

  it('cannot check fine-grained, Bitbucket DC or Gerrit grants', () => {
    expect(requiredScopes('not-checkable')).toEqual([]);
    expect(missingScopes('not-checkable', [])).toEqual([]);
  });
});

describe('missingScopes with implication rules (docs/git-provider-contracts.md §10)', () => {
  it.each<[ScopeFamily, string[], string[]]>([
    // GitHub classic
    ['github', ['repo', 'read:org', 'workflow'], []],
    ['github', ['read:org'], ['repo']],
    ['github', [], ['repo']],
    ['github', ['public_repo'], ['repo']], // the narrower scope never implies the wider one
    ['github', [' repo '], []],
    // GitLab: api satisfies both; read_user does not
    ['gitlab', ['read_api', 'write_repository'], []],
    ['gitlab', ['api'], []],
    ['gitlab', ['read_user'], ['read_api', 'write_repository']],
    ['gitlab', ['read_api', 'read_repository'], ['write_repository']],
    ['gitlab', ['write_repository'], ['read_api']],
    // Bitbucket legacy names, as cli-v2's patScopes: one of each group; repository:admin passes
    ['bitbucket-legacy', ['repository:write', 'account', 'team'], []],
    ['bitbucket-legacy', ['repository:admin', 'account:read', 'team:write'], []],
    ['bitbucket-legacy', ['pullrequest:write', 'account:write', 'team'], []],
    ['bitbucket-legacy', ['repository', 'account', 'team'], ['one of repository:admin, repository:write']],
    ['bitbucket-legacy', ['repository:write', 'team'], ['one of account, account:read, account:write']],
    ['bitbucket-legacy', ['repository:write', 'account'], ['one of team, team:write']],
    [
      'bitbucket-legacy',
      [],
      [
        'one of repository:admin, repository:write',
        'one of account, account:read, account:write',
        'one of team, team:write',
      ],
    ],
    // Bitbucket API-token names: the same groups, no implication at all
    [
      'bitbucket-api-token',
      ['write:repository:bitbucket', 'read:user:bitbucket', 'read:workspace:bitbucket'],
      [],
    ],
    [
      'bitbucket-api-token',
      ['admin:repository:bitbucket', 'write:user:bitbucket', 'admin:workspace:bitbucket'],
      [],
    ],
    [
      'bitbucket-api-token',
      ['read:repository:bitbucket', 'read:user:bitbucket', 'read:workspace:bitbucket'],
      ['one of admin:repository:bitbucket, write:repository:bitbucket'],
    ],
    [
      'bitbucket-api-token',
      ['write:repository:bitbucket', 'read:workspace:bitbucket'],
      ['one of read:user:bitbucket, write:user:bitbucket'],
    ],
    [
      'bitbucket-api-token',
      ['write:repository:bitbucket', 'read:user:bitbucket'],
      ['one of read:workspace:bitbucket, admin:workspace:bitbucket'],
    ],
  ])('%s %j → missing %j', (family, granted, missing) => {
    expect(missingScopes(family, granted)).toEqual(missing);
  });
});

describe('effectiveScopes', () => {
  it('expands GitHub repo, user, admin:X ⇒ write:X ⇒ read:X and project', () => {
    const have = effectiveScopes('github', ['repo', 'admin:org', 'write:packages', 'user', 'project']);
    for (const s of ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events']) {
      expect(have.has(s)).toBe(true);
    }
    for (const s of [
      'write:org',
      'read:org',
      'read:packages',
      'read:user',
      'user:email',
      'user:follow',
      'read:project',
    ]) {
      expect(have.has(s)).toBe(true);
    }
    expect(have.has('workflow')).toBe(false);
    expect(have.has('delete_repo')).toBe(false);
  });

  it('does not let write:X imply admin:X', () => {
    expect(effectiveScopes('github', ['write:org']).has('admin:org')).toBe(false);
  });

  it('has api cover GitLab git push but write_repository not cover the API', () => {
    expect(effectiveScopes('gitlab', ['api']).has('write_repository')).toBe(true);
    expect(effectiveScopes('gitlab', ['write_repository']).has('read_api')).toBe(false);
    expect(effectiveScopes('gitlab', ['write_repository']).has('read_repository')).toBe(true);
  });
});

describe('recommended and extra scopes', () => {
  it('reports a missing recommendation without making it required', () => {
    expect(missingRecommendedScopes('github', ['repo'])).toEqual(['admin:repo_hook']);
    expect(missingRecommendedScopes('github', ['repo', 'admin:repo_hook'])).toEqual([]);
    expect(missingScopes('github', ['repo'])).toEqual([]);
  });

  it('lists scopes wider than needed', () => {
    expect(extraScopes('github', ['repo', 'read:org', 'workflow'])).toEqual(['read:org', 'workflow']);
    expect(extraScopes('github', ['repo', 'admin:repo_hook'])).toEqual([]);
    expect(extraScopes('gitlab', ['api'])).toEqual(['api']);
    expect(extraScopes('gitlab', ['read_api', 'write_repository'])).toEqual([]);
  });
});

describe('parseScopeHeader', () => {
  it.each([
    ['repo, read:org, workflow', ['repo', 'read:org', 'workflow']],
    ['repo,read:org', ['repo', 'read:org']],
    ['', []],
    [' , ', []],
  ])('%j → %j', (header, scopes) => {
    expect(parseScopeHeader(header)).toEqual(scopes);
  });
});
