import { describe, expect, it } from 'vitest';
import { createFakeGitProviders, FAKE_GIT_API_URLS, SEED_TOKENS } from './index';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const ROTATE = `${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self/rotate`;
const SELF = `${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self`;

const setup = () => {
  const fakes = createFakeGitProviders({ now: () => NOW });
  const call = (url: string, token: string, init: RequestInit = {}) =>
    fakes.handle(new Request(url, { ...init, headers: { 'PRIVATE-TOKEN': token, ...(init.headers ?? {}) } }));
  return { fakes, call };
};

describe('fake GitLab self-rotation (docs/git-provider-contracts.md §5.7)', () => {
  it('issues a new token with the same scopes and revokes the old one at once', async () => {
    const { fakes, call } = setup();
    const old = SEED_TOKENS.gitlabSelfRotate.token;
    const response = await call(`${ROTATE}?expires_at=2026-04-01`, old, { method: 'POST' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expires_at: string; scopes: string[] };
    expect(body.token).toMatch(/^glpat-SIMLEAK/);
    expect(body.token).not.toBe(old);
    expect(body.expires_at).toBe('2026-04-01');
    expect(body.scopes).toEqual(SEED_TOKENS.gitlabSelfRotate.scopes);
    expect(fakes.gitlabIssuedTokens()).toEqual([body.token]);

    const oldSelf = await call(SELF, old);
    expect(oldSelf.status).toBe(401);
    expect(await oldSelf.json()).toMatchObject({ error: 'invalid_token' });
    const newSelf = await call(SELF, body.token);
    expect(newSelf.status).toBe(200);
    expect(await newSelf.json()).toMatchObject({ expires_at: '2026-04-01', active: true });
    // The runtime's check (HEAD /projects) takes the new token.
    expect((await call(`${FAKE_GIT_API_URLS.gitlab}/projects`, body.token, { method: 'HEAD' })).status).toBe(
      200,
    );
  });

  it('defaults to one week and reads expires_at from a JSON body', async () => {
    const { call } = setup();
    const week = await call(ROTATE, SEED_TOKENS.gitlabApiScope.token, { method: 'POST' });
    expect(((await week.json()) as { expires_at: string }).expires_at).toBe('2026-03-08');
    const { call: again } = setup();
    const json = await again(ROTATE, SEED_TOKENS.gitlabApiScope.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ expires_at: '2026-05-30' }),
    });
    expect(((await json.json()) as { expires_at: string }).expires_at).toBe('2026-05-30');
  });

  it('refuses a token without api or self_rotate with 403 insufficient_scope, changing nothing', async () => {
    const { fakes, call } = setup();
    const token = SEED_TOKENS.gitlabOk.token;
    const response = await call(ROTATE, token, { method: 'POST' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'insufficient_scope' });
    expect((await call(SELF, token)).status).toBe(200);
    expect(fakes.gitlabIssuedTokens()).toEqual([]);
  });

  it('refuses a past or malformed date with 400 and keeps the old token', async () => {
    const { call } = setup();
    const token = SEED_TOKENS.gitlabApiScope.token;
    expect((await call(`${ROTATE}?expires_at=2026-02-01`, token, { method: 'POST' })).status).toBe(400);
    expect((await call(`${ROTATE}?expires_at=soon`, token, { method: 'POST' })).status).toBe(400);
    expect((await call(SELF, token)).status).toBe(200);
  });

  it('reuse detection: rotating the revoked token again revokes its successor too', async () => {
    const { call } = setup();
    const old = SEED_TOKENS.gitlabApiScope.token;
    const first = (await (await call(ROTATE, old, { method: 'POST' })).json()) as { token: string };
    expect((await call(ROTATE, old, { method: 'POST' })).status).toBe(401);
    expect((await call(SELF, first.token)).status).toBe(401);
  });

  it('answers 405 to a GET and forgets rotations on reset', async () => {
    const { fakes, call } = setup();
    const token = SEED_TOKENS.gitlabApiScope.token;
    expect((await call(ROTATE, token)).status).toBe(405);
    const issued = (await (await call(ROTATE, token, { method: 'POST' })).json()) as { token: string };
    fakes.reset();
    expect((await call(SELF, token)).status).toBe(200);
    expect((await call(SELF, issued.token)).status).toBe(401);
  });
});
