import { describe, expect, it, vi } from 'vitest';
import {
  authorizeUrl,
  createGitOAuth,
  type GitOAuthDeps,
  providerPath,
} from '../../../../src/background/oauth/git-oauth';
import {
  readTab,
  type TabInfo,
  type TabUpdatedListener,
} from '../../../../src/background/oauth/oauth-consent-tab';
import type { OAuthProgressEvent } from '../../../../src/shared/messages/oauth';
import type { RuntimeView, TokenState } from '../../../../src/shared/runtime-types';
import { runtime } from '../../popup/fake-popup-api';

const ME = { userId: 'u1', accountId: 'a1' };
const PLATFORM = 'https://g.codefresh.io';

/** Browser tabs in memory: the test moves each tab along as the browser would. */
class FakeTabs {
  created: { id: number; url: string; active: boolean }[] = [];
  removed: number[] = [];
  private updated = new Set<TabUpdatedListener>();
  private removedListeners = new Set<(tabId: number) => void>();
  private nextId = 10;
  /** Runs after the tab exists but before `create` answers (a fast redirect). */
  beforeAnswer: ((id: number) => void) | null = null;

  readonly api: GitOAuthDeps['tabs'] = {
    create: async ({ url, active }) => {
      const id = this.nextId++;
      this.created.push({ id, url, active });
      this.beforeAnswer?.(id);
      return { id, url: '', status: 'loading' };
    },
    remove: async (id) => {
      this.removed.push(id);
    },
    onUpdated: {
      addListener: (l) => this.updated.add(l),
      removeListener: (l) => this.updated.delete(l),
    },
    onRemoved: {
      addListener: (l) => this.removedListeners.add(l),
      removeListener: (l) => this.removedListeners.delete(l),
    },
  };

  listeners() {
    return this.updated.size + this.removedListeners.size;
  }
  /** The tab navigated to `url` (undefined: a page the extension may not read, like the provider's). */
  go(id: number, url: string | undefined, status: 'loading' | 'complete' = 'complete') {
    const tab: TabInfo = { id, ...(url ? { url } : {}), status };
    for (const l of [...this.updated]) l(id, { ...(url ? { url } : {}), status }, tab);
  }
  close(id: number) {
    for (const l of [...this.removedListeners]) l(id);
  }
  async opened(count: number) {
    await vi.waitFor(() => expect(this.created.length).toBe(count));
    return this.created[count - 1]!;
  }
}

const setup = (
  runtimes: RuntimeView[],
  after: Record<string, TokenState['kind']> = {},
  extra: Partial<GitOAuthDeps> = {},
) => {
  const tabs = new FakeTabs();
  const events: OAuthProgressEvent[] = [];
  let invalidated = 0;
  const byName = new Map(runtimes.map((r) => [r.name, r]));
  const oauth = createGitOAuth({
    tabs: tabs.api,
    findRuntime: async (name) => {
      const r = byName.get(name);
      if (!r) throw new Error('no such runtime');
      // After the cache was dropped, the app-proxy answers the new state.
      const kind = invalidated > 0 ? after[name] : undefined;
      return kind ? { ...r, token: { kind } as TokenState } : r;
    },
    me: async () => ME,
    invalidate: async () => {
      invalidated++;
    },
    platformOrigins: () => [PLATFORM],
    broadcast: (e) => events.push(e),
    pollMs: 60_000,
    ...extra,
  });
  return { oauth, tabs, events, invalidations: () => invalidated };
};

const production = runtime('production', { appProxyOrigin: 'https://argo.acme.example' });
const START = 'https://argo.acme.example/app-proxy/api/git-auth/github?userId=u1&accountId=a1';

