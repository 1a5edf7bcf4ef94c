// GitLab rotation from the popup (issue 24): a saved GitLab token rotated with "Rotate now" ends on
// every runtime that used it and the old one is revoked at GitLab; a runtime that does not answer
// readyz stops it before anything is sent; a worker stopped in the middle finishes on its next start,
// or, when that start finds the passphrase vault locked, as soon as the user unlocks it.
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../simulator/git-providers';
import { apiKeyForRuntime, appProxyHost, SIM_USER } from '../simulator/seed';
import { axeViolations } from './axe';
import { paste } from './paste';
import { type Stack, signIn, startStack } from './stack';
import { stopServiceWorker } from './stop-worker';

const OLD = SEED_TOKENS.gitlabSelfRotate.token;
const RUNTIMES = ['gitlab-eu', 'gitlab-us'];
const ROTATE_PATH = '/api/v4/personal_access_tokens/self/rotate';
const HOLD_MS = 3_000;
const PASSPHRASE = 'correct horse battery staple';

const savedCard = (popup: Page) =>
  popup.getByRole('region', { name: 'Saved tokens' }).getByRole('listitem').first();

describe('GitLab rotation from the popup', () => {
  let stack: Stack;
  const sim = () => stack.simulator.sim;
  const alice = (runtime: string) =>
    sim()
      .registrations(runtime)
      .find((r) => r.userId === SIM_USER.id);
  const gitlabSelf = async (token: string) =>
    (
      await sim().fetch(`${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self`, {
        headers: { 'PRIVATE-TOKEN': token },
      })
    ).status;
  const log = () => sim().log();
  const rotations = () => log().filter((e) => e.host === 'gitlab.com' && e.path === ROTATE_PATH);
  const registers = (runtime: string) =>
    log().filter((e) => e.operationName === 'RegisterToGitIntegration' && e.host === appProxyHost(runtime));

  /** Signs in to the GitLab account and keeps the self-rotating token on both of its runtimes. */
  const withSavedToken = async () => {
    const first = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(first, apiKeyForRuntime('gitlab-eu'));
    await expect.poll(() => first.getByText('Signed in as').count()).toBe(1);
    await first.close();
    const popup = await stack.popupFor(await stack.open('https://g.codefresh.io/2.0/user-settings'));
    await paste(popup, 'Git personal access token', OLD);
    const addAll = popup.getByRole('button', { name: 'Add to all 2 missing' });
    await addAll.waitFor();
    await addAll.click();
    await expect
      .poll(() =>
        popup
          .getByRole('region', { name: 'Results' })
          .getByRole('listitem')
          .filter({ hasText: 'Added' })
          .count(),
      )
      .toBe(2);
    for (const name of RUNTIMES) expect(alice(name)?.tokenLastFour).toBe(OLD.slice(-4));
    await popup.close();
  };

  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack?.close();
  });

  it('rotates in one click: the new token is on every runtime that used the old one, which GitLab revoked', async () => {
    await withSavedToken();
    sim().clearLog();
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    const card = savedCard(popup);
    // The rotation card (Rotate now, the automatic choice) passes axe-core before and after.
    await card.getByLabel('Rotate automatically').waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await card.getByRole('button', { name: 'Rotate now' }).click();

    const results = card.getByRole('list', { name: 'Rotation results' });
    await expect
      .poll(() => results.getByRole('listitem').filter({ hasText: 'has the new token' }).count())
      .toBe(2);
    const issued = sim().gitlabIssuedTokens();
    expect(issued).toHaveLength(1);
    const fresh = issued[0]!;
    for (const name of RUNTIMES)
      expect(alice(name)).toMatchObject({ tokenLastFour: fresh.slice(-4), isValid: true });
    // Old one revoked at GitLab (401), new one works.
    expect(await gitlabSelf(OLD)).toBe(401);
    expect(await gitlabSelf(fresh)).toBe(200);

    // In order: readyz on both runtimes (no credentials), one rotation, then one register each.
    const entries = log();
    const at = (pred: (e: (typeof entries)[number]) => boolean) => entries.findIndex(pred);
    const rotateAt = at((e) => e.path === ROTATE_PATH);
    for (const name of RUNTIMES) {
      const readyz = entries.find((e) => e.host === appProxyHost(name) && e.path === '/app-proxy/api/readyz');
      expect(readyz?.headers.authorization).toBeUndefined();
      expect(at((e) => e === readyz)).toBeLessThan(rotateAt);
      expect(registers(name)).toHaveLength(1);
    }
    expect(rotations()).toHaveLength(1);
    expect(entries[rotateAt]?.method).toBe('POST');
    // The card shows the new token's last four and says GitLab revoked the old one.
    await expect.poll(() => savedCard(popup).getAttribute('aria-label')).toContain(fresh.slice(-4));
    expect(await card.textContent()).toContain('GitLab revoked the old one');
    expect(await axeViolations(popup)).toEqual([]);
  });

  it('does not rotate when a runtime using the token does not answer readyz, and names it', async () => {
    await withSavedToken();
    sim().clearLog();
    sim().inject({
      host: appProxyHost('gitlab-us')!,
      path: '/app-proxy/api/readyz',
      status: 502,
      body: 'down',
    });
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await savedCard(popup).getByRole('button', { name: 'Rotate now' }).click();
    await expect
      .poll(() => savedCard(popup).getByRole('status').textContent())
      .toContain('Not rotated: gitlab-us cannot be reached now');
    expect(rotations()).toEqual([]);
    expect(sim().gitlabIssuedTokens()).toEqual([]);
    expect(await gitlabSelf(OLD)).toBe(200);
    for (const name of RUNTIMES) expect(alice(name)?.tokenLastFour).toBe(OLD.slice(-4));
  });

  it('a worker stopped mid-rotation finishes on its next start, without asking GitLab again', async () => {
    await withSavedToken();
    sim().clearLog();
    // gitlab-us holds its registration and then fails it: the worker is stopped while it waits.
    sim().inject({
      host: appProxyHost('gitlab-us')!,
      operationName: 'RegisterToGitIntegration',
      status: 502,
      delayMs: HOLD_MS,
      body: '<html>502 Bad Gateway</html>',
      times: 1,
    });
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await savedCard(popup).getByRole('button', { name: 'Rotate now' }).click();

    await expect.poll(() => sim().gitlabIssuedTokens().length).toBe(1);
    const fresh = sim().gitlabIssuedTokens()[0]!;
    await expect.poll(() => alice('gitlab-eu')?.tokenLastFour).toBe(fresh.slice(-4));
    await expect.poll(() => registers('gitlab-us').some((e) => e.status === 0)).toBe(true);
    // Closed first, so no open page wakes the worker again before the held request has failed.
    await popup.close();
    const blank = await stack.ext.context.newPage();
    await stopServiceWorker(await stack.ext.context.newCDPSession(blank));
    // The held request fails: gitlab-us still has the old, now revoked, token.
    await expect
      .poll(() => registers('gitlab-us').every((e) => e.status !== 0), { timeout: 10_000 })
      .toBe(true);
    expect(alice('gitlab-us')?.tokenLastFour).toBe(OLD.slice(-4));

    // The next start (a popup opened) finishes the job from what was saved.
    const reopened = await stack.ext.openPopup();
    await expect.poll(() => alice('gitlab-us')?.tokenLastFour, { timeout: 15_000 }).toBe(fresh.slice(-4));
    expect(rotations()).toHaveLength(1);
    expect(registers('gitlab-eu')).toHaveLength(1);
    expect(registers('gitlab-us').map((e) => e.status)).toEqual([502, 200]);
    expect(await gitlabSelf(OLD)).toBe(401);
    expect(await gitlabSelf(fresh)).toBe(200);
    // Nothing is left unfinished, and storage never held a token.
    await expect
      .poll(async () =>
        JSON.stringify(await reopened.evaluate(() => chrome.storage.local.get('rotation.jobs.v1'))),
      )
      .toBe('{"rotation.jobs.v1":{}}');
    const local = await reopened.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(local)).not.toMatch(/SIMLEAK[A-Za-z0-9_-]{5,}/);
  });

  it('a worker stopped mid-rotation that starts locked finishes once the user unlocks in the popup', async () => {
    await withSavedToken();
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await options.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
    await options.getByLabel('Repeat the new passphrase', { exact: true }).fill(PASSPHRASE);
    await options.getByRole('button', { name: 'Protect with a passphrase' }).click();
    await expect.poll(() => options.getByText('Passphrase protection is on.').count()).toBe(1);
    await options.close();
    sim().clearLog();
    sim().inject({
      host: appProxyHost('gitlab-us')!,
      operationName: 'RegisterToGitIntegration',
      status: 502,
      delayMs: HOLD_MS,
      body: '<html>502 Bad Gateway</html>',
      times: 1,
    });
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await savedCard(popup).getByRole('button', { name: 'Rotate now' }).click();
    await expect.poll(() => sim().gitlabIssuedTokens().length).toBe(1);
    const fresh = sim().gitlabIssuedTokens()[0]!;
    await expect.poll(() => alice('gitlab-eu')?.tokenLastFour).toBe(fresh.slice(-4));
    await expect.poll(() => registers('gitlab-us').some((e) => e.status === 0)).toBe(true);
    // While gitlab-us holds its registration, the user locks and leaves; the worker is then stopped.
    // Locking drops the key from the session, so the next start finds the vault locked.
    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => popup.getByLabel('Passphrase', { exact: true }).count()).toBe(1);
    await popup.close();
    const blank = await stack.ext.context.newPage();
    await stopServiceWorker(await stack.ext.context.newCDPSession(blank));
    await expect
      .poll(() => registers('gitlab-us').every((e) => e.status !== 0), { timeout: 10_000 })
      .toBe(true);

    // The next start is locked: nothing is sent, even after a wrong passphrase.
    const reopened = await stack.ext.openPopup();
    await reopened.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await reopened.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => reopened.getByRole('alert').count()).toBe(1);
    expect(registers('gitlab-us').map((e) => e.status)).toEqual([502]);
    expect(alice('gitlab-us')?.tokenLastFour).toBe(OLD.slice(-4));

    // Unlocked: the job finishes from what was saved, and the card says how it ended.
    await reopened.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await reopened.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => alice('gitlab-us')?.tokenLastFour, { timeout: 15_000 }).toBe(fresh.slice(-4));
    for (const name of RUNTIMES)
      expect(alice(name)).toMatchObject({ tokenLastFour: fresh.slice(-4), isValid: true });
    expect(rotations()).toHaveLength(1);
    expect(registers('gitlab-eu')).toHaveLength(1);
    expect(registers('gitlab-us').map((e) => e.status)).toEqual([502, 200]);
    expect(await gitlabSelf(OLD)).toBe(401);
    expect(await gitlabSelf(fresh)).toBe(200);
    const card = savedCard(reopened);
    const results = card.getByRole('list', { name: 'Rotation results' });
    await expect
      .poll(() => results.getByRole('listitem').filter({ hasText: 'has the new token' }).count())
      .toBe(2);
    expect(await card.getByRole('status').textContent()).toContain('GitLab revoked the old one');
    expect(await card.textContent()).not.toContain('Rotation not finished');
    expect(await card.getAttribute('aria-label')).toContain(fresh.slice(-4));
  });
});
