import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMessageListener } from '../../../../src/background/messaging/message-router';
import type { WorkerFeatures as Services } from '../../../../src/background/messaging/routes';
import { buildRoutes } from '../../../../src/background/messaging/routes';
import type { SenderKind } from '../../../../src/background/messaging/sender-guard';
import type { PageReport } from '../../../../src/shared/detect-runtime';
import { AppFailure } from '../../../../src/shared/errors';
import { allMessages } from '../../../../src/shared/messages';

/** A Services fake that records each call and answers with something recognisable. */
const recordingServices = () => {
  const calls: unknown[][] = [];
  const note =
    <T>(name: string, answer: T) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return answer;
    };
  const reports: [number, PageReport][] = [];
  const services: Services = {
    status: note('status', {
      version: '1.2.3',
      account: null,
      accounts: [],
      vault: { mode: 'device', locked: false },
      platformOrigin: 'https://g.codefresh.io',
      policy: {
        requirePassphrase: false,
        keepTokensAllowed: true,
        maxAutoLockMinutes: null,
        allowedPlatformHosts: null,
        ignored: [],
      },
    }),
    account: {
      setApiKey: note('setApiKey', {
        userId: 'u',
        name: 'Alice',
        email: 'a@x',
        accountId: 'a',
        accountName: 'acme',
        gitProvider: 'GITHUB',
        gitApiUrl: 'https://api.github.com',
      }),
      signOut: note('signOut', undefined),
      switchTo: note('switchTo', {
        userId: 'u1',
        name: 'Alice',
        email: 'a@example.com',
        accountId: 'acc-2',
        accountName: 'acme-gitlab',
        gitProvider: 'GITLAB',
        gitApiUrl: 'https://gitlab.com/api/v4',
      }),
    },
    platform: { set: note('setPlatform', { platformOrigin: 'https://cf.acme.example' }) },
    runtimes: {
      list: note('list', { runtimes: [], stale: false }),
      detect: note('detect', { page: 'other', signal: 'none' }),
      reportPage: async (tabId, report) => {
        reports.push([tabId, report]);
      },
      remember: note('remember', undefined),
      overrides: note('overrides', {}),
      setOverride: note('setOverride', { qa: 'https://qa-public.acme.example' }),
      checkConnection: note('checkConnection', { runtimeName: 'qa', steps: [] } as never),
    },
    tokens: {
      validate: note('validate', { draftId: 'd1', validation: {} as never }),
      apply: note('apply', { results: [], recordId: null }),
      removeFromRuntime: note('removeFromRuntime', { runtimeName: 'x' }),
      discardDraft: (draftId: string) => {
        calls.push(['discardDraft', draftId]);
        return { discarded: true };
      },
    },
    vault: {
      listSaved: note('listSaved', []),
      remove: note('remove', undefined),
      unlock: note('unlock', undefined),
      lock: note('lock', undefined),
      enablePassphrase: note('enablePassphrase', undefined),
      disablePassphrase: note('disablePassphrase', undefined),
      changePassphrase: note('changePassphrase', undefined),
      setAutoLockMinutes: note('setAutoLockMinutes', undefined),
      reset: note('reset', undefined),
    },
    expiry: {
      watch: {
        status: note('expiryStatus', {
          expiring: [],
          invalidRuntimes: [],
          settings: { leadDays: 7, notifications: true },
        }),
        setSettings: note('setExpirySettings', { leadDays: 3, notifications: false }),
      },
      rotate: note('rotate', { results: [], replaced: true, newRecordId: null }),
    },
    oauth: { authorize: note('authorize', { results: [] }) },
    rotation: {
      rotate: note('rotateNow', { results: [], expiresAt: '2030-01-01T00:00:00.000Z', pending: false }),
      resume: note('resumeRotation', { results: [], expiresAt: '2030-01-01T00:00:00.000Z', pending: false }),
      dismiss: note('dismissRotation', undefined),
      status: note('rotationStatus', { jobs: [], auto: {} }),
      setAuto: note('setAutoRotation', { jobs: [], auto: { r1: 7 } }),
    },
    leak: {
      handle: note('handleLeak', {
        provider: { outcome: 'revoked', place: 'GitHub (github.com)' },
        runtimes: [],
        forgotten: true,
      }),
    },
  };
  return { services, calls, reports };
};

