import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTO_ROTATION_ALARM, createAutoRotation } from '../../../../src/background/expiry/auto-rotation';
import { rotationListeners } from '../../../../src/background/expiry/rotation-listeners';
import type { ListedRecord } from '../../../../src/background/vault/vault-types';
import { AppFailure } from '../../../../src/shared/errors';
import type { RotationAnswer } from '../../../../src/shared/messages/rotation';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00.000Z');

const record = (id: string, daysLeft: number, scopes: string[] = ['api']): ListedRecord => ({
  id,
  kind: 'git-token',
  provider: 'GITLAB',
  apiUrl: 'https://gitlab.com/api/v4',
  login: 'alice',
  scopes,
  expiresAt: new Date(NOW + daysLeft * DAY).toISOString(),
  tokenType: 'gitlab-personal',
  lastFour: 'AbCd',
  createdAt: NOW - 100 * DAY,
  lastUsedAt: null,
  runtimes: ['gitlab-eu', 'gitlab-us'],
});

describe('automatic GitLab rotation', () => {
  let clock: number;
  let tokens: ListedRecord[];
  let rotated: string[];
  let notices: { title: string; message: string }[];
  let outcome: () => Promise<RotationAnswer>;

  const auto = () =>
    createAutoRotation({
      storage: fakeBrowser.storage.local,
      alarms: fakeBrowser.alarms,
      listTokens: async () => tokens,
      rotate: async (id) => {
        rotated.push(id);
        return outcome();
      },
      notify: async (title, message) => void notices.push({ title, message }),
      now: () => clock,
    });

  beforeEach(() => {
    clock = NOW;
    tokens = [record('due', 5), record('later', 30), record('narrow', 2, ['read_api', 'write_repository'])];
    rotated = [];
    notices = [];
    outcome = async () => ({
      results: [
        { runtimeName: 'gitlab-eu', ok: true },
        { runtimeName: 'gitlab-us', ok: true },
      ],
      expiresAt: '2026-06-09T00:00:00.000Z',
      pending: false,
    });
  });

  it('is off by default: no token is rotated without the user turning it on', async () => {
    await auto().check();
    expect(rotated).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('rotates a token N days before expiry, once a day at most, and says so', async () => {
    const a = auto();
    for (const id of ['due', 'later', 'narrow']) await a.set(id, 7);
    await a.check();
    // 'later' is not due yet; 'narrow' cannot rotate itself.
    expect(rotated).toEqual(['due']);
    expect(notices).toEqual([
      {
        title: 'GitLab token rotated',
        message: expect.stringContaining('valid until 2026-06-09 and is on all 2 runtimes'),
      },
    ]);
    await a.check();
    expect(rotated).toEqual(['due']);
    clock += DAY;
    await a.check();
    expect(rotated).toEqual(['due', 'due']);
  });

  it('tells a refusal by notification with the reason', async () => {
    outcome = async () => {
      throw new AppFailure('rotation-runtime-unreachable', 'Not rotated: gitlab-us cannot be reached now.');
    };
    const a = auto();
    await a.set('due', 7);
    await a.check();
    expect(notices).toEqual([
      {
        title: 'GitLab token not rotated',
        message: expect.stringContaining('gitlab-us cannot be reached now'),
      },
    ]);
  });

  it('turns off again, forgets removed tokens, and refuses an out-of-range lead time', async () => {
    const a = auto();
    await a.set('due', 7);
    await a.set('gone', 7);
    expect(await a.set('due', null)).toEqual({ gone: 7 });
    await a.check();
    expect(rotated).toEqual([]);
    expect(await a.days()).toEqual({});
    await expect(a.set('due', 0)).rejects.toThrow(/between 1 and 60 days/);
  });

  it('schedules one periodic alarm, and checks when that alarm (its listeners own it) rings', async () => {
    const a = auto();
    await a.ensureScheduled();
    await a.ensureScheduled();
    expect((await fakeBrowser.alarms.getAll()).map((x) => x.name)).toEqual([AUTO_ROTATION_ALARM]);
    await a.set('due', 7);
    const listeners = rotationListeners({ auto: a, start: async () => {}, platformKnown: async () => {} });
    expect(Object.keys(listeners.alarms)).toEqual([AUTO_ROTATION_ALARM]);
    await listeners.alarms[AUTO_ROTATION_ALARM]();
    expect(rotated).toEqual(['due']);
  });
});
