import { describe, expect, it } from 'vitest';
import { canSelfRotate, nextExpiryDate, rotateGitLabToken } from '../../../src/providers/gitlab/self-rotate';
import { AppFailure } from '../../../src/shared/errors';
import { createFakeGitProviders, FAKE_GIT_API_URLS, SEED_TOKENS } from '../../simulator/git-providers/index';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00.000Z');

const setup = () => {
  const git = createFakeGitProviders({ now: () => NOW });
  const sent: { url: string; init: RequestInit | undefined }[] = [];
  const deps = {
    hasHostAccess: async () => true,
    fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(url), init });
      return git.handle(new Request(url, init));
    },
  };
  return { git, sent, deps };
};

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof AppFailure ? e.appError.code : String(e)),
  );

describe('GitLab self-rotation client', () => {
  it('POSTs once to /personal_access_tokens/self/rotate with the date and reads the new token', async () => {
    const { git, sent, deps } = setup();
    const rotated = await rotateGitLabToken(
      {
        apiUrl: FAKE_GIT_API_URLS.gitlab,
        token: SEED_TOKENS.gitlabSelfRotate.token,
        expiresAt: '2026-05-30',
      },
      deps,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(
      `${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self/rotate?expires_at=2026-05-30`,
    );
    expect(sent[0]!.init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'manual' });
    expect(rotated).toEqual({
      token: git.gitlabIssuedTokens()[0],
      expiresAt: '2026-05-30T00:00:00.000Z',
      scopes: ['read_api', 'write_repository', 'self_rotate'],
    });
  });

  it('names a missing scope (403) and a dead token (401), and never retries', async () => {
    const { sent, deps } = setup();
    const input = (token: string) => ({ apiUrl: FAKE_GIT_API_URLS.gitlab, token, expiresAt: '2026-05-30' });
    expect(await codeOf(rotateGitLabToken(input(SEED_TOKENS.gitlabOk.token), deps))).toBe(
      'rotation-scope-missing',
    );
    expect(await codeOf(rotateGitLabToken(input(SEED_TOKENS.gitlabRevoked.token), deps))).toBe(
      'rotation-token-dead',
    );
    expect(sent).toHaveLength(2);
  });

  it('asks for the old lifetime again, between a week and a year', () => {
    const saved = NOW - 10 * DAY;
    expect(nextExpiryDate(saved, new Date(saved + 90 * DAY).toISOString(), NOW)).toBe('2026-05-30');
    expect(nextExpiryDate(saved, new Date(saved + 2 * DAY).toISOString(), NOW)).toBe('2026-03-08');
    expect(nextExpiryDate(saved, new Date(saved + 900 * DAY).toISOString(), NOW)).toBe('2027-03-01');
  });

  it('rotates only with api or self_rotate', () => {
    expect(canSelfRotate(['api'])).toBe(true);
    expect(canSelfRotate(['read_api', 'self_rotate'])).toBe(true);
    expect(canSelfRotate(['read_api', 'write_repository'])).toBe(false);
    expect(canSelfRotate(null)).toBe(false);
  });
});