describe('git OAuth: URLs', () => {
  it.each([
    // oauth-setup.md documents OAuth for GitOps with GitHub only (GitHub Enterprise included).
    ['GITHUB', 'github'],
    ['GITLAB', null],
    ['BITBUCKET_SERVER', null],
    ['BITBUCKET', null],
    [null, null],
  ] as const)('maps %s to %s', (provider, path) => {
    expect(providerPath(provider)).toBe(path);
  });

  it('builds the CLI git-auth URL on the runtime app-proxy origin with the user and account ids', () => {
    expect(authorizeUrl(production, ME)).toBe(START);
    expect(
      authorizeUrl(
        runtime('ghe', {
          gitApiUrl: 'https://ghe.acme.example/api/v3',
          appProxyOrigin: 'https://ghe-runtime.example',
        }),
        { userId: 'u 1', accountId: 'a&1' },
      ),
    ).toBe('https://ghe-runtime.example/app-proxy/api/git-auth/github?userId=u+1&accountId=a%261');
  });

  it('refuses a provider without an OAuth flow, and a runtime without an address', () => {
    for (const gitProvider of ['GITLAB', 'BITBUCKET', 'BITBUCKET_SERVER'] as const) {
      expect(() => authorizeUrl(runtime('other', { gitProvider }), ME)).toThrow(/personal access token/);
    }
    expect(() => authorizeUrl(runtime('edge', { appProxyOrigin: null }), ME)).toThrow(/https address/);
  });

  it('words each refusal in full, naming the runtime and provider', () => {
    expect(() => authorizeUrl(runtime('bb', { gitProvider: 'BITBUCKET' }), ME)).toThrow(
      'bb uses Bitbucket Cloud, which cannot be authorized with OAuth. Paste a personal access token instead.',
    );
    expect(() => authorizeUrl(runtime('odd', { gitProvider: null }), ME)).toThrow(
      'odd uses an unknown Git provider, which cannot be authorized with OAuth. Paste a personal access token instead.',
    );
    expect(() => authorizeUrl(runtime('edge', { appProxyOrigin: null }), ME)).toThrow(
      "Codefresh has no https address for edge's app-proxy. Set one for this runtime in the options, or paste a token instead.",
    );
  });

  it('reads where a tab stands', () => {
    const read = (url: string | undefined, complete = true) =>
      readTab(url, complete, 'https://argo.acme.example', [PLATFORM]).kind;
    expect(read(`${PLATFORM}/2.0/user-settings?gitAuth=success`)).toBe('landed');
    expect(read(START, false)).toBe('waiting');
    expect(read(START)).toBe('error-page');
    expect(read(undefined)).toBe('waiting');
    expect(read('https://github.com/login/oauth/authorize?state=x')).toBe('waiting');
    expect(read('https://argo.acme.example/workflows/')).toBe('waiting');
    expect(
      readTab(`${PLATFORM}/x?gitAuth=error&reason=access_denied`, false, 'https://a', [PLATFORM]),
    ).toEqual({
      kind: 'landed',
      gitAuth: 'error',
      reason: 'access_denied',
    });
  });
});

