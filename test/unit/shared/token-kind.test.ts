import { describe, expect, it } from 'vitest';
import { text } from '../../../src/shared/i18n';
import {
  classifyToken,
  isPersonalToken,
  providerMismatch,
  refusalReason,
  type TokenKind,
} from '../../../src/shared/token-kind';

const ghp = `ghp_${'a1B2'.repeat(9)}`;

describe('classifyToken (docs/git-provider-contracts.md §11)', () => {
  it.each<[string, TokenKind, string | null]>([
    [ghp, 'github-classic', 'GITHUB'],
    [`gho_${'x'.repeat(36)}`, 'github-oauth', 'GITHUB'],
    [`github_pat_11${'A'.repeat(20)}_${'b'.repeat(59)}`, 'github-fine-grained', 'GITHUB'],
    [`ghu_${'x'.repeat(36)}`, 'github-app-user', 'GITHUB'],
    [`ghs_${'x'.repeat(36)}`, 'github-app-installation', 'GITHUB'],
    [`ghr_${'x'.repeat(76)}`, 'github-refresh', 'GITHUB'],
    ['0123456789abcdef0123456789ABCDEF01234567', 'legacy-hex-40', null],
    ['glpat-abcdefghij0123456789', 'gitlab-personal', 'GITLAB'],
    ['gldt-abcdefghij0123456789', 'gitlab-non-personal', 'GITLAB'],
    ['glrt-abcdefghij0123456789', 'gitlab-non-personal', 'GITLAB'],
    ['glrtr-abcdefghij012345678', 'gitlab-non-personal', 'GITLAB'],
    ['glcbt-abcdefghij012345678', 'gitlab-non-personal', 'GITLAB'],
    ['glptt-abcdefghij012345678', 'gitlab-non-personal', 'GITLAB'],
    ['glft-abcdefghij0123456789', 'gitlab-non-personal', 'GITLAB'],
    ['gloas-abcdefghij012345678', 'gitlab-non-personal', 'GITLAB'],
    ['ATBBabcdefghijklmnopqrstuvwxyz012345', 'bitbucket-app-password', 'BITBUCKET'],
    ['ATATT3xFfGF0abcdefghijklmnop=1234ABCD', 'bitbucket-api-token', 'BITBUCKET'],
    ['ATCTT3xFfGN0abcdefghijklmnop=1234ABCD', 'bitbucket-access-token', 'BITBUCKET'],
    ['abcdefghijklmnopqrstuvwx', 'atlassian-legacy', 'BITBUCKET'],
    ['BBDC-NzE4MzQ1OTk2MjpYabcdefghij', 'bitbucket-dc-unverified', 'BITBUCKET_SERVER'],
    ['MDM0MjM5NTQ1OTk2OkXn9Y2abcdefghijkl+/==', 'unknown', null],
    ['hello', 'unknown', null],
  ])('%s → %s', (token, kind, provider) => {
    const c = classifyToken(token);
    expect(c.kind).toBe(kind);
    expect(c.provider).toBe(provider);
  });

  it('does not enforce exact lengths (GitHub: plan for up to 255 characters)', () => {
    expect(classifyToken(`ghp_${'z'.repeat(251)}`).kind).toBe('github-classic');
    expect(classifyToken('ghp_short').kind).toBe('github-classic');
  });

  it('treats a 24-character string with uppercase as unknown, not a legacy Atlassian token', () => {
    expect(classifyToken('ABCDEFGHIJKLMNOPQRSTUVWX').kind).toBe('unknown');
  });
});

describe('personal tokens and refusals', () => {
  it.each([
    `ghu_${'x'.repeat(36)}`,
    `ghs_${'x'.repeat(36)}`,
    `ghr_${'x'.repeat(36)}`,
    'gldt-abc',
    'glrt-abc',
    'glcbt-abc',
  ])('refuses %s before any request, naming what to create instead', (token) => {
    const c = classifyToken(token);
    expect(isPersonalToken(c)).toBe(false);
    const reason = refusalReason(c);
    expect(reason).toMatch(/not a personal access token/);
    expect(reason).toMatch(/Create|create/);
    expect(reason).not.toContain(token);
  });

  it.each([
    ghp,
    'glpat-abc',
    'ATATT3xabc',
    'ATCTT3xabc',
    'ATBBabc',
    'whatever',
    '0123456789abcdef0123456789abcdef01234567',
  ])('lets %s through to the real check', (token) => {
    const c = classifyToken(token);
    expect(isPersonalToken(c)).toBe(true);
    expect(refusalReason(c)).toBeNull();
  });

  it('names the deploy token kind in the GitLab refusal', () => {
    expect(refusalReason(classifyToken('gldt-abc'))).toMatch(/GitLab deploy token/);
  });

  it.each([
    ['gloas-abc', 'OAuth application secret'],
    ['glptt-abc', 'pipeline trigger token'],
    ['glft-abc', 'feed token'],
    ['glimt-abc', 'incoming mail token'],
    ['glagent-abc', 'Kubernetes agent token'],
    ['glwt-abc', 'workspace token'],
    ['glsoat-abc', 'SCIM token'],
    ['glffct-abc', 'feature flags client token'],
  ])('names the kind of %s in words: %s', (token, kind) => {
    expect(refusalReason(classifyToken(token))).toMatch(new RegExp(`^This is a GitLab ${kind}, not a`));
  });

  it('names a GitHub App token in words', () => {
    expect(refusalReason(classifyToken(`ghs_${'x'.repeat(36)}`))).toMatch(
      /^This is a GitHub App installation or Actions token, not a personal access token\./,
    );
  });

  it.each([
    [ghp, 'personal access token (classic)'],
    [`gho_${'x'.repeat(36)}`, 'OAuth token'],
    [`github_pat_11${'A'.repeat(20)}`, 'fine-grained personal access token'],
  ])('labels %s, which is never refused, with a catalogue message', (token, words) => {
    const { label } = classifyToken(token);
    expect(label && text(label)).toBe(words);
  });
});

describe('providerMismatch', () => {
  it('flags a strong prefix of another provider', () => {
    expect(providerMismatch(classifyToken('glpat-abc'), 'GITHUB')).toMatch(/GitLab token.*uses GitHub/);
    expect(providerMismatch(classifyToken(ghp), 'BITBUCKET_SERVER')).toMatch(/GitHub token/);
    expect(providerMismatch(classifyToken('ATATT3xabc'), 'GITLAB')).toMatch(/Bitbucket Cloud token/);
  });

  it('allows matching, unknown and ambiguous shapes', () => {
    expect(providerMismatch(classifyToken(ghp), 'GITHUB')).toBeNull();
    expect(providerMismatch(classifyToken('custom-prefix-token'), 'GITLAB')).toBeNull();
    expect(providerMismatch(classifyToken('0123456789abcdef0123456789abcdef01234567'), 'GITLAB')).toBeNull();
    expect(providerMismatch(classifyToken('BBDC-abc'), 'BITBUCKET')).toBeNull();
  });
});
