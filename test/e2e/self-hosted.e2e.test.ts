import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, SELF_HOSTED_PLATFORM_HOST } from '../simulator/seed';
import { type Stack, startStack } from './stack';

const SELF_HOSTED = `https://${SELF_HOSTED_PLATFORM_HOST}`;

describe('a self-hosted Codefresh platform', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const platformCalls = () =>
    stack.simulator.sim.log().filter((e) => e.path === '/2.0/api/graphql' && e.operationName !== undefined);

  it('is added in the options, then used for the API key, the runtimes and page detection', async () => {
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    stack.simulator.sim.clearLog();
    await options.getByLabel('Self-hosted Codefresh address').fill(`${SELF_HOSTED}/`);
    await options.getByRole('button', { name: 'Use this platform' }).click();
    await expect.poll(() => options.getByRole('status').first().textContent()).toContain('Platform saved');
    await expect.poll(() => options.getByText(`In use: ${SELF_HOSTED}`).count()).toBe(1);

    await options.getByLabel('Codefresh API key').fill(DEMO_API_KEY);
    await options.getByRole('button', { name: 'Check and save key' }).click();
    await expect.poll(() => options.getByText('API key checked and saved.').count()).toBe(1);

    const settings = await stack.open(`${SELF_HOSTED}/2.0/user-settings`);
    const row = settings.getByRole('row').filter({ hasText: 'sandbox' }).first();
    await row.waitFor();
    // The content script runs here too (registered for this origin only) and reports the row.
    await expect
      .poll(async () => {
        await row.click({ button: 'right' });
        const session = await stack.ext.worker.evaluate(() => chrome.storage.session.get(null));
        return JSON.stringify(session);
      })
      .toMatch(/"focusedText":"sandbox /);

    const popup = await stack.popupFor(settings);
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('sandbox');
    expect(platformCalls().map((e) => e.host)).not.toContain('g.codefresh.io');
    // From the switch on, every platform call (the key's `me`, the runtime list) went to it.
    expect(platformCalls().map((e) => e.operationName)).toEqual(expect.arrayContaining(['Me', 'Runtimes']));
    expect(new Set(platformCalls().map((e) => e.host))).toEqual(new Set([SELF_HOSTED_PLATFORM_HOST]));
  });

  it('refuses an address that is not https, saying what to enter', async () => {
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await options.getByLabel('Self-hosted Codefresh address').fill('http://codefresh.acme-corp.example');
    await options.getByRole('button', { name: 'Use this platform' }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/https address/);
    await expect.poll(() => options.getByText(`In use: ${SELF_HOSTED}`).count()).toBe(1);
  });

  it('goes back to g.codefresh.io and forgets the self-hosted API key', async () => {
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await options.getByRole('button', { name: 'Use g.codefresh.io again' }).click();
    await expect.poll(() => options.getByText('In use: https://g.codefresh.io').count()).toBe(1);
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await expect.poll(() => popup.getByLabel('Codefresh API key').count()).toBe(1);
    // The last-known runtime list of the old platform goes too, from both storage areas.
    const kept = await stack.ext.worker.evaluate(async () => ({
      ...(await chrome.storage.local.get(['runtimeSnapshot.v1', 'runtimeSnapshot.v2'])),
      ...(await chrome.storage.session.get(['runtimeDirectory.v2', 'runtimeDirectory.v3'])),
    }));
    expect(kept).toEqual({});
  });
});
