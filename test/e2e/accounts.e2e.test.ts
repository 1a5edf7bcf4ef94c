import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import {
  appProxyHost,
  DEMO_API_KEY,
  GITLAB_ACCOUNT,
  GITLAB_API_KEY,
  SEED_RUNTIMES,
  SIM_ACCOUNT,
  SIM_USER,
} from '../simulator/seed';
import { type Stack, signIn, startStack } from './stack';

/**
 * Several Codefresh accounts (issue 24, point 3): Alice holds a key to acme (GitHub) and one to
 * acme-gitlab on the same platform (test/simulator/seed.ts, API_KEYS). Signed in with both, the
 * popup switches between them and never mixes their runtimes or saved-token lists, and every
 * request carries the key of the account it is for.
 */
const TUNNEL = `https://${SIM_ACCOUNT.id}-staging.tunnels.cf-cd.com`;
const GOOD = SEED_TOKENS.githubClassicOk.token;
const last4 = (key: string) => `…${key.slice(-4)}`;

const runtimes = (popup: Page) => popup.getByRole('region', { name: 'Runtimes' });
const runtimeRow = (popup: Page, name: string) =>
  runtimes(popup).getByRole('listitem').filter({ hasText: name });
const saved = (popup: Page) => popup.getByRole('region', { name: 'Saved tokens' });
const accountSelect = (popup: Page) => popup.getByLabel('Codefresh account in use');
/** The app-proxy hosts of acme's runtimes (the GitLab account's runtime has its own). */
const ACME_HOSTS = new Set(
  SEED_RUNTIMES.filter((r) => r.accountId === SIM_ACCOUNT.id).map((r) => appProxyHost(r.name)),
);

/** What the platform and the app-proxies received, with the (redacted) API key on each. */
const keyedRequests = (stack: Stack) =>
  stack.simulator.sim
    .log()
    .filter((e) => e.headers.authorization !== undefined)
    .map((e) => ({ host: e.host, op: e.operationName, key: e.headers.authorization }));
/** The key on each runtime list the platform received (`FirstScreen` asks `me` with it), in order. */
const runtimeQueries = (stack: Stack) =>
  keyedRequests(stack)
    .filter((r) => r.op === 'Runtimes' || r.op === 'FirstScreen')
    .map((r) => r.key);

describe('two Codefresh accounts in one browser', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack?.close();
  });

  it('signs in with two keys, switches, and keeps runtimes and saved-token lists apart', async () => {
    // acme: sign in, add a token to staging and keep it ("used on staging").
    let popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
    await signIn(popup, DEMO_API_KEY);
    await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
    await popup.getByLabel('Git personal access token').fill(GOOD);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await popup.getByRole('button', { name: 'Add to staging' }).click();
    await popup.getByRole('region', { name: 'Results' }).getByText('Added').waitFor();
    await expect.poll(() => saved(popup).textContent()).toContain('used on staging');

    // acme-gitlab: the sign-in form again, from the header.
    await popup.getByRole('button', { name: 'Add another account' }).click();
    const form = popup.getByRole('form', { name: 'Add another Codefresh account' });
    await form.getByLabel('Codefresh API key').fill(GITLAB_API_KEY);
    await form.getByRole('button', { name: 'Check and save key' }).click();
    await expect.poll(() => runtimeRow(popup, 'gitlab-eu').count()).toBe(1);
    expect(await runtimeRow(popup, 'production').count()).toBe(0);
    expect(await runtimeRow(popup, 'staging').count()).toBe(0);
    await expect.poll(() => saved(popup).textContent()).toContain('not used on any runtime yet');
    expect(await saved(popup).textContent()).not.toContain('staging');
    await expect
      .poll(async () => accountSelect(popup).locator('option:checked').textContent())
      .toBe(GITLAB_ACCOUNT.name);
    expect(runtimeQueries(stack).at(-1)).toBe(last4(GITLAB_API_KEY));

    // Back to acme in one step; a refresh from there is asked with acme's key.
    await accountSelect(popup).selectOption({ label: SIM_ACCOUNT.name! });
    await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
    expect(await runtimeRow(popup, 'gitlab-eu').count()).toBe(0);
    await expect.poll(() => saved(popup).textContent()).toContain('used on staging');
    const before = runtimeQueries(stack).length;
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => runtimeQueries(stack).length).toBeGreaterThan(before);
    expect(runtimeQueries(stack).at(-1)).toBe(last4(DEMO_API_KEY));
    await expect.poll(() => runtimeRow(popup, 'staging').textContent()).toContain('Token valid');
    expect(stack.simulator.sim.registrations('staging').find((r) => r.userId === SIM_USER.id)).toMatchObject({
      tokenLastFour: GOOD.slice(-4),
    });

    // Every request to a runtime carried the key of the account that runtime belongs to.
    const requests = keyedRequests(stack);
    const gitlabHost = appProxyHost('gitlab-eu');
    expect(requests.filter((r) => r.host === gitlabHost).length).toBeGreaterThan(0);
    for (const r of requests.filter((r) => r.host === gitlabHost)) expect(r.key).toBe(last4(GITLAB_API_KEY));
    for (const r of requests.filter((r) => ACME_HOSTS.has(r.host))) expect(r.key).toBe(last4(DEMO_API_KEY));
    expect(new Set(runtimeQueries(stack))).toEqual(new Set([last4(DEMO_API_KEY), last4(GITLAB_API_KEY)]));

    // A new popup opens on the account last chosen.
    await popup.close();
    popup = await stack.popupFor(await stack.ext.context.newPage());
    await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
    expect(await accountSelect(popup).locator('option:checked').textContent()).toBe(SIM_ACCOUNT.name);
  });

  it('signs out of one account on the options page; the other stays signed in', async () => {
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(popup, DEMO_API_KEY);
    await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
    await popup.getByRole('button', { name: 'Add another account' }).click();
    const form = popup.getByRole('form', { name: 'Add another Codefresh account' });
    await form.getByLabel('Codefresh API key').fill(GITLAB_API_KEY);
    await form.getByRole('button', { name: 'Check and save key' }).click();
    await expect.poll(() => runtimeRow(popup, 'gitlab-eu').count()).toBe(1);
    await popup.close();

    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    const list = options.getByRole('list', { name: 'Signed-in accounts' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    expect(await list.textContent()).toContain(`${GITLAB_ACCOUNT.name} (in use)`);
    await list.getByRole('button', { name: `Sign out of ${GITLAB_ACCOUNT.name}` }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await list.textContent()).toContain(`${SIM_ACCOUNT.name} (in use)`);

    const next = await stack.popupFor(await stack.ext.context.newPage());
    await expect.poll(() => runtimeRow(next, 'production').count()).toBe(1);
    expect(await accountSelect(next).count()).toBe(0);
    const before = runtimeQueries(stack).length;
    await next.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => runtimeQueries(stack).length).toBeGreaterThan(before);
    expect(runtimeQueries(stack).at(-1)).toBe(last4(DEMO_API_KEY));
  });
});
