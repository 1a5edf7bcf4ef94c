import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { appProxyHost, BITBUCKET_DC_ACCOUNT, BITBUCKET_DC_API_KEY, SIM_USER } from '../simulator/seed';
import { paste } from './paste';
import { aliceOn, type Stack, signIn, startStack } from './stack';

const TUNNEL = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';
const GOOD = SEED_TOKENS.githubClassicOk.token;
const lastFour = (token: string) => token.slice(-4);

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Runtimes' }).getByRole('listitem').filter({ hasText: name });

const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
/** Screenshots of the main states, for the README and for people reviewing a run. */
const screenshot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

const registerCalls = (stack: Stack) =>
  stack.simulator.sim.log().filter((entry) => entry.operationName === 'RegisterToGitIntegration');

/** Signs in once from a blank tab, so each test starts where a returning user does. */
const signedInStack = async () => {
  const stack = await startStack();
  const blank = await stack.ext.context.newPage();
  const popup = await stack.popupFor(blank);
  await signIn(popup);
  await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
  await popup.close();
  return stack;
};

describe('the popup against the simulator', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack?.close();
  });

  describe('for a first-time user', () => {
    beforeEach(async () => {
      stack = await startStack();
    });

    it('asks for the API key first, then lists the runtimes with the token state of each', async () => {
      const page = await stack.open('https://g.codefresh.io/2.0/user-settings');
      const popup = await stack.popupFor(page);
      await expect.poll(() => popup.getByLabel('Codefresh API key').isVisible()).toBe(true);
      await screenshot(popup, 'popup-api-key');
      await signIn(popup);

      await expect.poll(() => runtimeRow(popup, 'production').textContent()).toContain('Token valid');
      // The list streams in as runtimes answer: each row is waited for, not read once.
      await expect.poll(() => runtimeRow(popup, 'ops').textContent()).toContain('Token invalid or expired');
      await expect.poll(() => runtimeRow(popup, 'staging').textContent()).toContain('No token');
      await expect
        .poll(() => runtimeRow(popup, 'qa').textContent())
        .toContain('Unavailable · app-proxy down');
      await expect
        .poll(() => runtimeRow(popup, 'dev').textContent())
        .toContain('Unavailable · still installing');
      expect(await popup.getByLabel('Codefresh API key').count()).toBe(0);
      await screenshot(popup, 'popup-runtimes');

      const me = stack.simulator.sim.log().find((e) => e.operationName === 'Me');
      expect(me?.host).toBe('g.codefresh.io');
    });

    it('signs in to an account without a name (models_gen.go allows it) and names it by its id', async () => {
      const popup = await stack.popupFor(await stack.ext.context.newPage());
      await signIn(popup, BITBUCKET_DC_API_KEY);
      await expect.poll(() => runtimeRow(popup, 'bitbucket-dc').count()).toBe(1);
      expect(
        await popup.getByText(`Signed in as ${SIM_USER.name} (${BITBUCKET_DC_ACCOUNT.id})`).count(),
      ).toBe(1);
      // The key's account only: none of the GitHub account's runtimes.
      expect(await runtimeRow(popup, 'production').count()).toBe(0);
    });

    it('refuses a wrong API key with a message and keeps asking', async () => {
      const popup = await stack.popupFor(await stack.ext.context.newPage());
      await signIn(popup, '64f0c0ffee0000000000ffff.notAKnownKey000000000000000000');
      await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/API key/);
      expect(await popup.getByLabel('Codefresh API key').isVisible()).toBe(true);
    });
  });

  describe('for a signed-in user', () => {
    beforeEach(async () => {
      stack = await signedInStack();
    });

    it('names the runtime of the tab, checks a pasted token and adds it there', async () => {
      const popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
      const picker = popup.getByLabel('Codefresh runtime');
      await expect.poll(() => picker.inputValue()).toBe('staging');
      await expect.poll(() => popup.getByText("Detected: this tab is on the runtime's host").count()).toBe(1);

      // Pasting checks at once; the token never shows in the field.
      await paste(popup, 'Git personal access token', GOOD);
      await expect.poll(() => popup.getByText('octocat').count()).toBeGreaterThan(0);
      // The field is cleared the moment the token is sent; the popup keeps only a draft id.
      expect(await popup.getByLabel('Git personal access token').inputValue()).toBe('');

      await popup.getByRole('button', { name: 'Add to staging' }).click();
      await expect
        .poll(() => popup.getByRole('region', { name: 'Results' }).textContent())
        .toContain('Added');
      expect(aliceOn(stack, 'staging')).toMatchObject({ tokenLastFour: lastFour(GOOD), isValid: true });
      await expect.poll(() => runtimeRow(popup, 'staging').textContent()).toContain('Token valid');

      // On a page that names no runtime, the next popup starts on the one used last.
      const elsewhere = await stack.popupFor(await stack.ext.context.newPage());
      await expect.poll(() => elsewhere.getByLabel('Codefresh runtime').inputValue()).toBe('staging');
    });

    it('on the settings page, with no runtime detected, checks a pasted token at once and adds it to every runtime missing one', async () => {
      const popup = await stack.popupFor(await stack.open('https://g.codefresh.io/2.0/user-settings'));
      await expect.poll(() => runtimeRow(popup, 'staging').textContent()).toContain('No token');
      expect(await popup.getByLabel('Codefresh runtime').inputValue()).toBe('');
      // The runtime whose integration reports GitLab says so, in a GitHub account.
      await expect
        .poll(() => runtimeRow(popup, 'legacy-gitlab').textContent())
        .toContain("Reports GitLab (https://gitlab.com/api/v4), not this account's GitHub");
      stack.simulator.sim.clearLog();

      // Paste, then one click.
      await paste(popup, 'Git personal access token', GOOD);
      const addAll = popup.getByRole('button', { name: 'Add to all 3 missing' });
      await addAll.waitFor();
      // Checked at once against the account's provider (GitHub), with no runtime picked.
      const checks = stack.simulator.sim.log().filter((e) => e.host === 'api.github.com');
      expect(checks.length).toBeGreaterThan(0);
      expect(await popup.getByLabel('Codefresh runtime').inputValue()).toBe('');
      await addAll.click();

      const results = popup.getByRole('region', { name: 'Results' });
      const added = results.getByRole('listitem').filter({ hasText: 'Added' });
      await added.nth(2).waitFor();
      expect(await results.getByRole('listitem').count()).toBe(3);
      const missing = ['staging', 'sandbox', 'analytics'];
      for (const name of missing) {
        expect(aliceOn(stack, name)).toMatchObject({ tokenLastFour: lastFour(GOOD), isValid: true });
      }
      // One register per runtime that had none; nothing to legacy-gitlab (another provider) or elsewhere.
      expect(
        registerCalls(stack)
          .map((e) => e.host)
          .sort(),
      ).toEqual(missing.map((n) => appProxyHost(n)).sort());
      expect(aliceOn(stack, 'legacy-gitlab')).toBeUndefined();
    });

    it('refuses a token without the repo scope, says what to do, and sends nothing', async () => {
      const popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
      await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('staging');
      await popup.getByLabel('Git personal access token').fill(SEED_TOKENS.githubClassicMissingRepo.token);
      await popup.getByRole('button', { name: 'Check token' }).click();
      await expect.poll(() => popup.getByText(/repo/).count()).toBeGreaterThan(0);
      expect(await popup.getByRole('button', { name: /^Add to/ }).count()).toBe(0);
      await screenshot(popup, 'popup-missing-scope');
      expect(registerCalls(stack)).toEqual([]);
    });

    it('refuses an expired token with a clear message and sends nothing', async () => {
      const popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
      await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('staging');
      await popup.getByLabel('Git personal access token').fill(SEED_TOKENS.githubClassicExpired.token);
      await popup.getByRole('button', { name: 'Check token' }).click();
      await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/expired|revoked|GitHub/i);
      expect(registerCalls(stack)).toEqual([]);
    });

    it('adds to all runtimes missing a token; one failure is shown and retried alone', async () => {
      stack.simulator.sim.inject({
        host: appProxyHost('analytics')!,
        operationName: 'RegisterToGitIntegration',
        status: 502,
        times: 1,
      });
      const popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
      await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('staging');
      await popup.getByLabel('Git personal access token').fill(GOOD);
      await popup.getByRole('button', { name: 'Check token' }).click();
      await popup.getByRole('button', { name: 'All missing a token' }).click();
      await popup.getByRole('button', { name: 'Add to 3 runtimes' }).click();

      const results = popup.getByRole('region', { name: 'Results' });
      await expect.poll(() => results.getByRole('listitem').count()).toBe(3);
      expect(await results.getByRole('listitem').filter({ hasText: 'staging' }).textContent()).toContain(
        'Added',
      );
      expect(await results.getByRole('listitem').filter({ hasText: 'sandbox' }).textContent()).toContain(
        'Added',
      );
      expect(aliceOn(stack, 'analytics')).toBeUndefined();
      await screenshot(popup, 'popup-results-with-failure');

      await results.getByRole('button', { name: 'Retry analytics' }).click();
      await expect
        .poll(() => results.getByRole('listitem').filter({ hasText: 'analytics' }).textContent())
        .toContain('Added');
      for (const name of ['staging', 'sandbox', 'analytics']) {
        expect(aliceOn(stack, name)).toMatchObject({ tokenLastFour: lastFour(GOOD) });
      }
      // Runtimes on other Git hosts, or that already had a token, were not touched.
      expect(new Set(registerCalls(stack).map((e) => e.host))).toEqual(
        new Set(['staging', 'sandbox', 'analytics'].map((n) => appProxyHost(n))),
      );
    });

    it('reuses the saved token on another runtime in one click, without pasting it', async () => {
      let popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
      await popup.getByLabel('Git personal access token').fill(GOOD);
      await popup.getByRole('button', { name: 'Check token' }).click();
      await popup.getByRole('button', { name: 'Add to staging' }).click();
      await popup.getByRole('region', { name: 'Results' }).getByText('Added').waitFor();
      await popup.close();

      popup = await stack.popupFor(await stack.open('https://sandbox.acme-corp.example/workflows/'));
      await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('sandbox');
      const saved = popup.getByRole('region', { name: 'Saved tokens' });
      await expect.poll(() => saved.textContent()).toContain('used on staging');
      await screenshot(popup, 'popup-saved-token');
      await saved.getByRole('button', { name: 'Use on sandbox' }).click();
      await expect
        .poll(() => popup.getByRole('region', { name: 'Results' }).textContent())
        .toContain('Added');
      expect(aliceOn(stack, 'sandbox')).toMatchObject({ tokenLastFour: lastFour(GOOD), isValid: true });
      expect(await popup.getByLabel('Git personal access token').inputValue()).toBe('');
      await expect.poll(() => saved.textContent()).toContain('staging, sandbox');
    });

    it('removes the token from a runtime after confirmation', async () => {
      const popup = await stack.popupFor(await stack.ext.context.newPage());
      const row = runtimeRow(popup, 'production');
      await expect.poll(() => row.textContent()).toContain('Token valid');
      await row.getByRole('button', { name: 'Remove token' }).click();
      await row.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect.poll(() => row.textContent()).toContain('No token');
      expect(aliceOn(stack, 'production')).toBeUndefined();
      expect(appProxyHost('production')).toBeTruthy();
    });
  });
});
