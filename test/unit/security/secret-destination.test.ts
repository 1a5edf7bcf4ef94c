// A Git token or the API key leaves the worker only over https, and only to an origin the browser
// has granted: the worker checks it itself before every such request, whoever asked. Without that
// check a fetch to a host the user never allowed still goes out (as a CORS request, which GitHub,
// GHE, GitLab and Codefresh answer), and an http Git API URL shows the token to the network.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProxyClient } from '../../../src/background/codefresh/app-proxy-client';
import { graphqlRequest } from '../../../src/background/codefresh/graphql-request';
import { createPlatformClient } from '../../../src/background/codefresh/platform-client';
import { createReplaceEverywhere } from '../../../src/background/expiry/replace-everywhere';
import { validateToken } from '../../../src/background/providers/validate-token';
import { createSavedGitTokens } from '../../../src/background/tokens/saved-git-tokens';
import { createDeviceKeyStore } from '../../../src/background/vault/device-key-store';
import { createTokenVault } from '../../../src/background/vault/token-vault';
import { createSimulator, DEMO_API_KEY, PLATFORM_URL, RUNTIME_HOSTS } from '../../simulator';
import { FAKE_GIT_API_URLS, GHE_HOST, SEED_TOKENS } from '../../simulator/git-providers/index';
import { failureOf } from '../background/providers/recording-fetch';
import { runtime } from '../popup/fake-popup-api';

const sim = createSimulator();
let sent: string[];
const countingFetch: typeof fetch = async (input, init) => {
  sent.push(new Request(input, init).url);
  return sim.fetch(input, init);
};
/** The browser's grants: everything but `withheld`. */
const withhold = (...withheld: string[]) => {
  fakeBrowser.permissions.contains = async ({ origins = [] }) =>
    origins.every((o) => !withheld.includes(o.replace(/\/\*$/, '')));
};

beforeEach(() => {
  sim.reset();
  sent = [];
});

describe('https only for Git API URLs', () => {
  it('refuses an http GitLab API URL with zero requests and says to use https', async () => {
    const error = await failureOf(() =>
      validateToken(
        {
          token: SEED_TOKENS.gitlabOk.token,
          provider: 'GITLAB',
          apiUrl: 'http://gitlab.acme.example/api/v4',
        },
        { fetch: countingFetch },
      ),
    );
    expect(error.code).toBe('git-api-url-not-https');
    expect(error.message).toContain('http://gitlab.acme.example');
    expect(error.message).toMatch(/https/);
    expect(error.message).not.toContain(SEED_TOKENS.gitlabOk.token);
    expect(sent).toEqual([]);
  });

  it('refuses an http GitHub Enterprise URL the same way', async () => {
    const error = await failureOf(() =>
      validateToken(
        { token: SEED_TOKENS.githubClassicOk.token, provider: 'GITHUB', apiUrl: `http://${GHE_HOST}/api/v3` },
        { fetch: countingFetch },
      ),
    );
    expect(error.code).toBe('git-api-url-not-https');
    expect(sent).toEqual([]);
  });
});

describe('host access is checked by the worker before a token is sent', () => {
  it('validates nothing against a GHE host whose access is withheld, and names what to allow', async () => {
    withhold(`https://${GHE_HOST}`);
    const error = await failureOf(() =>
      validateToken(
        { token: SEED_TOKENS.gheClassicOk.token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.ghe },
        { fetch: countingFetch },
      ),
    );
    expect(error.code).toBe('host-access-missing');
    expect(error.message).toContain(`https://${GHE_HOST}`);
    expect(error.message).toMatch(/Allow/);
    expect(sent).toEqual([]);
  });

  it('validates nothing against api.github.com once the user switched it off (Firefox allows that)', async () => {
    withhold('https://api.github.com');
    const error = await failureOf(() =>
      validateToken(
        { token: SEED_TOKENS.githubClassicOk.token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.github },
        { fetch: countingFetch },
      ),
    );
    expect(error.code).toBe('host-access-missing');
    expect(sent).toEqual([]);
  });

  it('with access granted the same validation goes out once', async () => {
    const validation = await validateToken(
      { token: SEED_TOKENS.gheClassicOk.token, provider: 'GITHUB', apiUrl: FAKE_GIT_API_URLS.ghe },
      { fetch: countingFetch },
    );
    expect(validation.login).toBe(SEED_TOKENS.gheClassicOk.login);
    expect(sent).toHaveLength(1);
  });

  it('rotation (Replace everywhere) sends the new token nowhere when the Git host is withheld', async () => {
    withhold(`https://${GHE_HOST}`);
    const vault = createTokenVault({
      storage: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      keyStore: createDeviceKeyStore(new IDBFactory()),
      alarms: fakeBrowser.alarms,
    });
    const fresh = SEED_TOKENS.gheClassicOk;
    const id = await vault.save(`ghp_SIMLEAK${'o'.repeat(29)}`, {
      kind: 'git-token',
      provider: 'GITHUB',
      apiUrl: FAKE_GIT_API_URLS.ghe,
      login: fresh.login,
      scopes: [...fresh.scopes],
      expiresAt: null,
      tokenType: 'github-classic',
      runtimes: ['ghe-runtime'],
    });
    const applied: string[] = [];
    const rotation = createReplaceEverywhere({
      vault,
      saved: createSavedGitTokens(vault),
      validate: (input) => validateToken(input, { fetch: countingFetch }),
      findRuntime: async (name) => ({
        ...runtime(name),
        gitProvider: 'GITHUB',
        gitApiUrl: FAKE_GIT_API_URLS.ghe,
      }),
      applyToRuntimes: async ({ runtimes }) => {
        applied.push(...runtimes.map((r) => r.name));
        return [];
      },
    });
    const error = await failureOf(() =>
      rotation.rotate({ oldRecordId: id, newToken: fresh.token, confirmDifferentOwner: false }),
    );
    expect(error.code).toBe('host-access-missing');
    expect(error.message).toContain(`https://${GHE_HOST}`);
    expect(sent).toEqual([]);
    expect(applied).toEqual([]);
  });
});

describe('host access is checked before the API key is sent to Codefresh', () => {
  it('asks the platform nothing when its origin is withheld', async () => {
    withhold(PLATFORM_URL);
    const platform = createPlatformClient({ fetch: countingFetch, platformOrigin: PLATFORM_URL });
    const error = await failureOf(() => platform.runtimes(DEMO_API_KEY));
    expect(error.code).toBe('host-access-missing');
    expect(error.message).toContain(PLATFORM_URL);
    expect(error.message).not.toContain(DEMO_API_KEY);
    expect(sent).toEqual([]);
  });

  it('sends no token to an app-proxy whose origin is withheld, whoever calls the client', async () => {
    const host = `https://${RUNTIME_HOSTS[0]}`;
    withhold(host);
    const appProxy = createAppProxyClient({ fetch: countingFetch, platformOrigin: PLATFORM_URL });
    const error = await failureOf(() =>
      appProxy.register(host, DEMO_API_KEY, { token: SEED_TOKENS.githubClassicOk.token }),
    );
    expect(error.code).toBe('host-access-missing');
    expect(sent).toEqual([]);
  });

  it('refuses a plain-http GraphQL endpoint before anything leaves', async () => {
    const error = await failureOf(() =>
      graphqlRequest(
        { fetch: countingFetch },
        { target: 'platform', url: 'http://g.codefresh.io/2.0/api/graphql' },
        { query: '{ me { id } }', operationName: 'Me', variables: {}, apiKey: DEMO_API_KEY },
      ),
    );
    expect(error.code).toBe('destination-not-https');
    expect(sent).toEqual([]);
  });
});
