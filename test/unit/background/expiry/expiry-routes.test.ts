import { describe, expect, it } from 'vitest';
import { type ExpiryRouteDeps, expiryRoutes } from '../../../../src/background/expiry/expiry-routes';
import { createMessageListener } from '../../../../src/background/messaging/message-router';
import type { SenderKind } from '../../../../src/background/messaging/sender-guard';
import { AppFailure } from '../../../../src/shared/errors';
import type { ExpiryStatusView } from '../../../../src/shared/messages/expiry';
import { getExpiryStatus, setExpirySettings } from '../../../../src/shared/messages/expiry';
import { type RotateAnswer, rotateToken } from '../../../../src/shared/messages/token';

const STATUS: ExpiryStatusView = {
  expiring: [
    {
      tokenId: 'rec-1',
      login: 'octocat',
      provider: 'GITHUB',
      expiresAt: '2026-03-13T12:00:00.000Z',
      state: 'expires-soon',
      daysLeft: 3,
      runtimes: ['production'],
    },
  ],
  invalidRuntimes: [],
  settings: { leadDays: 7, notifications: true },
};
const ROTATED: RotateAnswer = {
  results: [{ runtimeName: 'production', ok: true }],
  replaced: true,
  newRecordId: null,
};

const fakeDeps = (rotateError?: AppFailure | Error) => {
  const calls: unknown[][] = [];
  const deps: ExpiryRouteDeps = {
    watch: {
      status: async () => {
        calls.push(['status']);
        return STATUS;
      },
      setSettings: async (settings) => {
        calls.push(['setSettings', settings]);
        return settings;
      },
    },
    rotate: async (input) => {
      calls.push(['rotate', input]);
      if (rotateError) throw rotateError;
      return ROTATED;
    },
  };
  return { deps, calls };
};

const page = { id: 'ext', url: 'chrome-extension://ext/src/popup/index.html' };
const listen = (deps: ExpiryRouteDeps, kind: SenderKind = 'extension-page') =>
  createMessageListener(expiryRoutes(deps), () => kind);

describe('expiry routes', () => {
  it('route each expiry message once', () => {
    const types = expiryRoutes(fakeDeps().deps).map((r) => r.spec.type);
    expect(types.sort()).toEqual([getExpiryStatus.type, setExpirySettings.type, rotateToken.type].sort());
    expect(types).toEqual(expect.arrayContaining(['expiry/status', 'expiry/set-settings', 'token/rotate']));
  });

  it("answer 'expiry/status' with what is expiring and the settings", async () => {
    const { deps } = fakeDeps();
    const answer = await listen(deps)({ type: 'expiry/status', payload: {} }, page);
    expect(answer).toEqual({ ok: true, value: STATUS });
  });

  it("pass 'expiry/set-settings' to the watch and refuse a lead time out of 1..90", async () => {
    const { deps, calls } = fakeDeps();
    const ok = await listen(deps)(
      { type: 'expiry/set-settings', payload: { leadDays: 14, notifications: false } },
      page,
    );
    expect(ok).toEqual({ ok: true, value: { leadDays: 14, notifications: false } });
    expect(calls).toEqual([['setSettings', { leadDays: 14, notifications: false }]]);

    for (const leadDays of [0, 91, 2.5]) {
      const refused = await listen(deps)(
        { type: 'expiry/set-settings', payload: { leadDays, notifications: true } },
        page,
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    }
    expect(calls).toHaveLength(1);
  });

  it("pass 'token/rotate' to the rotation, then refresh the badge", async () => {
    const { deps, calls } = fakeDeps();
    const answer = await listen(deps)(
      {
        type: 'token/rotate',
        payload: { oldRecordId: 'rec-1', token: 'ghp_new', confirmDifferentOwner: false },
      },
      page,
    );
    expect(answer).toEqual({ ok: true, value: ROTATED });
    expect(calls).toEqual([
      ['rotate', { oldRecordId: 'rec-1', newToken: 'ghp_new', confirmDifferentOwner: false }],
      ['status'],
    ]);
  });

  it('pass the Bitbucket username along when given', async () => {
    const { deps, calls } = fakeDeps();
    await listen(deps)(
      {
        type: 'token/rotate',
        payload: { oldRecordId: 'rec-1', token: 'ATATT', username: 'alice', confirmDifferentOwner: true },
      },
      page,
    );
    expect(calls[0]).toEqual([
      'rotate',
      { oldRecordId: 'rec-1', newToken: 'ATATT', username: 'alice', confirmDifferentOwner: true },
    ]);
  });

  it('refuse an oversized token or a missing confirmation flag before the rotation runs', async () => {
    const { deps, calls } = fakeDeps();
    const huge = await listen(deps)(
      {
        type: 'token/rotate',
        payload: { oldRecordId: 'rec-1', token: 'x'.repeat(4097), confirmDifferentOwner: false },
      },
      page,
    );
    expect(huge).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    const noFlag = await listen(deps)(
      { type: 'token/rotate', payload: { oldRecordId: 'rec-1', token: 'ghp_new' } },
      page,
    );
    expect(noFlag).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    expect(calls).toEqual([]);
  });

  it('answer a refused rotation with its code, and hide unexpected error text', async () => {
    const owner = new AppFailure('rotation-owner-changed', 'The new token belongs to octocat, not hubot.');
    const refused = await listen(fakeDeps(owner).deps)(
      { type: 'token/rotate', payload: { oldRecordId: 'r', token: 't', confirmDifferentOwner: false } },
      page,
    );
    expect(refused).toEqual({ ok: false, error: owner.appError });

    const leaky = new Error('request to https://x.example/?token=ghp_secret failed');
    const hidden = await listen(fakeDeps(leaky).deps)(
      { type: 'token/rotate', payload: { oldRecordId: 'r', token: 't', confirmDifferentOwner: false } },
      page,
    );
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('ghp_secret');
  });

  it('refuse every expiry message from a content script', async () => {
    const { deps, calls } = fakeDeps();
    const tab = { id: 'ext', url: 'https://g.codefresh.io/2.0/user-settings', tab: { id: 7 } } as never;
    for (const message of [
      { type: 'expiry/status', payload: {} },
      { type: 'expiry/set-settings', payload: { leadDays: 7, notifications: true } },
      { type: 'token/rotate', payload: { oldRecordId: 'r', token: 't', confirmDifferentOwner: true } },
    ]) {
      const answer = await listen(deps, 'content-script')(message, tab);
      expect(answer).toMatchObject({ ok: false, error: { code: 'sender-not-allowed' } });
    }
    expect(calls).toEqual([]);
  });
});
