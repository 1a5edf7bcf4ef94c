import { describe, expect, it } from 'vitest';
import { createStatusView, type StatusViewDeps } from '../../../../src/background/account/status-view';
import { rotateUnderPolicy } from '../../../../src/background/expiry/rotate-under-policy';
import { menuText } from '../../../../src/background/menu/menu-text';
import { authorizeAndNotify } from '../../../../src/background/oauth/authorize-and-notify';
import { oauthUserOf } from '../../../../src/background/oauth/oauth-user';
import { applyUnderPolicy } from '../../../../src/background/tokens/apply-under-policy';
import { AppFailure, isAppFailure } from '../../../../src/shared/errors';
import type { OAuthAnswer } from '../../../../src/shared/messages/oauth';
import type { ApplyAnswer } from '../../../../src/shared/messages/token';
import { mergePolicy, type PolicyOptions } from '../../../../src/shared/policy';

const options: PolicyOptions = {
  platformHosts: ['https://g.codefresh.io'],
  requirePassphrase: false,
  autoLockMinutes: 30,
  keepTokens: true,
};

const alice = {
  userId: 'u1',
  name: 'Alice',
  email: 'a@example.com',
  accountId: 'acc-1',
  accountName: 'acme',
  gitProvider: 'GITHUB',
  gitApiUrl: 'https://api.github.com',
} as const;

const statusDeps = (over: Partial<StatusViewDeps> = {}): StatusViewDeps => ({
  account: { summary: async () => alice, accounts: async () => [] },
  vault: { status: async () => ({ mode: 'passphrase', locked: true, autoLockMinutes: 15 }) },
  policy: {
    forDisplay: async () =>
      mergePolicy(options, { requirePassphrase: true, maxAutoLockMinutes: 20, bogus: 1 }),
  },
  platformOrigin: () => 'https://g.codefresh.io',
  hasHostAccess: async () => true,
  version: () => '1.2.3',
  ...over,
});

describe('the status view (account feature)', () => {
  it("shows the account, the vault's mode and lock, and the policy as the UI shows it", async () => {
    const view = await createStatusView(statusDeps())();
    expect(view).toMatchObject({
      version: '1.2.3',
      account: alice,
      vault: { mode: 'passphrase', locked: true },
      platformOrigin: 'https://g.codefresh.io',
      policy: { requirePassphrase: true, keepTokensAllowed: true, maxAutoLockMinutes: 20 },
    });
    expect(view.policy.ignored).toHaveLength(1);
    expect(view.policy.ignored[0]).toMatch(/^bogus: /);
    // The auto-lock minutes are the vault's business, not the status's; access is there.
    expect(view.vault).not.toHaveProperty('autoLockMinutes');
    expect(view).not.toHaveProperty('platformNeedsAccess');
  });

  it('says the platform needs access when the browser does not grant it, or cannot say', async () => {
    const refused = await createStatusView(statusDeps({ hasHostAccess: async () => false }))();
    expect(refused.platformNeedsAccess).toBe(true);
    const failing = await createStatusView(
      statusDeps({ hasHostAccess: () => Promise.reject(new Error('no permissions API')) }),
    )();
    expect(failing.platformNeedsAccess).toBe(true);
  });

  it('passes on only the message of an unreadable vault, not its code', async () => {
    const view = await createStatusView(
      statusDeps({
        vault: {
          status: async () => ({
            mode: 'device',
            locked: false,
            autoLockMinutes: 15,
            unreadable: { code: 'vault-newer', message: 'Saved by a newer version.' },
          }),
        },
      }),
    )();
    expect(view.vault).toEqual({
      mode: 'device',
      locked: false,
      unreadable: { message: 'Saved by a newer version.' },
    });
  });
});

