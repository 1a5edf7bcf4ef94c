import { describe, expect, it } from 'vitest';
import { createTokenUrl } from '../../../src/shared/create-token-links';
import { resolveGitApiUrl } from '../../../src/shared/git-api-url';
import type { GitProvider } from '../../../src/shared/runtime-types';

describe('createTokenUrl', () => {
  it.each<[GitProvider, string, string]>([
    [
      'GITHUB',
      'https://api.github.com',
      'https://github.com/settings/tokens/new?scopes=repo&description=Codefresh%20GitOps',
    ],
    [
      'GITHUB',
      'https://ghe.acme-corp.example/api/v3/',
      'https://ghe.acme-corp.example/settings/tokens/new?scopes=repo&description=Codefresh%20GitOps',
    ],
    [
      'GITHUB',
      'https://api.octo.ghe.com',
      'https://octo.ghe.com/settings/tokens/new?scopes=repo&description=Codefresh%20GitOps',
    ],
    [
      'GITLAB',
      'https://gitlab.com/api/v4',
      'https://gitlab.com/-/user_settings/personal_access_tokens?name=Codefresh%20GitOps&scopes=read_api,write_repository',
    ],
    [
      'GITLAB',
      'https://git.acme.example/gitlab/api/v4',
      'https://git.acme.example/gitlab/-/user_settings/personal_access_tokens?name=Codefresh%20GitOps&scopes=read_api,write_repository',
    ],
    ['BITBUCKET', 'https://bitbucket.org', 'https://id.atlassian.com/manage-profile/security/api-tokens'],
    [
      'BITBUCKET_SERVER',
      'https://bitbucket.acme-corp.example/rest/api/1.0',
      'https://bitbucket.acme-corp.example/plugins/servlet/access-tokens/manage',
    ],
  ])('%s %s', (provider, apiUrl, expected) => {
    expect(createTokenUrl(provider, apiUrl)).toBe(expected);
  });

  it('falls back to the cloud page when the API URL is unusable', () => {
    expect(createTokenUrl('GITHUB', 'not a url')).toMatch(/^https:\/\/github\.com\/settings\/tokens\/new\?/);
    expect(createTokenUrl('GITLAB', 'javascript:alert(1)')).toMatch(/^https:\/\/gitlab\.com\//);
  });
});

describe('resolveGitApiUrl', () => {
  it.each<[GitProvider, string, string, string]>([
    ['GITHUB', 'https://github.com', 'https://api.github.com', 'github.com'],
    ['GITHUB', 'https://api.github.com/', 'https://api.github.com', 'github.com'],
    [
      'GITHUB',
      'https://ghe.acme-corp.example',
      'https://ghe.acme-corp.example/api/v3',
      'ghe.acme-corp.example',
    ],
    [
      'GITHUB',
      'https://ghe.acme-corp.example/api/v3',
      'https://ghe.acme-corp.example/api/v3',
      'ghe.acme-corp.example',
    ],
    ['GITLAB', 'https://gitlab.com', 'https://gitlab.com/api/v4', 'gitlab.com'],
    ['BITBUCKET', 'https://bitbucket.org/api/2.0', 'https://api.bitbucket.org/2.0', 'bitbucket.org'],
    [
      'BITBUCKET_SERVER',
      'https://bb.acme.example:7990',
      'https://bb.acme.example:7990/rest/api/1.0',
      'bb.acme.example:7990',
    ],
  ])('%s %s → %s', (provider, apiUrl, apiBase, displayHost) => {
    const r = resolveGitApiUrl(provider, apiUrl);
    expect(r.ok && r.value.apiBase).toBe(apiBase);
    expect(r.ok && r.value.displayHost).toBe(displayHost);
  });

  it.each(['', 'ftp://x.example', 'https://user:pw@x.example', 'nope'])('refuses %j', (apiUrl) => {
    const r = resolveGitApiUrl('GITHUB', apiUrl);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('git-api-url-invalid');
  });
});
