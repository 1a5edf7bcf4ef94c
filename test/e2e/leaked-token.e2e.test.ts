import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { appProxyHost, DEMO_API_KEY, LABS_ACCOUNT, LABS_API_KEY, SIM_ACCOUNT } from '../simulator/seed';
import { axeViolations } from './axe';
import { aliceOn, keepOnStagingAndSandbox, type Stack, startStack } from './stack';

// Issue 24 point 2: a leaked GitHub token is revoked, removed from every runtime and forgotten.
const LEAKED = SEED_TOKENS.githubClassicOk.token;
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';

describe('This token leaked', () => {
  let stack: Stack;

  beforeEach(async () => {
    stack = await startStack();
    // The token, added to staging and sandbox and kept.
    await keepOnStagingAndSandbox(stack, LEAKED);
  });
  afterEach(async () => {
    await stack?.close();
  });

  it('revokes it at GitHub without authentication, removes it from every runtime and forgets it', async () => {
    for (const name of ['staging', 'sandbox']) {
      expect(aliceOn(stack, name)).toMatchObject({ tokenLastFour: LEAKED.slice(-4) });
    }
    stack.simulator.sim.clearLog();
    const popup = await stack.popupFor(await stack.open(STAGING));
    const saved = popup.getByRole('region', { name: 'Saved tokens' });
    await saved.getByRole('button', { name: 'This token leaked' }).click();

    const confirm = saved.getByRole('group', { name: /leaked\? This will:$/ });
    expect(await confirm.getByRole('listitem').allTextContents()).toEqual([
      'revoke it at GitHub (github.com) (cannot be undone)',
      'remove your token from staging, sandbox',
      'forget the saved copy',
    ]);
    // The confirmation and, below, the results pass axe-core.
    expect(await axeViolations(popup)).toEqual([]);
    await confirm.getByRole('button', { name: 'Revoke, remove and forget' }).click();

    const results = popup.getByRole('region', { name: /^Leaked token: / });
    await expect.poll(() => results.textContent()).toContain('Revoked at GitHub (github.com).');
    expect(await results.getByRole('listitem').allTextContents()).toEqual([
      'staging Removed',
      'sandbox Removed',
    ]);
    expect(await results.textContent()).toContain('The saved copy is forgotten.');
    expect(await axeViolations(popup)).toEqual([]);

    // At the provider: one unauthenticated POST; the token in its body never reaches the log.
    const revocations = stack.simulator.sim
      .log()
      .filter((r) => r.host === 'api.github.com' && r.path === '/credentials/revoke');
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ method: 'POST', status: 202 });
    expect(Object.keys(revocations[0]!.headers)).not.toContain('authorization');
    // On the runtimes: Alice's registrations are gone.
    expect(aliceOn(stack, 'staging')).toBeUndefined();
    expect(aliceOn(stack, 'sandbox')).toBeUndefined();
    // In the extension: the saved list no longer shows it.
    await expect.poll(() => popup.getByRole('region', { name: 'Saved tokens' }).count()).toBe(0);
    const reopened = await stack.popupFor(await stack.open(STAGING));
    await reopened.getByRole('region', { name: 'Your runtimes' }).waitFor();
    expect(await reopened.getByRole('button', { name: 'This token leaked' }).count()).toBe(0);
  });

  it('with the token on runtimes of two accounts, removes it from both, each with its own key', async () => {
    const saved = (popup: Page) => popup.getByRole('region', { name: 'Saved tokens' });
    const accountSelect = (popup: Page) => popup.getByLabel('Codefresh account in use');
    // acme-labs, Alice's second account on GitHub.com: the same saved token goes on labs-ci there.
    const popup = await stack.popupFor(await stack.open(STAGING));
    await popup.getByRole('button', { name: 'Add another account' }).click();
    const form = popup.getByRole('form', { name: 'Add another Codefresh account' });
    await form.getByLabel('Codefresh API key').fill(LABS_API_KEY);
    await form.getByRole('button', { name: 'Check and save key' }).click();
    await expect.poll(() => saved(popup).textContent()).toContain('not used on any runtime yet');
    await saved(popup).getByRole('button', { name: 'Use on all 1 missing' }).click();
    await expect.poll(() => saved(popup).textContent()).toContain('used on labs-ci');
    expect(aliceOn(stack, 'labs-ci')).toMatchObject({ tokenLastFour: LEAKED.slice(-4) });

    stack.simulator.sim.clearLog();
    await saved(popup).getByRole('button', { name: 'This token leaked' }).click();
    const confirm = saved(popup).getByRole('group', { name: /leaked\? This will:$/ });
    expect(await confirm.getByRole('listitem').allTextContents()).toEqual([
      'revoke it at GitHub (github.com) (cannot be undone)',
      `remove your token from labs-ci in the account ${LABS_ACCOUNT.name}`,
      `remove your token from staging, sandbox in the account ${SIM_ACCOUNT.name}, with that account's own API key`,
      'forget the saved copy',
    ]);
    await confirm.getByRole('button', { name: 'Revoke, remove and forget' }).click();

    const results = popup.getByRole('region', { name: /^Leaked token: / });
    await expect.poll(() => results.textContent()).toContain('The saved copy is forgotten.');
    const inAccount = (name: string | null) =>
      results
        .getByRole('region', { name: `In the account ${name}`, exact: true })
        .getByRole('listitem')
        .allTextContents();
    expect(await inAccount(LABS_ACCOUNT.name)).toEqual(['labs-ci Removed']);
    expect(await inAccount(SIM_ACCOUNT.name)).toEqual(['staging Removed', 'sandbox Removed']);
    expect(await axeViolations(popup)).toEqual([]);

    // Each runtime was asked with the key of the account it belongs to.
    const deregistrations = stack.simulator.sim
      .log()
      .filter((r) => r.operationName === 'DeregisterFromGitIntegration')
      .map((r) => ({ host: r.host, key: r.headers.authorization, status: r.status }));
    expect(deregistrations).toEqual(
      expect.arrayContaining([
        { host: appProxyHost('labs-ci'), key: `…${LABS_API_KEY.slice(-4)}`, status: 200 },
        { host: appProxyHost('staging'), key: `…${DEMO_API_KEY.slice(-4)}`, status: 200 },
        { host: appProxyHost('sandbox'), key: `…${DEMO_API_KEY.slice(-4)}`, status: 200 },
      ]),
    );
    expect(deregistrations).toHaveLength(3);
    for (const name of ['labs-ci', 'staging', 'sandbox']) expect(aliceOn(stack, name)).toBeUndefined();

    // The saved copy is gone from both accounts' lists.
    await expect.poll(() => saved(popup).count()).toBe(0);
    await accountSelect(popup).selectOption({ label: SIM_ACCOUNT.name! });
    await popup.getByRole('region', { name: 'Your runtimes' }).waitFor();
    await expect
      .poll(async () => accountSelect(popup).locator('option:checked').textContent())
      .toBe(SIM_ACCOUNT.name);
    expect(await saved(popup).count()).toBe(0);
  });
});
