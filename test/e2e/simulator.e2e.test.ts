import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator/server';
import { type ExtensionSession, launchExtension } from './harness';

// Chromium reaches every fake host through host mapping to the simulator's one HTTPS port.
describe('the simulator in Chromium', () => {
  let simulator: RunningSimulator;
  let ext: ExtensionSession;

  beforeAll(async () => {
    simulator = await startSimulator();
    ext = await launchExtension({ hostResolverRules: simulator.hostResolverRules });
  });

  afterAll(async () => {
    await ext?.close();
    await simulator?.close();
  });

  it('serves the Git PAT page with the runtime table on g.codefresh.io', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://g.codefresh.io/2.0/user-settings');
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('cell', { name: 'production', exact: true }).count()).toBe(1);
    // The docs' screenshot's columns (docs/platform-contract.md §5).
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Token']);
    const production = table.getByRole('row').filter({ hasText: 'production' });
    expect(await production.textContent()).toContain('\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022X020');
    await page.close();
  });

  it('adds and deletes a token from the page against the fake app-proxy (CORS, x-access-token)', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://g.codefresh.io/2.0/user-settings');
    const row = () => page.getByRole('row').filter({ hasText: 'staging' });
    await row().getByRole('button', { name: '+Add Token' }).click();
    await row().getByLabel('Git token').fill('ghp_notAToken');
    await row().getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => row().getByRole('alert').textContent()).toMatch(/^personal-git-token invalid/);
    expect(simulator.sim.registrations('staging')).toEqual([]);

    // The form stays open after a refusal, as a retry.
    simulator.sim.setSkipValidation('staging', true);
    await row().getByLabel('Git token').fill('ghp_fakeTokenForThePage1234');
    await row().getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => row().textContent()).toContain('1234');
    expect(simulator.sim.registrations('staging').map((r) => r.tokenLastFour)).toEqual(['1234']);

    await row().getByRole('button', { name: 'Delete Token' }).click();
    await expect.poll(() => simulator.sim.registrations('staging')).toEqual([]);
    await page.close();
  });

  it('serves a runtime host: the tunnel runtime’s /workflows/ page names it', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/');
    expect(await page.getByRole('main').textContent()).toContain('staging');
    await page.close();
  });
});
