import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuId } from '../../src/shared/menu-model';
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

interface StoredReport {
  url: string;
  rowTexts: string[];
  focusedText?: string;
}

const reportsIn = async (stack: Stack) =>
  Object.entries(await storage(stack, 'session'))
    .filter(([k]) => k.startsWith('pageReport.'))
    .map(([k, v]) => ({ tabId: Number(k.slice('pageReport.'.length)), report: v as StoredReport }));

// The intake handles one round at a time (store, one menu rebuild, a pause), and the first rebuild
// on a fresh browser lists every runtime from its app-proxy, so a report can take a few seconds.
const REPORT_WAIT = { timeout: 10_000 };

/** The tab whose content script last reported a right-clicked row naming this runtime. */
const tabReporting = async (stack: Stack, runtime: string) =>
  (await reportsIn(stack)).find(({ report }) => report.focusedText?.split(' ').includes(runtime))?.tabId;

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

  it('adds the saved token to the runtime of the right-clicked row, even after another row reported', async () => {
    expect(recordId).toBeTruthy();
    // Playwright's right-click is browser input (trusted), as a person's is.
    await rightClickRow(settings, 'sandbox');
    await expect.poll(() => tabReporting(stack, 'sandbox'), REPORT_WAIT).toBeTypeOf('number');
    const tabId = (await tabReporting(stack, 'sandbox'))!;
    // The menu was built for sandbox; then the page reports another row before the click.
    await rightClickRow(settings, 'production');
    await expect.poll(() => tabReporting(stack, 'production')).toBe(tabId);
    stack.simulator.sim.clearLog();

    await menuClick(stack, menuId('add-focused', recordId, 'sandbox'), tabId);

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
    await menuClick(stack, menuId('add-missing', recordId), tabId);
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
      expect(Object.keys(report as object).sort()).toEqual(expect.arrayContaining(['rowTexts', 'url']));
      expect(Object.keys(report as object).every((k) => ['url', 'rowTexts', 'focusedText'].includes(k))).toBe(
        true,
      );
      // The address is the one the browser stamped on the message: the tab's own.
      expect((report as StoredReport).url).toMatch(/^https:\/\/g\.codefresh\.io\/2\.0\/user-settings/);
    }
    expect(session).not.toContain(GOOD);
    expect(session).not.toContain('SIMLEAK');
  });
});

describe('the settings page in both layouts (Name | Token table, ARIA grid without <table>)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(popup);
    await popup.close();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each([
    ['table', 'https://g.codefresh.io/2.0/user-settings'],
    ['grid', 'https://g.codefresh.io/2.0/user-settings?layout=grid'],
  ])('%s: the right-clicked row is the runtime the popup starts on', async (layout, url) => {
    const page = await stack.open(url);
    expect(await page.getByRole('table').count()).toBe(layout === 'table' ? 1 : 0);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Token']);
    const row = page.getByRole('row').filter({ hasText: 'analytics' }).first();
    await row.waitFor();
    await row.getByRole('button', { name: '+Add Token' }).click({ button: 'right' });
    await expect.poll(() => tabReporting(stack, 'analytics'), REPORT_WAIT).toBeTypeOf('number');

    const popup = await stack.popupFor(page);
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('analytics');
    await popup.close();
    await page.close();
  });

  it('ignores a contextmenu event the page script dispatches', async () => {
    const page = await stack.open('https://g.codefresh.io/2.0/user-settings?layout=grid');
    const row = page.getByRole('row').filter({ hasText: 'sandbox' }).first();
    await row.waitFor();
    await row.click({ button: 'right' });
    await expect.poll(() => tabReporting(stack, 'sandbox'), REPORT_WAIT).toBeTypeOf('number');
    const tabId = (await tabReporting(stack, 'sandbox'))!;

    // A page script fakes a right-click on another row, then changes the DOM so the content script
    // reports again: that report still names the row the user right-clicked.
    await page.evaluate(() => {
      const staging = [...document.querySelectorAll('[role="row"]')].find((r) =>
        r.textContent?.includes('staging'),
      );
      staging?.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
      const marker = document.createElement('li');
      marker.textContent = 'marker-after-synthetic-event';
      document.body.append(marker);
    });
    const latest = async () => (await reportsIn(stack)).find((r) => r.tabId === tabId)?.report;
    await expect
      .poll(async () => (await latest())?.rowTexts.includes('marker-after-synthetic-event'))
      .toBe(true);
    expect((await latest())?.focusedText?.split(' ')).toContain('sandbox');
    expect((await latest())?.focusedText?.split(' ')).not.toContain('staging');
    await page.close();
  });
});
