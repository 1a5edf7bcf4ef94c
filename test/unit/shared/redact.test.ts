import { describe, expect, it } from 'vitest';
import { MAX_SERVER_TEXT, redactServerText } from '../../../src/shared/redact';
import { SEED_TOKENS } from '../../simulator/git-providers';
import { DEMO_API_KEY, SIM_SESSION_TOKEN } from '../../simulator/seed';

describe('redactServerText', () => {
  it('cuts control characters, collapses whitespace and truncates to about 300 characters', () => {
    expect(redactServerText('  a\n\tb\u0000c  ')).toBe('a b c');
    const long = redactServerText('word '.repeat(200));
    expect(long.length).toBe(MAX_SERVER_TEXT);
    expect(long.endsWith('…')).toBe(true);
  });

  it('removes every secret it is given, longest first', () => {
    expect(redactServerText('key k.SECRETKEY1234 and k.SECRET', ['k.SECRET', 'k.SECRETKEY1234'])).toBe(
      'key … and …',
    );
  });

  it.each([
    ['a GitHub classic token', 'ghp_abcdefghijklmnopqrstuvwxyz012345'],
    ['a GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
    ['a GitLab token', 'glpat-ABCDEFGH12345678'],
    ['a Bitbucket API token', 'ATATT3xFfGF0abcdefghijklmnop'],
    ['a Bitbucket app password', 'ATBBabcdefghijklmnop1234'],
    ['a Codefresh API key', '64f0c0ffee0000000000a11c.abcdefghijklmnopqrstuvwxyz'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['a GitLab deploy token', 'gldt-ABCDEFGH12345678'],
    ['a Bitbucket Data Center token', 'MDM0NjE3Mjk5ODc0Onb3JkZXIvYWJjZGVmZ2hpamtsbW5vcA+x'],
  ])('removes %s even when not told about it', (_what, secret) => {
    const out = redactServerText(`refused ${secret} here`);
    expect(out).toBe('refused … here');
  });

  it('keeps the scheme but not the credentials after Bearer, Basic or token', () => {
    expect(redactServerText('got Bearer abc.def.ghi-123456 back')).toBe('got Bearer … back');
    // As a header, the whole value goes.
    expect(redactServerText('got Authorization: Bearer abc.def.ghi-123456')).toBe('got Authorization: …');
    expect(redactServerText('header token 0123456789abcdef')).toBe('header token …');
  });

  it('drops the value of a credential header quoted back, to the end of its line', () => {
    expect(redactServerText('sent Cookie: session=abc; theme=dark\nnext')).toBe('sent Cookie: … next');
    expect(redactServerText('x-access-token: sim-session.alice.ui')).toBe('x-access-token: …');
  });

  it('leaves ordinary words, user ids, hosts and paths alone', () => {
    const plain =
      'user 64f0c0ffee0000000000a11c is not registered to git integration "default" at https://argo.acme-corp.example/app-proxy/api/graphql';
    expect(redactServerText(plain)).toBe(plain);
  });

  it('lets none of the simulator seed secrets through, told or not', () => {
    const secrets = [DEMO_API_KEY, SIM_SESSION_TOKEN, ...Object.values(SEED_TOKENS).map((t) => t.token)];
    const out = redactServerText(`echo: ${secrets.join(' | ')}`, [DEMO_API_KEY, SIM_SESSION_TOKEN]);
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).not.toContain('SIMLEAK');
  });
});
