// GitHub's X-GitHub-SSO header names the page where the user authorizes a token for an
// organisation; the popup renders it as a link. Only a page on the token's own web host is taken.
import { describe, expect, it } from 'vitest';
import { validateToken } from '../../../src/background/providers/validate-token';
import { trustedSsoUrl } from '../../../src/providers/github/validator';
import { SEED_TOKENS } from '../../simulator/git-providers/index';

const ssoAnswer = (url: string): typeof fetch =>
  (async () =>
    new Response(JSON.stringify({ message: 'Resource protected by organization SAML enforcement.' }), {
      status: 403,
      headers: { 'Content-Type': 'application/json', 'X-GitHub-SSO': `required; url=${url}` },
    })) as typeof fetch;

const validateWith = (apiUrl: string, url: string) =>
  validateToken(
    { token: SEED_TOKENS.githubClassicOk.token, provider: 'GITHUB', apiUrl },
    { fetch: ssoAnswer(url) },
  );

describe('the SSO authorization link', () => {
  it('keeps a github.com link for a github.com token', async () => {
    const link = 'https://github.com/orgs/acme/sso?authorization_request=abc';
    const v = await validateWith('https://api.github.com', link);
    expect(v.ssoUrl).toBe(link);
    expect(v.blockers[0]).toMatchObject({ code: 'token-sso-required', link });
  });

  it('keeps a link on the GHE host the token came from', async () => {
    const link = 'https://ghe.acme.example/orgs/acme/sso?authorization_request=abc';
    const v = await validateWith('https://ghe.acme.example/api/v3', link);
    expect(v.blockers[0]?.link).toBe(link);
  });

  it.each([
    'https://evil.example/orgs/acme/sso',
    'javascript:alert(1)',
    'http://github.com/orgs/acme/sso',
    'https://github.com@evil.example/sso',
    'https://github.com.evil.example/sso',
    'https://ghe.acme.example/orgs/acme/sso',
  ])('drops %s for a github.com token and still says SSO is required', async (url) => {
    const v = await validateWith('https://api.github.com', url);
    expect(v.ssoUrl).toBeUndefined();
    expect(v.blockers).toHaveLength(1);
    expect(v.blockers[0]?.code).toBe('token-sso-required');
    expect(v.blockers[0]).not.toHaveProperty('link');
  });

  it('drops a github.com link for a GHE token', () => {
    expect(trustedSsoUrl('https://github.com/orgs/acme/sso', 'https://ghe.acme.example')).toBeNull();
  });
});
