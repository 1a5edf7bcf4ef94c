import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { apiKeyForRuntime } from '../simulator/seed';
import { aliceOn, type Stack, signIn, startStack } from './stack';

const TUNNEL = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Runtimes' }).getByRole('listitem').filter({ hasText: name });
const runtimeCard = (popup: Page) => popup.getByRole('region', { name: 'Runtime', exact: true });

/**
 * Signs in once from a blank tab, so each test starts where a returning user does; with the key of
 * the account that owns `runtime` (each Git provider has its own Codefresh account).
 */
const signedInStack = async (runtime = 'production') => {
  const stack = await startStack();
  const popup = await stack.popupFor(await stack.ext.context.newPage());
  await signIn(popup, apiKeyForRuntime(runtime));
  await expect.poll(() => runtimeRow(popup, runtime).count()).toBe(1);
  await popup.close();
  return stack;
};

/** Opens the popup on a runtime's page, so that runtime is the focused one. */
const popupOn = async (stack: Stack, url: string, runtime: string) => {
  const popup = await stack.popupFor(await stack.open(url));
  await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe(runtime);
  await expect.poll(() => runtimeRow(popup, runtime).count()).toBe(1);
  return popup;
};

/** Clicks "Authorize with …" and returns the tab the worker opened for the flow. */
const authorize = async (stack: Stack, popup: Page, provider = 'GitHub') => {
  const [tab] = await Promise.all([
    stack.ext.context.waitForEvent('page'),
    runtimeCard(popup)
      .getByRole('button', { name: `Authorize with ${provider}` })
      .click(),
  ]);
  return tab;
};

describe('Authorize with the Git provider (OAuth) against the simulator', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack?.close();
  });

  describe('in the GitHub account', () => {
    beforeEach(async () => {
      stack = await signedInStack();
    });

    it('Allow on the consent page registers the user on the runtime and the popup shows the token valid', async () => {
      const popup = await popupOn(stack, `${TUNNEL}/workflows/`, 'staging');
      expect(await runtimeRow(popup, 'staging').textContent()).toContain('No token');
      expect(aliceOn(stack, 'staging')).toBeUndefined();

      const consent = await authorize(stack, popup);
      await consent.waitForURL(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
      expect(await consent.getByRole('heading').textContent()).toContain('staging');
      await expect
        .poll(() => runtimeCard(popup).textContent())
        .toContain('Waiting for you in the opened tab');
      await Promise.all([
        consent.waitForEvent('close'),
        consent.getByRole('button', { name: 'Allow' }).click(),
      ]);

      await expect
        .poll(() => runtimeCard(popup).textContent())
        .toContain('Authorized: your token there is valid.');
      expect(aliceOn(stack, 'staging')).toMatchObject({
        tokenLastFour: SEED_TOKENS.githubOAuth.token.slice(-4),
        isValid: true,
      });
      await expect.poll(() => runtimeRow(popup, 'staging').textContent()).toContain('Token valid');

      const flow = stack.simulator.sim
        .log()
        .filter((e) => e.path.includes('git-auth') || e.path.includes('oauth'))
        .map((e) => `${e.method} ${e.host}${e.path} ${e.status}`);
      expect(flow).toEqual([
        'GET 64f0acc0000000000000acme-staging.tunnels.cf-cd.com/app-proxy/api/git-auth/github 302',
        'GET github.com/login/oauth/authorize 200',
        'POST github.com/login/oauth/authorize 302',
        'GET 64f0acc0000000000000acme-staging.tunnels.cf-cd.com/app-proxy/api/git-auth/github/callback 302',
      ]);
    });

    it('Deny: the popup says access was denied and offers pasting a token instead', async () => {
      const popup = await popupOn(stack, 'https://sandbox.acme-corp.example/workflows/', 'sandbox');
      const consent = await authorize(stack, popup);
      await consent.waitForURL(/github\.com\/login\/oauth\/authorize/);
      await consent.getByRole('button', { name: 'Deny' }).click();

      await expect.poll(() => runtimeCard(popup).textContent()).toContain('Access was denied');
      expect(await runtimeCard(popup).textContent()).toContain('paste a personal access token instead');
      expect(aliceOn(stack, 'sandbox')).toBeUndefined();
      expect(await runtimeRow(popup, 'sandbox').textContent()).toContain('No token');

      await runtimeCard(popup).getByRole('button', { name: 'Paste a token instead' }).click();
      await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('git-token');
    });
  });

  it('a runtime without OAuth set up shows a clear message, and its error page stays open', async () => {
    stack = await signedInStack('ghe-runtime');
    const popup = await popupOn(
      stack,
      'https://gitops.ghe-runtime.acme-corp.example/workflows/',
      'ghe-runtime',
    );
    // GitHub Enterprise runtimes have the same `github` flow, named after their provider.
    const errorPage = await authorize(stack, popup, 'GitHub Enterprise');
    await expect
      .poll(() => runtimeCard(popup).textContent())
      .toContain('your account admin may not have set up Git OAuth for this runtime');
    expect(await runtimeCard(popup).textContent()).toContain('Paste a personal access token for it instead');
    expect(errorPage.url()).toContain('gitops.ghe-runtime.acme-corp.example/app-proxy/api/git-auth/github?');
    expect(await errorPage.textContent('body')).toContain(
      'Git OAuth is not configured for runtime ghe-runtime',
    );
    expect(aliceOn(stack, 'ghe-runtime')).toMatchObject({ isValid: false });
  });

  // oauth-setup.md documents OAuth for GitOps with GitHub only: GitLab and Bitbucket lost their buttons.
  it.each([
    ['bitbucket-cloud', 'https://bb-cloud.acme-corp.example/workflows/'],
    ['gitlab-eu', 'https://gitlab-eu.acme-corp.example/workflows/'],
    ['bitbucket-dc', 'https://bb-dc.acme-corp.example/workflows/'],
  ])('offers no OAuth button for %s, whose provider has no documented flow', async (runtime, url) => {
    stack = await signedInStack(runtime);
    const popup = await popupOn(stack, url, runtime);
    expect(
      await runtimeCard(popup)
        .getByRole('button', { name: /^Authorize with/ })
        .count(),
    ).toBe(0);
  });
});
