import { describe, expect, it } from 'vitest';
import {
  cloudApiUrlOf,
  descriptorFor,
  GIT_PROVIDERS,
  needsAccountEmail,
  oauthPathOf,
  PROVIDERS,
  parseGitProvider,
  providerLabel,
  providerOfApiUrl,
  unsupportedProviderName,
} from '../../../src/providers/registry';
import { accountGitOf } from '../../../src/shared/account-git';
import { BUILT_IN_GIT_ORIGINS } from '../../../src/shared/constants';
import { resolveGitApiUrl } from '../../../src/shared/git-api-url';

describe('provider registry', () => {
  it('derives the Codefresh provider list from its descriptors, each value once', () => {
    expect(GIT_PROVIDERS).toEqual(['GITHUB', 'GITLAB', 'BITBUCKET', 'BITBUCKET_SERVER']);
    expect(new Set(PROVIDERS.map((p) => p.id)).size).toBe(PROVIDERS.length);
  });

  it('has one label per provider, and Bitbucket Data Center is called that', () => {
    expect(PROVIDERS.map((p) => p.label)).toEqual([
      'GitHub',
      'GitHub Enterprise',
      'GitLab',
      'Bitbucket Cloud',
      'Bitbucket Data Center',
    ]);
    expect(providerLabel('BITBUCKET_SERVER')).toBe('Bitbucket Data Center');
    expect(providerLabel('GITHUB', 'https://ghe.acme.example/api/v3')).toBe('GitHub Enterprise');
    expect(providerLabel('GITHUB', 'https://api.github.com')).toBe('GitHub');
  });

  it.each([
    ['https://api.github.com', 'GITHUB'],
    ['https://github.com/', 'GITHUB'],
    ['https://ghe.acme.example/api/v3', 'GITHUB'],
    ['https://api.octo.ghe.com', 'GITHUB'],
    ['https://gitlab.com/api/v4', 'GITLAB'],
    ['https://git.acme.example/gitlab/api/v4/', 'GITLAB'],
    ['https://bitbucket.org', 'BITBUCKET'],
    ['https://api.bitbucket.org/2.0', 'BITBUCKET'],
    ['https://bitbucket.acme.example/rest/api/1.0', 'BITBUCKET_SERVER'],
    ['https://review.acme.example', null],
    ['not a url', null],
  ] as const)('URL → provider: %s is %s', (url, provider) => {
    expect(providerOfApiUrl(url)).toBe(provider);
  });

  it('provider → API URL, both ways agreeing for every descriptor’s own form', () => {
    const cases = [
      ['GITHUB', 'https://github.com', 'https://api.github.com', 'github'],
      ['GITHUB', 'https://ghe.acme.example', 'https://ghe.acme.example/api/v3', 'github-enterprise'],
      ['GITHUB', 'https://api.octo.ghe.com', 'https://api.octo.ghe.com', 'github-enterprise'],
      ['GITLAB', 'https://gitlab.com', 'https://gitlab.com/api/v4', 'gitlab'],
      ['BITBUCKET', 'https://bitbucket.org', 'https://api.bitbucket.org/2.0', 'bitbucket'],
      ['BITBUCKET_SERVER', 'https://bb.acme.example', 'https://bb.acme.example/rest/api/1.0', 'bitbucket-dc'],
    ] as const;
    for (const [provider, given, apiBase, id] of cases) {
      const resolved = resolveGitApiUrl(provider, given);
      expect(resolved.ok && resolved.value.apiBase).toBe(apiBase);
      expect(descriptorFor(provider, new URL(given)).id).toBe(id);
      expect(providerOfApiUrl(apiBase)).toBe(provider);
    }
  });

  it('parses only supported Codefresh values, and names Gerrit as not supported', () => {
    expect(parseGitProvider('GITLAB')).toBe('GITLAB');
    expect(parseGitProvider('GERRIT')).toBeNull();
    expect(parseGitProvider('gitlab')).toBeNull();
    expect(unsupportedProviderName('GERRIT')).toBe('Gerrit');
    expect(unsupportedProviderName('GITHUB')).toBeNull();
  });

  it('offers OAuth only where Codefresh documents it: GitHub and GitHub Enterprise (oauth-setup.md)', () => {
    expect(PROVIDERS.filter((p) => p.oauthPath).map((p) => p.id)).toEqual(['github', 'github-enterprise']);
    expect(oauthPathOf('GITHUB')).toBe('github');
    expect(oauthPathOf('GITLAB')).toBeNull();
    expect(oauthPathOf('BITBUCKET_SERVER')).toBeNull();
    expect(oauthPathOf('BITBUCKET')).toBeNull();
  });

  it('asks for the Atlassian account email for Bitbucket Cloud only', () => {
    expect(GIT_PROVIDERS.filter((p) => needsAccountEmail(p))).toEqual(['BITBUCKET']);
    expect(needsAccountEmail(null)).toBe(false);
  });

  it('names each cloud API once: a descriptor’s own cloud URL resolves to itself, and the manifest grants exactly those origins', () => {
    for (const d of PROVIDERS) {
      if (!d.cloudApiUrl) continue;
      expect(d.resolveApi(new URL(d.cloudApiUrl))?.apiBase).toBe(d.cloudApiUrl);
    }
    expect(BUILT_IN_GIT_ORIGINS).toEqual([
      'https://api.github.com',
      'https://gitlab.com',
      'https://api.bitbucket.org',
    ]);
    expect(GIT_PROVIDERS.map((p) => [p, cloudApiUrlOf(p)])).toEqual([
      ['GITHUB', 'https://api.github.com'],
      ['GITLAB', 'https://gitlab.com/api/v4'],
      ['BITBUCKET', 'https://api.bitbucket.org/2.0'],
      ['BITBUCKET_SERVER', null],
    ]);
    // An account naming its provider without a URL is checked against that cloud API.
    expect(accountGitOf({ gitProvider: 'GITLAB', gitApiUrl: null })).toEqual({
      provider: 'GITLAB',
      apiUrl: 'https://gitlab.com/api/v4',
    });
    expect(accountGitOf({ gitProvider: 'BITBUCKET_SERVER', gitApiUrl: null })).toBeNull();
  });
});