describe('git OAuth: the flow in a tab', () => {
  it('opens the git-auth URL, follows the tab back to Codefresh, closes it and re-reads the token', async () => {
    const { oauth, tabs, events, invalidations } = setup([production], { production: 'valid' });
    const answer = oauth.authorize(['production']);
    const tab = await tabs.opened(1);
    expect(tab).toMatchObject({ url: START, active: true });
    tabs.go(tab.id, START, 'loading');
    tabs.go(tab.id, undefined); // the provider's consent page: not readable, still waiting
    tabs.go(tab.id, `${PLATFORM}/2.0/user-settings?gitAuth=success`);
    await expect(answer).resolves.toEqual({ results: [{ runtimeName: 'production', ok: true }] });
    expect(tabs.removed).toEqual([tab.id]);
    expect(invalidations()).toBe(1);
    expect(events.map((e) => e.state)).toEqual(['pending', 'running', 'done']);
    expect(tabs.listeners()).toBe(0);
  });

  it('says so when the user denied access, and offers the token path', async () => {
    const { oauth, tabs, events } = setup([production]);
    const answer = oauth.authorize(['production']);
    const tab = await tabs.opened(1);
    tabs.go(tab.id, `${PLATFORM}/2.0/user-settings?gitAuth=error&reason=access_denied`);
    const { results } = await answer;
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'oauth-denied' } });
    expect(!results[0]!.ok && results[0]!.error.message).toMatch(/denied.*personal access token/);
    expect(events.at(-1)).toMatchObject({ runtimeName: 'production', state: 'failed' });
    expect(tabs.removed).toEqual([tab.id]);
  });

  it('reads a runtime error page as OAuth not set up, and leaves the page open to read', async () => {
    const { oauth, tabs } = setup([production]);
    const answer = oauth.authorize(['production']);
    const tab = await tabs.opened(1);
    tabs.go(tab.id, START, 'loading');
    tabs.go(tab.id, START, 'complete');
    const { results } = await answer;
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'oauth-not-available' } });
    expect(!results[0]!.ok && results[0]!.error.message).toMatch(/admin.*personal access token/);
    expect(tabs.removed).toEqual([]);
  });

  it('a closed tab is a success only if the runtime now has a valid token', async () => {
    const first = setup([production]);
    const a = first.oauth.authorize(['production']);
    first.tabs.close((await first.tabs.opened(1)).id);
    expect((await a).results[0]).toMatchObject({ ok: false, error: { code: 'oauth-closed' } });

    const second = setup([production], { production: 'valid' });
    const b = second.oauth.authorize(['production']);
    second.tabs.close((await second.tabs.opened(1)).id);
    expect((await b).results[0]).toEqual({ runtimeName: 'production', ok: true });
  });

  it('catches a landing that happens before the tab id is known', async () => {
    const { oauth, tabs } = setup([production], { production: 'valid' });
    tabs.beforeAnswer = (id) => tabs.go(id, `${PLATFORM}/2.0/user-settings?gitAuth=success`);
    await expect(oauth.authorize(['production'])).resolves.toEqual({
      results: [{ runtimeName: 'production', ok: true }],
    });
  });

  it('runs several runtimes one after another, each in its own tab', async () => {
    const staging = runtime('staging', { appProxyOrigin: 'https://staging.acme.example' });
    const ghe = runtime('gl', {
      gitApiUrl: 'https://ghe.acme.example/api/v3',
      appProxyOrigin: 'https://gl.acme.example',
    });
    const { oauth, tabs, events } = setup([production, staging, ghe], {
      production: 'valid',
      gl: 'valid',
    });
    const answer = oauth.authorize(['production', 'staging', 'gl']);
    const one = await tabs.opened(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(tabs.created).toHaveLength(1);
    tabs.go(one.id, `${PLATFORM}/2.0/user-settings?gitAuth=success`);
    const two = await tabs.opened(2);
    expect(two.url).toContain('https://staging.acme.example/app-proxy/api/git-auth/github?');
    tabs.go(two.id, `${PLATFORM}/2.0/user-settings?gitAuth=error&reason=access_denied`);
    const three = await tabs.opened(3);
    expect(three.url).toContain('https://gl.acme.example/app-proxy/api/git-auth/github?');
    tabs.go(three.id, `${PLATFORM}/2.0/user-settings?gitAuth=success`);
    const { results } = await answer;
    expect(results.map((r) => [r.runtimeName, r.ok])).toEqual([
      ['production', true],
      ['staging', false],
      ['gl', true],
    ]);
    expect(events.slice(0, 3).map((e) => `${e.runtimeName}:${e.state}`)).toEqual([
      'production:pending',
      'staging:pending',
      'gl:pending',
    ]);
  });

  it('fails a runtime whose provider has no OAuth flow without opening a tab', async () => {
    const bb = runtime('bb', { gitProvider: 'BITBUCKET' });
    const { oauth, tabs } = setup([bb]);
    const { results } = await oauth.authorize(['bb']);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'oauth-unsupported' } });
    expect(tabs.created).toEqual([]);
  });

  it('gives up after the timeout and says what to do', async () => {
    const { oauth, tabs } = setup([production], {}, { timeoutMs: 20 });
    const answer = oauth.authorize(['production']);
    await tabs.opened(1);
    const { results } = await answer;
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'oauth-timeout' } });
    expect(tabs.listeners()).toBe(0);
  });

  it('polls the tab: a tab gone between events counts as closed', async () => {
    const { oauth, tabs } = setup(
      [production],
      {},
      {
        pollMs: 5,
        tabs: { ...new FakeTabs().api, get: async () => Promise.reject(new Error('No tab with id')) },
      },
    );
    const answer = oauth.authorize(['production']);
    const { results } = await answer;
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'oauth-closed' } });
    expect(tabs.created).toEqual([]);
  });

  describe('says what happened and what to do next', () => {
    const failure = async (
      move: (tabs: FakeTabs, id: number) => void,
      after: Record<string, TokenState['kind']> = {},
    ) => {
      const { oauth, tabs } = setup([production], after);
      const answer = oauth.authorize(['production']);
      move(tabs, (await tabs.opened(1)).id);
      const [result] = (await answer).results;
      return result && !result.ok ? result.error : result;
    };

    it('when the runtime page shows an error at the start or at the callback', async () => {
      expect(await failure((tabs, id) => tabs.go(id, START))).toEqual({
        code: 'oauth-not-available',
        message:
          'production could not start authorization with GitHub: your account admin may not have set up Git OAuth for this runtime (its page says why). Paste a personal access token for it instead.',
      });
      const callback = 'https://argo.acme.example/app-proxy/api/git-auth/github/callback?code=x';
      expect(await failure((tabs, id) => tabs.go(id, callback))).toEqual({
        code: 'oauth-failed',
        message:
          'production could not finish the authorization with GitHub (its page says why). Try again, or paste a personal access token instead.',
      });
    });

    it('when the provider refused, with or without a reason', async () => {
      expect(
        await failure((tabs, id) => tabs.go(id, `${PLATFORM}/x?gitAuth=error&reason=access_denied`)),
      ).toEqual({
        code: 'oauth-denied',
        message:
          "Access was denied on GitHub's page, so production got no token. Authorize again and allow access, or paste a personal access token instead.",
      });
      expect(
        await failure((tabs, id) => tabs.go(id, `${PLATFORM}/x?gitAuth=error&reason=server_error`)),
      ).toEqual({
        code: 'oauth-failed',
        message:
          'GitHub did not authorize production (server_error). Try again, or paste a personal access token instead.',
      });
      expect(await failure((tabs, id) => tabs.go(id, `${PLATFORM}/x?gitAuth=error`))).toEqual({
        code: 'oauth-failed',
        message: 'GitHub did not authorize production. Try again, or paste a personal access token instead.',
      });
    });

    it('when the tab closed, or the flow came back without a token', async () => {
      expect(await failure((tabs, id) => tabs.close(id))).toEqual({
        code: 'oauth-closed',
        message:
          'The authorization tab for production was closed before it finished. Try again, or paste a personal access token instead.',
      });
      expect(
        await failure((tabs, id) => tabs.go(id, `${PLATFORM}/x?gitAuth=success`), { production: 'none' }),
      ).toEqual({
        code: 'oauth-no-token',
        message:
          'GitHub sent you back to Codefresh, but production still shows no valid token for you. Refresh the list, or paste a personal access token instead.',
      });
    });

    it('when it timed out, or could not start at all', async () => {
      const slow = setup([production], {}, { timeoutMs: 20 });
      const late = slow.oauth.authorize(['production']);
      await slow.tabs.opened(1);
      expect((await late).results[0]).toMatchObject({
        error: {
          code: 'oauth-timeout',
          message:
            'The authorization for production took too long. Try again, or paste a personal access token instead.',
        },
      });
      const { oauth } = setup([]);
      expect((await oauth.authorize(['ghost'])).results[0]).toMatchObject({
        error: {
          code: 'internal',
          message: 'Could not start authorizing ghost. Paste a personal access token for it instead.',
        },
      });
    });
  });
});
