import { describe, expect, it } from 'vitest';
import { directoryAccount } from '../../../../src/background/runtimes/directory-account';
import { isAppFailure } from '../../../../src/shared/errors';

const alice = {
  userId: 'u1',
  name: 'Alice',
  email: 'a@example.com',
  accountId: 'acc-1',
  accountName: 'acme',
  gitProvider: 'GITLAB',
  gitApiUrl: 'https://gitlab.com/api/v4',
} as const;
const runtime = { name: 'qa' } as never;

const accountWith = (summary: typeof alice | null) => ({
  withApiKey: async <T>(fn: (key: string) => Promise<T>) => fn('the-key'),
  verifiedSummary: async () => summary,
  verifiedWith: async <T>(
    _alone: (key: string) => Promise<T>,
    withMe: (key: string) => Promise<{ me: unknown; value: T }>,
  ) => (summary ? { summary, value: (await withMe('the-key')).value } : null),
});

const platform = {
  runtimes: async () => [runtime],
  meAndRuntimes: async () => ({ me: {} as never, runtimes: [runtime] }),
};

describe('the account as the runtime directory sees it (runtimes feature)', () => {
  it("names the user and the account's Git by the directory's own words", async () => {
    const deps = directoryAccount(accountWith(alice) as never, platform as never);
    expect(await deps.getMe()).toEqual({
      userId: 'u1',
      accountId: 'acc-1',
      accountGitApiUrl: 'https://gitlab.com/api/v4',
      accountGitProvider: 'GITLAB',
    });
    expect(await deps.getApiKey()).toBe('the-key');
    expect(await deps.meAndRuntimes?.()).toEqual({
      me: {
        userId: 'u1',
        accountId: 'acc-1',
        accountGitApiUrl: 'https://gitlab.com/api/v4',
        accountGitProvider: 'GITLAB',
      },
      runtimes: [runtime],
    });
  });

  it('asks for the API key first when nobody is signed in', async () => {
    const deps = directoryAccount(accountWith(null) as never, platform as never);
    for (const ask of [deps.getMe(), deps.meAndRuntimes?.()]) {
      const error = await Promise.resolve(ask).catch((e: unknown) => e);
      expect(isAppFailure(error) && error.appError.code).toBe('no-api-key');
    }
  });
});
