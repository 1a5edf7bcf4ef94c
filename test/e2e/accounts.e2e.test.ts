import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import {
  appProxyHost,
  DEMO_API_KEY,
  GITLAB_ACCOUNT,
  GITLAB_API_KEY,
  SEED_RUNTIMES,
  SELF_HOSTED_PLATFORM_HOST,
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
const GITLAB_TOKEN = SEED_TOKENS.gitlabOk.token;
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

    // The popup stays open while the account it shows is signed out of on the options page.
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    const list = options.getByRole('list', { name: 'Signed-in accounts' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    expect(await list.textContent()).toContain(`${GITLAB_ACCOUNT.name} (in use)`);
    await list.getByRole('button', { name: `Sign out of ${GITLAB_ACCOUNT.name}` }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await list.textContent()).toContain(`${SIM_ACCOUNT.name} (in use)`);

    // It follows: acme's runtimes, none of acme-gitlab's, and it says so.
    await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
    expect(await runtimeRow(popup, 'gitlab-eu').count()).toBe(0);
    expect(await accountSelect(popup).count()).toBe(0);
    const said = popup
      .getByRole('status')
      .filter({ hasText: `Signed out of ${GITLAB_ACCOUNT.name} on another page.` });
    await expect.poll(() => said.count()).toBe(1);
    await popup.close();

    const next = await stack.popupFor(await stack.ext.context.newPage());
    await expect.poll(() => runtimeRow(next, 'production').count()).toBe(1);
    expect(await accountSelect(next).count()).toBe(0);
    const before = runtimeQueries(stack).length;
    await next.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => runtimeQueries(stack).length).toBeGreaterThan(before);
    expect(runtimeQueries(stack).at(-1)).toBe(last4(DEMO_API_KEY));

    // The last account signed out of there: the open popup shows the sign-in form.
    await list.getByRole('button', { name: `Sign out of ${SIM_ACCOUNT.name}` }).click();
    await next.getByLabel('Codefresh API key').waitFor();
    expect(await runtimeRow(next, 'production').count()).toBe(0);
  });
});

/** acme-gitlab's own `production` (test/simulator/seed.ts SAME_NAMED_RUNTIME), beside acme's. */
const TWIN_HOST = 'argo.gitlab-team.acme-corp.example';
/** Granted to the extension, and no runtime lives there: a request to it came from acme's address. */
const ELSEWHERE = `https://${SELF_HOSTED_PLATFORM_HOST}`;
const addresses = (page: Page) => page.getByRole('region', { name: 'Runtime addresses' });
const stopUsing = (page: Page) =>
  addresses(page).getByRole('button', { name: 'Stop using this address for production' });

describe('two accounts with a runtime of the same name', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ sameNamedRuntime: true });
  });
  afterEach(async () => {
    await stack?.close();
  });

  it("an app-proxy address set in one account leaves the other's runtime on its own host", async () => {
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(popup, DEMO_API_KEY);
    await expect.poll(() => runtimeRow(popup, 'staging').count()).toBe(1);
    await popup.getByRole('button', { name: 'Add another account' }).click();
    const form = popup.getByRole('form', { name: 'Add another Codefresh account' });
    await form.getByLabel('Codefresh API key').fill(GITLAB_API_KEY);
    await form.getByRole('button', { name: 'Check and save key' }).click();
    await expect.poll(() => runtimeRow(popup, 'gitlab-eu').count()).toBe(1);

    // In acme, the user gives acme's production an address of their own (a wrong one, here).
    await accountSelect(popup).selectOption({ label: SIM_ACCOUNT.name! });
    await expect.poll(() => runtimeRow(popup, 'staging').count()).toBe(1);
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await addresses(options).getByLabel('Codefresh runtime').selectOption('production');
    await addresses(options).getByLabel('App-proxy address').fill(ELSEWHERE);
    await addresses(options).getByRole('button', { name: 'Save' }).click();
    await stopUsing(options).waitFor();
    await options.close();

    // In acme-gitlab, a token for its own production goes to that runtime's own host.
    await accountSelect(popup).selectOption({ label: GITLAB_ACCOUNT.name! });
    await expect.poll(() => runtimeRow(popup, 'gitlab-eu').count()).toBe(1);
    stack.simulator.sim.clearLog();
    await popup.getByLabel('Codefresh runtime').selectOption('production');
    await popup.getByLabel('Git personal access token').fill(GITLAB_TOKEN);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await popup.getByRole('button', { name: 'Add to production' }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Results' }).textContent()).toContain('Added');

    const log = stack.simulator.sim.log();
    const registers = log.filter((e) => e.operationName === 'RegisterToGitIntegration');
    expect(registers.map((e) => [e.host, e.status, e.headers.authorization])).toEqual([
      [TWIN_HOST, 200, last4(GITLAB_API_KEY)],
    ]);
    expect(log.filter((e) => e.host === SELF_HOSTED_PLATFORM_HOST)).toEqual([]);
    expect(stack.simulator.sim.registrations('production', GITLAB_ACCOUNT.id)).toContainEqual(
      expect.objectContaining({ userId: SIM_USER.id, tokenLastFour: GITLAB_TOKEN.slice(-4) }),
    );
    expect(
      stack.simulator.sim.registrations('production', SIM_ACCOUNT.id).map((r) => r.tokenLastFour),
    ).not.toContain(GITLAB_TOKEN.slice(-4));

    // The options page shows each account its own addresses.
    const gitlabOptions = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await expect
      .poll(() => addresses(gitlabOptions).getByLabel('Codefresh runtime').textContent())
      .toContain('gitlab-eu');
    expect(await stopUsing(gitlabOptions).count()).toBe(0);
    await gitlabOptions.close();
    await accountSelect(popup).selectOption({ label: SIM_ACCOUNT.name! });
    await expect.poll(() => runtimeRow(popup, 'staging').count()).toBe(1);
    const acmeOptions = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await stopUsing(acmeOptions).waitFor();
  });
});
