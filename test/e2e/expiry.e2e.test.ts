import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { appProxyHost } from '../simulator/seed';
import { aliceOn, keepOnStagingAndSandbox, type Stack, startStack } from './stack';

const NEAR = SEED_TOKENS.githubClassicNearExpiry.token;
const NEXT = SEED_TOKENS.githubClassicOk.token;
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';

describe('expiry watch and replace everywhere', () => {
  let stack: Stack;

  beforeEach(async () => {
    stack = await startStack();
    // A token that expires in three days, added to staging and sandbox and kept.
    await keepOnStagingAndSandbox(stack, NEAR);
  });
  afterEach(async () => {
    await stack?.close();
  });

  it('warns on the badge and in the popup, and replaces the token on all its runtimes', async () => {
    const popup = await stack.popupFor(await stack.open(STAGING));
    const warning = popup.getByRole('region', { name: 'Tokens to replace' });
    await expect.poll(() => warning.textContent()).toMatch(/octocat · GITHUB: expires in [23] day/);
    // The badge counts what needs the user: this token, and ops's invalid token (seeded).
    await expect.poll(() => stack.ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('2');

    await warning.getByRole('button', { name: 'Replace everywhere' }).click();
    await popup.getByLabel('New Git personal access token').fill(NEXT);
    await popup.getByRole('button', { name: 'Check and replace on every runtime' }).click();
    await expect
      .poll(() => popup.getByRole('region', { name: 'Results' }).textContent())
      .toContain('Every runtime now uses the new token');
    for (const name of ['staging', 'sandbox']) {
      expect(aliceOn(stack, name)).toMatchObject({ tokenLastFour: NEXT.slice(-4), isValid: true });
    }
    await expect.poll(() => popup.getByRole('region', { name: 'Tokens to replace' }).count()).toBe(0);
    await expect.poll(() => stack.ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  });

  it('keeps the old saved token and names the runtime that failed on a partial rotation', async () => {
    stack.simulator.sim.inject({
      host: appProxyHost('sandbox')!,
      operationName: 'RegisterToGitIntegration',
      status: 502,
      times: 1,
    });
    const popup = await stack.popupFor(await stack.open(STAGING));
    await popup
      .getByRole('region', { name: 'Tokens to replace' })
      .getByRole('button', { name: 'Replace everywhere' })
      .click();
    await popup.getByLabel('New Git personal access token').fill(NEXT);
    await popup.getByRole('button', { name: 'Check and replace on every runtime' }).click();

    const results = popup.getByRole('region', { name: 'Results' });
    await expect.poll(() => results.textContent()).toContain('The old saved token is kept');
    expect(await results.getByRole('listitem').filter({ hasText: 'sandbox' }).textContent()).toMatch(/502/);
    expect(aliceOn(stack, 'staging')).toMatchObject({ tokenLastFour: NEXT.slice(-4) });
    expect(aliceOn(stack, 'sandbox')).toMatchObject({ tokenLastFour: NEAR.slice(-4) });
    // Both saved copies are listed: the old one (still on sandbox) and the new one (on staging).
    const saved = popup.getByRole('region', { name: 'Saved tokens' });
    await expect.poll(() => saved.getByRole('listitem').count()).toBe(2);
  });
});
