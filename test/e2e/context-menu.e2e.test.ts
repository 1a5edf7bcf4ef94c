import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { appProxyHost, SIM_USER } from '../simulator/seed';
import { type Stack, signIn, startStack } from './stack';

const GOOD = SEED_TOKENS.githubClassicOk.token;
const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';

/** Reads the worker's storage the way a test may: from inside the extension's own worker. */
const storage = (stack: Stack, area: 'local' | 'session') =>
  stack.ext.worker.evaluate((a) => chrome.storage[a].get(null), area) as Promise<Record<string, unknown>>;

const savedGitTokenId = async (stack: Stack) => {
  const local = await storage(stack, 'local');
  const key = Object.keys(local).find(
    (k) => k.startsWith('vault.record.') && JSON.stringify(local[k]).includes('"git-token"'),
  );
  return key?.slice('vault.record.'.length);
};

/** The tab whose content script last reported this right-clicked runtime. */
const tabReporting = async (stack: Stack, runtime: string) => {
  const session = await storage(stack, 'session');
  const entry = Object.entries(session).find(
    ([k, v]) => k.startsWith('pageReport.') && (v as { focusedRuntime?: string }).focusedRuntime === runtime,
  );
  return entry ? Number(entry[0].slice('pageReport.'.length)) : undefined;
};

const menuClick = (stack: Stack, menuItemId: string, tabId: number) =>
  stack.ext.worker.evaluate(
    ([id, tab]) =>
      (globalThis as unknown as { contextMenuClick(i: string, t: number): Promise<void> }).contextMenuClick(
        id as string,
        tab as number,
      ),
    [menuItemId, tabId] as const,
  );

const rightClickRow = async (page: Page, runtime: string) => {
  const row = page.getByRole('row').filter({ hasText: runtime });
  await row.first().click({ button: 'right' });
};

describe('the right-click menu on the Codefresh settings page', () => {
  let stack: Stack;
  let settings: Page;
  let recordId: string;

  beforeAll(async () => {
    stack = await startStack();
    // A returning user: signed in, with one token saved after adding it to staging.
    const popup = await stack.popupFor(await stack.open(STAGING));
    await signIn(popup);
    await popup.getByLabel('Git personal access token').fill(GOOD);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await popup.getByRole('button', { name: 'Add to staging' }).click();
    await popup.getByRole('region', { name: 'Results' }).getByText('Added').waitFor();
    await popup.close();
    recordId = (await savedGitTokenId(stack))!;
    settings = await stack.open('https://g.codefresh.io/2.0/user-settings');
    await settings.getByRole('row').filter({ hasText: 'sandbox' }).first().waitFor();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('adds the saved token to the runtime of the right-clicked row', async () => {
    expect(recordId).toBeTruthy();
    await rightClickRow(settings, 'sandbox');
    await expect.poll(() => tabReporting(stack, 'sandbox')).toBeTypeOf('number');
    const tabId = (await tabReporting(stack, 'sandbox'))!;
    stack.simulator.sim.clearLog();

    await menuClick(stack, `add-focused:${recordId}`, tabId);

    expect(stack.simulator.sim.registrations('sandbox')).toContainEqual(
      expect.objectContaining({ userId: SIM_USER.id, tokenLastFour: GOOD.slice(-4), isValid: true }),
    );
    const registered = stack.simulator.sim
      .log()
      .filter((e) => e.operationName === 'RegisterToGitIntegration');
    expect(registered.map((e) => e.host)).toEqual([appProxyHost('sandbox')]);
    expect(await stack.ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('✓1');
  });

  it('adds it to every runtime missing one, and nowhere else', async () => {
    const tabId = (await tabReporting(stack, 'sandbox'))!;
    stack.simulator.sim.clearLog();
    await menuClick(stack, `add-missing:${recordId}`, tabId);
    const hosts = stack.simulator.sim
      .log()
      .filter((e) => e.operationName === 'RegisterToGitIntegration')
      .map((e) => e.host);
    // staging and sandbox have it already; production has Alice's own; other hosts need other tokens.
    expect(hosts).toEqual([appProxyHost('analytics')]);
    expect(stack.simulator.sim.registrations('analytics')).toContainEqual(
      expect.objectContaining({ userId: SIM_USER.id, tokenLastFour: GOOD.slice(-4) }),
    );
  });

  it('hears only page context from the content script, never a secret', async () => {
    const session = JSON.stringify(await storage(stack, 'session'));
    const reports = Object.entries(await storage(stack, 'session')).filter(([k]) =>
      k.startsWith('pageReport.'),
    );
    expect(reports.length).toBeGreaterThan(0);
    for (const [, report] of reports) {
      expect(Object.keys(report as object).sort()).toEqual(expect.arrayContaining(['runtimeNames', 'url']));
      expect(
        Object.keys(report as object).every((k) => ['url', 'runtimeNames', 'focusedRuntime'].includes(k)),
      ).toBe(true);
    }
    expect(session).not.toContain(GOOD);
    expect(session).not.toContain('SIMLEAK');
  });
});
