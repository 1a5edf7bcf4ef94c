import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { apiKeyForRuntime, appProxyHost } from '../simulator/seed';
import { paste } from './paste';
import { aliceOn, type Stack, signIn, startStack } from './stack';

/**
 * Git providers as of 2026 (issue 20): a fine-grained GitHub token checked and added, one awaiting
 * its organization's approval explained, an old runtime's refusal shown with its reason, and a
 * Bitbucket Cloud API token checked with the Atlassian email and added.
 */
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';
const ANALYTICS = 'https://64f0acc0000000000000acme-analytics.tunnels.cf-cd.com';
const FINE = SEED_TOKENS.githubFineGrained;

const gitRequests = (stack: Stack, host: string) => stack.simulator.sim.log().filter((e) => e.host === host);

const validationCard = (popup: Page) => popup.getByRole('region', { name: 'Token details' });

describe('Git providers in 2026, end to end', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack?.close();
  });

  /** Signs in with the key of the account that owns `runtime` (one Git provider per account), then opens the popup on `url`. */
  const popupOn = async (url: string, runtime: string) => {
    const first = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(first, apiKeyForRuntime(runtime));
    // As a person does: the popup is closed once it says who is signed in. Closed earlier, the
    // next popup may open before the key is saved and show the sign-in form again.
    await expect.poll(() => first.getByText('Signed in as').count()).toBe(1);
    await first.close();
    const popup = await stack.popupFor(await stack.open(url));
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe(runtime);
    return popup;
  };

  it('checks a fine-grained GitHub token on the runtime’s repository and adds it', async () => {
    const popup = await popupOn(`${STAGING}/workflows/`, 'staging');
    stack.simulator.sim.clearLog();
    await paste(popup, 'Git personal access token', FINE.token);
    const card = validationCard(popup);
    await expect.poll(() => card.textContent()).toContain('octocat');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('acme/codefresh-isc-staging: the token can read it');
    expect(text).toContain('Codefresh checks that it has Contents: read and write');
    // Owner and expiry from GET /user, then the one repository read.
    expect(gitRequests(stack, 'api.github.com').map((e) => `${e.method} ${e.path}`)).toEqual([
      'GET /user',
      'GET /repos/acme/codefresh-isc-staging',
    ]);

    await popup.getByRole('button', { name: 'Add to staging' }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Results' }).textContent()).toContain('Added');
    expect(aliceOn(stack, 'staging')).toMatchObject({ tokenLastFour: FINE.token.slice(-4), isValid: true });
  });

  it('explains a fine-grained token the organization has not approved yet, with the settings link', async () => {
    const popup = await popupOn(`${STAGING}/workflows/`, 'staging');
    await paste(popup, 'Git personal access token', SEED_TOKENS.githubFineGrainedPending.token);
    const card = validationCard(popup);
    await expect.poll(() => card.textContent()).toContain('not visible to the token');
    expect(await card.textContent()).toContain(
      'Either it was not given access to that repository, or the organization acme has not approved it yet',
    );
    const link = card.getByRole('link', { name: "Open the token's settings" });
    expect(await link.getAttribute('href')).toBe('https://github.com/settings/personal-access-tokens');
  });

  it('shows an old runtime’s own reason when it refuses a fine-grained token', async () => {
    const popup = await popupOn(`${ANALYTICS}/workflows/`, 'analytics');
    await paste(popup, 'Git personal access token', FINE.token);
    await expect.poll(() => validationCard(popup).textContent()).toContain('octocat');
    await popup.getByRole('button', { name: 'Add to analytics' }).click();
    const results = popup.getByRole('region', { name: 'Results' });
    await expect
      .poll(() => results.textContent())
      .toContain('validation for github fine-grained PAT is not supported yet, please use a classic token');
    expect(aliceOn(stack, 'analytics')).toBeUndefined();
    const register = stack.simulator.sim.log().find((e) => e.operationName === 'RegisterToGitIntegration');
    expect(register?.host).toBe(appProxyHost('analytics'));
  });

  it('checks a Bitbucket Cloud API token with the Atlassian account email and adds it', async () => {
    const seed = SEED_TOKENS.bitbucketApiTokenOk;
    const popup = await popupOn('https://bb-cloud.acme-corp.example/workflows/', 'bitbucket-cloud');
    const email = popup.getByLabel('Atlassian account email');
    expect(
      await popup.getByText('Your Bitbucket username does not work here.', { exact: false }).count(),
    ).toBe(1);
    await email.fill(seed.email);
    stack.simulator.sim.clearLog();
    await paste(popup, 'Git personal access token', seed.token);
    await expect.poll(() => validationCard(popup).textContent()).toContain('alice');
    const userCall = gitRequests(stack, 'api.bitbucket.org')[0];
    expect(userCall?.path).toBe('/2.0/user');
    // Basic email:token, logged with the scheme only.
    expect(userCall?.headers.authorization).toMatch(/^Basic /);

    await popup.getByRole('button', { name: 'Add to bitbucket-cloud' }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Results' }).textContent()).toContain('Added');
    expect(aliceOn(stack, 'bitbucket-cloud')).toMatchObject({
      tokenLastFour: seed.token.slice(-4),
      username: seed.email,
    });
  });
});
