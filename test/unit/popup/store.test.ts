import { beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../src/popup/memory-storage';
import { createPopupStore } from '../../../src/popup/store';
import { FakePopupApi, runtime, validation } from './fake-popup-api';

const text = (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join(':');

describe('popup store', () => {
  let api: FakePopupApi;
  let store: ReturnType<typeof createPopupStore>;

  beforeEach(() => {
    api = new FakePopupApi();
    store = createPopupStore(api, text);
  });

  it('asks for an API key first when none is stored, and lists nothing before that', async () => {
    api.statusView = { ...api.statusView, account: null };
    await store.getState().start('https://g.codefresh.io/2.0/user-settings');
    expect(store.getState().phase).toBe('needs-api-key');
    expect(api.sentTypes()).not.toContain('runtimes/list');
  });

  it('asks for the passphrase when the vault is locked', async () => {
    api.statusView = { ...api.statusView, vault: { mode: 'passphrase', locked: true } };
    await store.getState().start(null);
    expect(store.getState().phase).toBe('locked');
  });

  it('focuses the detected runtime and selects it as the target', async () => {
    api.runtimes = [runtime('production'), runtime('staging')];
    api.detected = 'staging';
    await store.getState().start('https://staging.example/workflows/');
    expect(store.getState()).toMatchObject({ phase: 'ready', focused: 'staging', targets: ['staging'] });
    expect(store.getState().detection?.signal).toBe('runtime-host');
  });

  it('shows a refresh as it streams in: names as "checking", then each runtime in the platform order', async () => {
    let release!: () => void;
    api.holdList = new Promise((resolve) => {
      release = resolve;
    });
    api.runtimes = [runtime('production'), runtime('staging'), runtime('qa')];
    const started = store.getState().start('https://staging.example/workflows/');
    await expect.poll(() => store.getState().runtimesLoading).toBe(true);
    expect(api.listPageUrls).toEqual(['https://staging.example/workflows/']);

    store
      .getState()
      .onListProgress([
        { type: 'runtimes/progress', accountId: 'a1', names: ['production', 'staging', 'qa'] },
      ]);
    expect(store.getState()).toMatchObject({ runtimes: [], checking: ['production', 'staging', 'qa'] });
    store.getState().onListProgress([
      { type: 'runtimes/progress', accountId: 'a1', runtime: runtime('qa') },
      { type: 'runtimes/progress', accountId: 'a1', runtime: runtime('production') },
    ]);
    expect(store.getState().runtimes.map((r) => r.name)).toEqual(['production', 'qa']);
    expect(store.getState().checking).toEqual(['staging']);

    release();
    await started;
    expect(store.getState().runtimes.map((r) => r.name)).toEqual(['production', 'staging', 'qa']);
    expect(store.getState().checking).toEqual([]);
    // A late event after the answer changes nothing.
    store.getState().onListProgress([{ type: 'runtimes/progress', accountId: 'a1', names: ['gone'] }]);
    expect(store.getState().runtimes).toHaveLength(3);
  });

  it('remembers the runtime the user picks, for the next popup on a page that names none', async () => {
    api.runtimes = [runtime('production'), runtime('staging')];
    await store.getState().start(null);
    store.getState().focus('staging');
    expect(api.remembered).toEqual(['staging']);
  });

  it('sends the token once and keeps only the draft id and validation', async () => {
    api.runtimes = [runtime('production')];
    api.detected = 'production';
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    expect(api.sentTokens).toEqual(['ghp_example']);
    expect(JSON.stringify(store.getState())).not.toContain('ghp_example');
    expect(store.getState().draft?.draftId).toBe('draft-1');
  });

  it('selects all runtimes missing a token that fit the token provider, and nothing unreachable', async () => {
    api.runtimes = [
      runtime('a'),
      runtime('b', { token: { kind: 'valid' } }),
      runtime('c', { token: { kind: 'invalid' } }),
      runtime('gl', { gitProvider: 'GITLAB', gitApiUrl: 'https://gitlab.com/api/v4' }),
      runtime('new', {
        installationStatus: 'IN_PROGRESS',
        token: { kind: 'unknown', reason: 'not-installed', message: '' },
      }),
      runtime('d'),
    ];
    api.detected = 'a';
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    store.getState().preset('missing');
    expect(store.getState().targets).toEqual(['a', 'd']);
    store.getState().preset('invalid');
    expect(store.getState().targets).toEqual(['c']);
  });

  it('reports a result per runtime and retries a failed runtime alone', async () => {
    api.runtimes = [runtime('a'), runtime('down'), runtime('b')];
    api.detected = 'a';
    api.failOn.add('down');
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    store.getState().preset('missing');
    await store.getState().apply('draft');
    expect(store.getState().results?.map((r) => [r.runtimeName, r.ok])).toEqual([
      ['a', true],
      ['down', false],
      ['b', true],
    ]);
    api.failOn.clear();
    await store.getState().retry('down');
    expect(api.applied.at(-1)?.runtimeNames).toEqual(['down']);
    expect(store.getState().results?.every((r) => r.ok)).toBe(true);
  });

  it('retries with the record the token was kept in once the draft is gone, not with another saved token', async () => {
    api.runtimes = [runtime('a'), runtime('down')];
    api.detected = 'a';
    api.failOn.add('down');
    api.saved = [
      {
        id: 'someone-elses',
        provider: 'GITHUB',
        apiUrl: 'https://api.github.com',
        login: 'hubot',
        tokenType: 'github-classic',
        scopes: ['repo'],
        lastFour: 'zzzz',
        expiresAt: null,
        createdAt: 0,
        lastUsedAt: null,
        runtimes: [],
      },
    ];
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    store.getState().preset('missing');
    await store.getState().apply('draft');
    store.getState().clearDraft();
    api.failOn.clear();
    await store.getState().retry('down');
    expect(api.applied.at(-1)).toMatchObject({ source: { kind: 'record', recordId: 'record-1' } });
  });

  it('asks for a self-hosted Git host in the Check click, and sends nothing when refused', async () => {
    api.runtimes = [runtime('ghe', { gitApiUrl: 'https://ghe.acme.example/api/v3' })];
    api.detected = 'ghe';
    api.grantHostAccess = false;
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    expect(api.requestedOrigins).toEqual([['https://ghe.acme.example']]);
    expect(api.sentTokens).toEqual([]);
    expect(store.getState().error?.code).toBe('host-access-refused');
  });

  it('does not ask for the Git hosts the extension ships with', async () => {
    api.runtimes = [runtime('production')];
    api.detected = 'production';
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    expect(api.requestedOrigins).toEqual([]);
    expect(api.sentTokens).toEqual(['ghp_example']);
  });

  it('asks for host access in the click and reports refused runtimes without sending to them', async () => {
    api.runtimes = [
      runtime('a'),
      runtime('far', { hostAccess: 'missing', appProxyOrigin: 'https://far.example' }),
    ];
    api.detected = 'a';
    api.grantHostAccess = false;
    await store.getState().start('x');
    await store.getState().validate('ghp_example');
    store.getState().preset('missing');
    await store.getState().apply('draft');
    expect(api.requestedOrigins).toEqual([['https://far.example']]);
    expect(api.applied.at(-1)?.runtimeNames).toEqual(['a']);
    expect(store.getState().results?.find((r) => r.runtimeName === 'far')).toMatchObject({
      ok: false,
      error: { code: 'host-access-refused' },
    });
  });

  it('shows a validation error and keeps no draft', async () => {
    api.runtimes = [runtime('a')];
    api.detected = 'a';
    api.validationAnswer = {
      ok: false,
      error: { code: 'token-bad-credentials', message: 'Bad credentials.' },
    };
    await store.getState().start('x');
    await store.getState().validate('ghp_wrong');
    expect(store.getState()).toMatchObject({ draft: null, error: { code: 'token-bad-credentials' } });
  });

  it('announces blockers in the live region', async () => {
    api.runtimes = [runtime('a')];
    api.detected = 'a';
    api.validationAnswer = {
      ok: true,
      value: {
        draftId: 'd',
        validation: validation({
          blockers: [{ code: 'token-missing-scopes', message: 'Missing scope repo.' }],
        }),
      },
    };
    await store.getState().start('x');
    await store.getState().validate('ghp_x');
    expect(store.getState().announcement).toBe('Missing scope repo.');
  });

  it('remembers only the keep preference between openings, never a token or a result', async () => {
    const preferences = memoryStorage();
    const first = createPopupStore(api, text, preferences);
    api.runtimes = [runtime('production')];
    api.detected = 'production';
    await first.getState().start('x');
    first.getState().setKeep(false);
    await first.getState().validate('ghp_persistme');
    await first.getState().apply('draft');
    const stored = preferences.getItem('popup-preferences') as string;
    expect(JSON.parse(stored)).toEqual({ state: { keep: false }, version: 1 });
    expect(stored).not.toContain('ghp_persistme');
    expect(createPopupStore(api, text, preferences).getState().keep).toBe(false);
  });

  describe('replace everywhere', () => {
    const saved = {
      id: 'old',
      provider: 'GITHUB' as const,
      apiUrl: 'https://api.github.com',
      login: 'octocat',
      tokenType: 'github-classic',
      scopes: ['repo'],
      lastFour: 'abcd',
      expiresAt: '2026-11-27T00:00:00Z',
      createdAt: 0,
      lastUsedAt: null,
      runtimes: ['production', 'staging'],
    };

    beforeEach(async () => {
      api.saved = [saved];
      api.runtimes = [runtime('production'), runtime('staging')];
      api.expiring = [
        {
          tokenId: 'old',
          login: 'octocat',
          provider: 'GITHUB',
          expiresAt: saved.expiresAt,
          state: 'expires-soon',
          daysLeft: 2,
          runtimes: saved.runtimes,
        },
      ];
      await store.getState().start(null);
    });

    it('shows what expires soon when the popup opens', () => {
      expect(store.getState().expiring.map((e) => e.tokenId)).toEqual(['old']);
    });

    it('sends the new token once and never keeps it', async () => {
      store.getState().startRotation('old');
      await store.getState().rotate('ghp_newtoken', undefined, false);
      expect(api.rotations).toEqual([
        { oldRecordId: 'old', token: 'ghp_newtoken', confirmDifferentOwner: false },
      ]);
      expect(JSON.stringify(store.getState())).not.toContain('ghp_newtoken');
      expect(store.getState()).toMatchObject({ rotating: null, rotationReplaced: true });
    });

    it('asks for a self-hosted Git host in the Replace click, and sends nothing when refused', async () => {
      api.saved = [{ ...saved, apiUrl: 'https://ghe.acme.example/api/v3' }];
      api.runtimes = [
        runtime('production'),
        runtime('staging', { hostAccess: 'missing', appProxyOrigin: 'https://staging.example' }),
      ];
      await store.getState().start(null);
      api.grantHostAccess = false;
      store.getState().startRotation('old');
      expect(await store.getState().rotate('ghp_newtoken', undefined, false)).toBe(false);
      expect(api.requestedOrigins).toEqual([['https://ghe.acme.example', 'https://staging.example']]);
      expect(api.rotations).toEqual([]);
      expect(store.getState().error).toMatchObject({ code: 'host-access-refused' });
      expect(store.getState().error?.message).toContain('https://ghe.acme.example');

      api.grantHostAccess = true;
      expect(await store.getState().rotate('ghp_newtoken', undefined, false)).toBe(true);
      expect(api.rotations).toHaveLength(1);
    });

    it('asks to confirm when the new token has another owner, then sends the confirmation', async () => {
      api.rotateAnswer = {
        ok: false,
        error: { code: 'rotation-owner-changed', message: 'The new token belongs to hubot, not octocat.' },
      };
      store.getState().startRotation('old');
      expect(await store.getState().rotate('ghp_other', undefined, false)).toBe(false);
      expect(store.getState()).toMatchObject({ ownerChangeAsked: true, rotating: 'old' });
      expect(store.getState().error?.message).toContain('hubot');
      api.rotateAnswer = { ok: true, value: { results: [], replaced: true, newRecordId: null } };
      await store.getState().rotate('ghp_other', undefined, true);
      expect(api.rotations.at(-1)).toMatchObject({ confirmDifferentOwner: true });
    });

    it('keeps the failures listed after a partial rotation and retries them with the new saved token', async () => {
      api.rotateAnswer = {
        ok: true,
        value: {
          results: [
            { runtimeName: 'production', ok: true },
            {
              runtimeName: 'staging',
              ok: false,
              error: { code: 'app-proxy-down', message: 'staging is down' },
            },
          ],
          replaced: false,
          newRecordId: 'new',
        },
      };
      store.getState().startRotation('old');
      await store.getState().rotate('ghp_new', undefined, false);
      expect(store.getState().rotationReplaced).toBe(false);
      await store.getState().retry('staging');
      expect(api.applied.at(-1)).toMatchObject({
        source: { kind: 'record', recordId: 'new' },
        runtimeNames: ['staging'],
      });
    });
  });

  describe('Authorize with the Git provider', () => {
    it('authorizes the focused runtime, shows progress, then the result and the new token state', async () => {
      api.runtimes = [runtime('production'), runtime('staging')];
      api.detected = 'staging';
      await store.getState().start('x');
      const running = store.getState().authorizeOAuth();
      api.runtimes = [runtime('production'), runtime('staging', { token: { kind: 'valid' } })];
      await running;
      expect(api.authorized).toEqual([['staging']]);
      expect(api.oauthSeen).toEqual(['staging:running', 'staging:done']);
      expect(store.getState()).toMatchObject({
        authorizing: false,
        oauthResults: [{ runtimeName: 'staging', ok: true }],
        announcement: 'oauthAllDone:1',
      });
      expect(store.getState().runtimes.find((r) => r.name === 'staging')?.token.kind).toBe('valid');
      expect(api.sent.at(-1)).toMatchObject({ type: 'runtimes/list', payload: { refresh: true } });
    });

    it('keeps the worker message on failure, which points to the token path', async () => {
      api.runtimes = [runtime('production')];
      api.detected = 'production';
      api.oauthFailOn.set('production', 'Access was denied. Paste a personal access token instead.');
      await store.getState().start('x');
      await store.getState().authorizeOAuth();
      expect(store.getState().oauthResults).toEqual([
        {
          runtimeName: 'production',
          ok: false,
          error: {
            code: 'oauth-denied',
            message: 'Access was denied. Paste a personal access token instead.',
          },
        },
      ]);
      expect(store.getState().announcement).toContain('personal access token');
      store.getState().dismissOAuth();
      expect(store.getState().oauthResults).toBeNull();
    });

    it('asks for host access inside the click and sends nothing for a runtime refused', async () => {
      api.runtimes = [runtime('a', { hostAccess: 'missing' }), runtime('b')];
      api.grantHostAccess = false;
      await store.getState().start('x');
      await store.getState().authorizeOAuth(['a', 'b']);
      expect(api.requestedOrigins).toEqual([['https://a.example']]);
      expect(api.authorized).toEqual([['b']]);
      expect(store.getState().oauthResults?.map((r) => [r.runtimeName, r.ok])).toEqual([
        ['b', true],
        ['a', false],
      ]);
    });

    it('does nothing without a runtime, and ignores progress after the run', async () => {
      await store.getState().start('x');
      await store.getState().authorizeOAuth();
      expect(api.authorized).toEqual([]);
    });
  });
});