describe('applying a token under the policy (tokens feature)', () => {
  const answer: ApplyAnswer = {
    results: [
      { runtimeName: 'qa', ok: false, error: { code: 'x', message: 'no' } },
      { runtimeName: 'prod', ok: true, validation: {} as never },
    ] as never,
    recordId: null,
  };
  const applying = (keepingAllowed: boolean) => {
    const asked: unknown[][] = [];
    const remembered: string[] = [];
    const apply = applyUnderPolicy({
      apply: async (...args) => {
        asked.push(args);
        return answer;
      },
      keepingAllowed: async () => keepingAllowed,
      rememberLastRuntime: async (name) => {
        remembered.push(name);
      },
    });
    return { apply, asked, remembered };
  };

  it('does not keep the token when the policy forbids keeping, whatever the page asked', async () => {
    const { apply, asked } = applying(false);
    await apply({ kind: 'draft', draftId: 'd1' }, ['qa', 'prod'], true);
    expect(asked).toEqual([[{ kind: 'draft', draftId: 'd1' }, ['qa', 'prod'], false]]);
  });

  it('keeps it when asked and allowed, and remembers the first runtime that took it', async () => {
    const { apply, asked, remembered } = applying(true);
    expect(await apply({ kind: 'draft', draftId: 'd1' }, ['qa', 'prod'], true)).toBe(answer);
    expect(asked[0]?.[2]).toBe(true);
    expect(remembered).toEqual(['prod']);
  });
});

describe('rotating under the policy (expiry feature)', () => {
  it('refuses before anything is validated or saved when tokens may not be kept', async () => {
    const asked: unknown[] = [];
    const rotate = rotateUnderPolicy(
      async (input) => {
        asked.push(input);
        return { results: [], replaced: true, newRecordId: 'r2' } as never;
      },
      async () => false,
    );
    const error = await rotate({ oldRecordId: 'r1', newToken: 'new', confirmDifferentOwner: false }).catch(
      (e: unknown) => e,
    );
    expect(isAppFailure(error) && error.appError.code).toBe('policy-no-keeping');
    expect(asked).toEqual([]);
  });

  it('rotates when keeping is allowed', async () => {
    const rotate = rotateUnderPolicy(
      async () => ({ results: [], replaced: true, newRecordId: 'r2' }) as never,
      async () => true,
    );
    await expect(
      rotate({ oldRecordId: 'r1', newToken: 'new', confirmDifferentOwner: false }),
    ).resolves.toMatchObject({
      newRecordId: 'r2',
    });
  });
});

describe('authorizing with OAuth (oauth feature)', () => {
  const answer: OAuthAnswer = {
    results: [
      { runtimeName: 'qa', ok: true },
      { runtimeName: 'prod', ok: false, error: { code: 'oauth-closed', message: 'The tab was closed.' } },
    ],
  } as never;

  it('tells the outcome by notification, since the popup closed when the consent tab opened', async () => {
    const shown: [string, string][] = [];
    const authorize = authorizeAndNotify(
      async () => answer,
      async (title, message) => {
        shown.push([title, message]);
      },
    );
    expect(await authorize(['qa', 'prod'])).toBe(answer);
    expect(shown).toEqual([
      [
        menuText.resultTitle(1),
        menuText.resultLine(['qa'], [{ name: 'prod', message: 'The tab was closed.' }]),
      ],
    ]);
  });

  it('still answers when the notification cannot be shown', async () => {
    const authorize = authorizeAndNotify(
      async () => answer,
      () => Promise.reject(new AppFailure('x', 'no notifications')),
    );
    await expect(authorize(['qa'])).resolves.toBe(answer);
  });
});

describe('whose runtimes the OAuth flow is for (oauth feature)', () => {
  it('is the account in use, and nobody signed in asks for the API key first', () => {
    expect(oauthUserOf(alice)).toEqual({ userId: 'u1', accountId: 'acc-1' });
    const error = (() => {
      try {
        return oauthUserOf(null);
      } catch (e) {
        return e;
      }
    })();
    expect(isAppFailure(error) && error.appError.code).toBe('no-api-key');
  });
});
