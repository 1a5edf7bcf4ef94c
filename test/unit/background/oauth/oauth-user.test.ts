import { describe, expect, it } from 'vitest';
import { oauthUserOf } from '../../../../src/background/oauth/oauth-user';
import { isAppFailure } from '../../../../src/shared/errors';

const alice = {
  userId: 'u1',
  name: 'Alice',
  email: 'a@example.com',
  accountId: 'acc-1',
  accountName: 'acme',
  gitProvider: 'GITHUB',
  gitApiUrl: 'https://api.github.com',
} as const;

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