const listener = (services: Services, kind: SenderKind = 'extension-page') =>
  createMessageListener(buildRoutes(services), () => kind);
const page = { id: 'ext', url: 'chrome-extension://ext/src/popup/index.html' };
const codefreshTab = { id: 'ext', url: 'https://g.codefresh.io/2.0/user-settings', tab: { id: 7 } } as never;

describe('the worker routes', () => {
  it('route every declared message exactly once (meta-test)', () => {
    const { services } = recordingServices();
    const routed = buildRoutes(services).map((r) => r.spec.type);
    expect([...routed].sort()).toEqual(allMessages.map((m) => m.type).sort());
    expect(new Set(routed).size).toBe(routed.length);
  });

  it('have a test naming each message type (meta-test)', () => {
    const root = join(import.meta.dirname, '../../..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? files(p) : /\.test\.tsx?$/.test(n) ? [p] : [];
      });
    const corpus = [...files(join(root, 'unit')), ...files(join(root, 'e2e'))]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const untested = allMessages.map((m) => m.type).filter((type) => !corpus.includes(`'${type}'`));
    expect(untested).toEqual([]);
  });

  it.each([
    ['status/get', {}, 'status', []],
    ['account/set-api-key', { apiKey: 'k.k' }, 'setApiKey', ['k.k']],
    ['account/sign-out', {}, 'signOut', [undefined, false]],
    ['account/sign-out', { id: 'r2' }, 'signOut', ['r2', false]],
    ['account/sign-out', { every: true }, 'signOut', [undefined, true]],
    ['account/switch', { id: 'r2' }, 'switchTo', ['r2']],
    ['platform/set', { origin: 'https://cf.acme.example' }, 'setPlatform', ['https://cf.acme.example']],
    ['runtimes/list', { refresh: true }, 'list', [true]],
    ['page/detect', { url: 'https://x.example/', tabId: 3 }, 'detect', ['https://x.example/', 3]],
    ['runtimes/remember', { runtimeName: 'production' }, 'remember', ['production']],
    ['runtimes/overrides', {}, 'overrides', []],
    [
      'runtimes/set-override',
      { runtimeName: 'qa', origin: 'https://qa-public.acme.example' },
      'setOverride',
      ['qa', 'https://qa-public.acme.example'],
    ],
    ['diagnostics/check-connection', { runtimeName: 'qa' }, 'checkConnection', ['qa']],
    ['token/validate', { token: 't', runtimeName: 'production' }, 'validate', ['t', 'production', undefined]],
    [
      'token/apply',
      { source: { kind: 'record', recordId: 'r1' }, runtimeNames: ['a', 'b'], keep: true },
      'apply',
      [{ kind: 'record', recordId: 'r1' }, ['a', 'b'], true],
    ],
    ['token/remove-from-runtime', { runtimeName: 'qa' }, 'removeFromRuntime', ['qa']],
    ['token/discard-draft', { draftId: 'd1' }, 'discardDraft', ['d1']],
    ['vault/list', {}, 'listSaved', []],
    ['vault/remove', { recordId: 'r1' }, 'remove', ['r1']],
    ['vault/unlock', { passphrase: 'pw' }, 'unlock', ['pw']],
    ['vault/lock', {}, 'lock', []],
    ['vault/enable-passphrase', { passphrase: 'long enough' }, 'enablePassphrase', ['long enough']],
    ['vault/disable-passphrase', { passphrase: 'pw' }, 'disablePassphrase', ['pw']],
    [
      'vault/change-passphrase',
      { oldPassphrase: 'old', newPassphrase: 'new enough' },
      'changePassphrase',
      ['old', 'new enough'],
    ],
    ['vault/set-auto-lock', { minutes: 30 }, 'setAutoLockMinutes', [30]],
    ['vault/reset', { confirm: 'erase everything' }, 'reset', []],
    ['expiry/status', {}, 'expiryStatus', []],
    [
      'expiry/set-settings',
      { leadDays: 3, notifications: false },
      'setExpirySettings',
      [{ leadDays: 3, notifications: false }],
    ],
    [
      'token/rotate',
      { oldRecordId: 'r1', token: 't', confirmDifferentOwner: false },
      'rotate',
      [{ oldRecordId: 'r1', newToken: 't', confirmDifferentOwner: false }],
    ],
    ['rotation/rotate', { recordId: 'r1' }, 'rotateNow', ['r1']],
    ['rotation/status', {}, 'rotationStatus', []],
    ['rotation/resume', { recordId: 'r1' }, 'resumeRotation', ['r1']],
    ['rotation/dismiss', { recordId: 'r1' }, 'dismissRotation', ['r1']],
    ['rotation/set-auto', { recordId: 'r1', days: 7 }, 'setAutoRotation', ['r1', 7]],
    ['leak/handle', { recordId: 'r1' }, 'handleLeak', ['r1']],
    [
      'oauth/authorize',
      { runtimeNames: ['production', 'staging'] },
      'authorize',
      [['production', 'staging']],
    ],
  ])('pass %s to the service with its payload', async (type, payload, call, args) => {
    const { services, calls } = recordingServices();
    const answer = await listener(services)({ type, payload }, page);
    expect(answer?.ok).toBe(true);
    expect(calls).toContainEqual([call, ...args]);
  });

  it('refuse an automatic-rotation lead time outside 1–60 days', async () => {
    const { services, calls } = recordingServices();
    const answer = await listener(services)(
      { type: 'rotation/set-auto', payload: { recordId: 'r1', days: 0 } },
      page,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    expect(calls).toEqual([]);
  });

  it('refuse to erase the vault without the explicit confirmation phrase', async () => {
    const { services, calls } = recordingServices();
    const answer = await listener(services)({ type: 'vault/reset', payload: { confirm: 'yes' } }, page);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    expect(calls).toEqual([]);
  });

  it('refuse a passphrase shorter than 8 characters when turning passphrase mode on', async () => {
    const { services, calls } = recordingServices();
    const answer = await listener(services)(
      { type: 'vault/enable-passphrase', payload: { passphrase: 'short' } },
      page,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    expect(calls).toEqual([]);
  });

  it('let a Codefresh page report itself, filed under the tab and URL the browser stamped', async () => {
    const { services, reports } = recordingServices();
    const answer = await listener(services, 'content-script')(
      {
        type: 'page/report',
        // A page may claim another address; only the one the browser stamped is kept.
        payload: {
          url: 'https://evil.example/2.0/user-settings',
          rowTexts: ['production ••••X020'],
          focusedText: 'production ••••X020',
        },
      },
      codefreshTab,
    );
    expect(answer).toEqual({ ok: true, value: { received: true } });
    expect(reports).toEqual([
      [
        7,
        {
          url: 'https://g.codefresh.io/2.0/user-settings',
          rowTexts: ['production ••••X020'],
          focusedText: 'production ••••X020',
        },
      ],
    ]);
  });

  it('refuse a page report from a sender without a tab', async () => {
    const { services, reports } = recordingServices();
    const answer = await listener(services, 'content-script')(
      { type: 'page/report', payload: { rowTexts: [] } },
      { id: 'ext', url: 'https://g.codefresh.io/2.0/user-settings' },
    );
    expect(answer).toEqual({
      ok: false,
      error: { code: 'no-tab', message: 'Only a page in a tab can report itself.' },
    });
    expect(reports).toEqual([]);
  });

  it.each([
    ['token/validate', { token: 'ghp_x', runtimeName: 'production' }],
    ['vault/list', {}],
    ['account/set-api-key', { apiKey: 'k' }],
    ['token/apply', { source: { kind: 'record', recordId: 'r1' }, runtimeNames: ['a'], keep: false }],
    ['status/get', {}],
  ])('refuse %s from a content script without calling any service', async (type, payload) => {
    const { services, calls } = recordingServices();
    const answer = await listener(services, 'content-script')({ type, payload }, codefreshTab);
    expect(answer).toMatchObject({ ok: false, error: { code: 'sender-not-allowed' } });
    expect(calls).toEqual([]);
  });

  it('turn a service failure into its code and message, nothing else', async () => {
    const { services } = recordingServices();
    const failing: Services = {
      ...services,
      vault: {
        ...services.vault,
        unlock: async () => {
          throw new AppFailure('vault-wrong-passphrase', 'That passphrase did not unlock the vault.');
        },
      },
    };
    await expect(
      listener(failing)({ type: 'vault/unlock', payload: { passphrase: 'nope' } }, page),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'vault-wrong-passphrase', message: 'That passphrase did not unlock the vault.' },
    });
  });
});
