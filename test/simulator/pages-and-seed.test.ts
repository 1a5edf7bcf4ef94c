import { describe, expect, it } from 'vitest';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from './git-providers/index';
import {
  API_KEYS,
  apiKeyForRuntime,
  appProxyHost,
  createSimulator,
  DEMO_API_KEY,
  findSeedRuntime,
  RUNTIME_HOSTS,
  SEED_RUNTIMES,
  SIM_ACCOUNT,
  SIM_ACCOUNTS,
  SIM_HOSTS,
  SIM_SESSION_TOKEN,
} from './index';

describe('seed', () => {
  it('names the runtimes the other suites rely on, with their hosts', () => {
    const byName = Object.fromEntries(SEED_RUNTIMES.map((r) => [r.name, r]));
    expect(Object.keys(byName)).toEqual([
      'production',
      'staging',
      'labs-ci',
      'ghe-runtime',
      'gitlab-eu',
      'gitlab-us',
      'bitbucket-cloud',
      'bitbucket-dc',
      'qa',
      'edge',
      'dev',
      'sandbox',
      'eu-private',
      'analytics',
      'ops',
      'legacy-gitlab',
    ]);
    // go-sdk AppProxy(): internalIngressHost when set (§2).
    expect(appProxyHost('eu-private')).toBe('argo-internal.eu-private.acme-corp.example');
    expect(appProxyHost('production')).toBe('argo.acme-corp.example');
    expect(appProxyHost('staging')).toBe('64f0acc0000000000000acme-staging.tunnels.cf-cd.com');
    expect(appProxyHost('edge')).toBeNull();
    expect(appProxyHost('nope')).toBeNull();
    expect(byName['ghe-runtime']?.gitApiUrl).toBe(FAKE_GIT_API_URLS.ghe);
    expect(byName.production?.registrations[0]?.token).toBe(SEED_TOKENS.githubClassicOk.token);
    expect(SEED_RUNTIMES.every((r) => r.skipGitPermissionValidation === false)).toBe(true);
  });

  it('one Git provider per account: each runtime is on its account’s provider, but for legacy-gitlab', () => {
    const accountOf = (r: (typeof SEED_RUNTIMES)[number]) => SIM_ACCOUNTS.find((a) => a.id === r.accountId)!;
    const off = SEED_RUNTIMES.filter(
      (r) => r.gitProvider !== accountOf(r).gitProvider || r.gitApiUrl !== accountOf(r).gitApiUrl,
    );
    expect(off.map((r) => r.name)).toEqual(['legacy-gitlab']);
    expect(
      new Set(SEED_RUNTIMES.filter((r) => r.accountId === SIM_ACCOUNT.id).map((r) => r.gitApiUrl)),
    ).toEqual(new Set([FAKE_GIT_API_URLS.github, FAKE_GIT_API_URLS.gitlab]));
    // Every provider has its own account, and GitHub.com a second one (acme-labs: one user, two
    // teams, one token); every account has its own key, and that key finds the account's runtimes.
    const onGithubCom = SIM_ACCOUNTS.filter((a) => a.gitApiUrl === FAKE_GIT_API_URLS.github);
    expect(onGithubCom.map((a) => a.name)).toEqual(['acme', 'acme-labs']);
    expect(new Set(SIM_ACCOUNTS.map((a) => a.gitApiUrl)).size).toBe(SIM_ACCOUNTS.length - 1);
    for (const name of ['labs-ci', 'ghe-runtime', 'gitlab-eu', 'bitbucket-cloud', 'bitbucket-dc']) {
      expect(API_KEYS.get(apiKeyForRuntime(name))?.account.id).toBe(findSeedRuntime(name)?.accountId);
      expect(apiKeyForRuntime(name)).not.toBe(DEMO_API_KEY);
    }
  });

  it('serves the platform, every runtime host with an ingress and every fake Git host', () => {
    expect(SIM_HOSTS).toEqual(
      expect.arrayContaining(['g.codefresh.io', ...RUNTIME_HOSTS, 'api.github.com', 'ghe.acme-corp.example']),
    );
    expect(RUNTIME_HOSTS).toHaveLength(15);
    expect(SIM_HOSTS).toContain('hooks.eu-private.acme-corp.example');
    expect(RUNTIME_HOSTS).not.toContain('hooks.eu-private.acme-corp.example');
    expect(new Set(SIM_HOSTS).size).toBe(SIM_HOSTS.length);
  });

  it('API keys have the `<24 hex>.<secret>` shape and carry the leak marker; the session does not', () => {
    for (const key of API_KEYS.keys()) {
      expect(key).toMatch(/^[0-9a-f]{24}\.\w{32,}$/);
      expect(key).toContain('SIMLEAK');
    }
    expect(SIM_SESSION_TOKEN).not.toContain('SIMLEAK');
  });
});

describe('fake web UI pages (§5)', () => {
  const sim = createSimulator();
  const get = async (url: string) => {
    const response = await sim.fetch(url);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      html: await response.text(),
    };
  };

  it.each(['/2.0/user-settings', '/2.0/git-personal-access-token'])(
    '%s: a table page with the session, runtimes and masked tokens, never a full token',
    async (path) => {
      const { status, type, html } = await get(`https://g.codefresh.io${path}`);
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/html/);
      // The docs' screenshot's columns (§5), and nothing a reader could lean on: no "Runtime" header.
      expect(html).toContain('<th><span>Name</span></th><th><span>Token</span></th>');
      expect(html).not.toMatch(/>Runtime</);
      expect(html).toContain(SIM_SESSION_TOKEN);
      expect(html).toContain('"name":"production"');
      // The session's account only: runtimes of the other providers' accounts are not listed.
      expect(html).not.toContain('"name":"gitlab-eu"');
      expect(html).toContain(`"last4":"${SEED_TOKENS.githubClassicOk.token.slice(-4)}"`);
      expect(html).not.toContain('SIMLEAK');
      expect(html).not.toMatch(/data-testid|data-test/);
      expect(html).not.toMatch(/console\./);
    },
  );

  it.each(['/2.0/user-settings', '/2.0/git-personal-access-token'])(
    '%s?layout=grid: the same page as an ARIA grid with no table [inferred]',
    async (path) => {
      const { status, html } = await get(`https://g.codefresh.io${path}?layout=grid`);
      expect(status).toBe(200);
      expect(html).toContain('role="grid"');
      expect(html).toContain('<div role="columnheader"><span>Name</span></div>');
      expect(html).not.toMatch(/<table|<tr|<td|<th/);
      expect(html).toContain('"layout":"grid"');
      expect(html).toContain('"name":"production"');
    },
  );

  it('runtimes list, API keys page, other 2.0 routes, unknown routes', async () => {
    const runtimes = await get('https://g.codefresh.io/2.0/account-settings/runtimes');
    expect(runtimes.html).toContain('<span>edge</span>');
    expect(runtimes.html).toContain('<th>Ingress host</th>');
    expect((await get('https://g.codefresh.io/user/settings')).html).toContain('API Keys');
    const other = await get('https://g.codefresh.io/2.0/applications-dashboard/list');
    expect([other.status, other.html.includes('/2.0/applications-dashboard/list')]).toEqual([200, true]);
    expect((await get('https://g.codefresh.io/nowhere')).status).toBe(404);
  });

  it('a host the simulator does not serve is a 502', async () => {
    expect((await get('https://unknown.example/')).status).toBe(502);
  });
});
