import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
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
});
