import { describe, expect, it } from 'vitest';
import { createStatusView, type StatusViewDeps } from '../../../../src/background/account/status-view';
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
