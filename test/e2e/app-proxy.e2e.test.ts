import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEYS, GIT_CHECK_REFUSAL } from '../simulator';
import { SEED_TOKENS } from '../simulator/git-providers';
import { SIM_USER } from '../simulator/seed';
import { paste } from './paste';
import { type Stack, signIn, startStack } from './stack';

/** The runtime with an internal ingress: `/app-proxy/` answers only on its internal host. */
const INTERNAL = 'argo-internal.eu-private.acme-corp.example';
const EXTERNAL = 'hooks.eu-private.acme-corp.example';
const GOOD = SEED_TOKENS.githubClassicOk.token;

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Runtimes' }).getByRole('listitem').filter({ hasText: name });

describe('app-proxy addresses and answers, against the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(popup);
    // expect.poll is for tests only; a locator waits the same way here.
    await runtimeRow(popup, 'production').waitFor();
    await popup.close();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(() => {
    stack.simulator.sim.clearLog();
  });
  afterEach(() => {
    for (const runtime of stack.simulator.sim.runtimes) stack.simulator.sim.setRefusal(runtime.name, null);
  });

  it('adds a token to a runtime with an internal ingress on its internalIngressHost, as go-sdk does', async () => {
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await expect.poll(() => runtimeRow(popup, 'eu-private').textContent()).toContain('Token valid');
    await popup.getByLabel('Codefresh runtime').selectOption('eu-private');
    await paste(popup, 'Git personal access token', GOOD);
    await popup.getByRole('button', { name: 'Add to eu-private' }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Results' }).textContent()).toContain('Added');

    const registers = stack.simulator.sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration');
    expect(registers.map((e) => [e.host, e.status])).toEqual([[INTERNAL, 200]]);
    expect(stack.simulator.sim.log().some((e) => e.host === EXTERNAL)).toBe(false);
    expect(stack.simulator.sim.registrations('eu-private')).toContainEqual(
      expect.objectContaining({ userId: SIM_USER.id, tokenLastFour: GOOD.slice(-4) }),
    );
    await popup.close();
  });

  it("shows app-proxy's own reason when it refuses a token, in that runtime's result", async () => {
    stack.simulator.sim.setRefusal('sandbox', 'git-check');
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await runtimeRow(popup, 'sandbox').waitFor();
    await popup.getByLabel('Codefresh runtime').selectOption('sandbox');
    await paste(popup, 'Git personal access token', GOOD);
    await popup.getByRole('button', { name: 'Add to sandbox' }).click();
    const result = popup
      .getByRole('region', { name: 'Results' })
      .getByRole('listitem')
      .filter({ hasText: 'sandbox' });
    await expect.poll(() => result.textContent()).toContain(GIT_CHECK_REFUSAL);
    expect(await result.textContent()).not.toMatch(/HTTP 400|API key/);
    // The refusal came from app-proxy itself: one register call, answered 200 with errors[].
    const registers = stack.simulator.sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration');
    expect(registers.map((e) => [e.host, e.status])).toEqual([['sandbox.acme-corp.example', 200]]);
    await popup.close();
  });

  it('Check connection and Copy report on the options page, with no secret in the report', async () => {
    stack.simulator.sim.setRefusal('production', 'origin');
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    const section = options.getByRole('region', { name: 'Check connection' });
    await section.getByRole('button', { name: 'Check connection to production' }).click();
    const report = section.getByLabel('Connection report for production', { exact: true });
    await expect.poll(() => report.inputValue()).toContain('(gitIntegration): HTTP 403');
    const text = await report.inputValue();
    expect(text).toContain("Address used: https://argo.acme-corp.example, from the runtime's ingressHost");
    expect(text).toContain('GET /app-proxy/api/readyz: HTTP 200');
    expect(text).toContain('app-proxy.config.cors');
    expect(text).toContain('The server said: Not allowed by CORS: origin chrome-extension://');
    const secrets = [...API_KEYS.keys(), ...Object.values(SEED_TOKENS).map((t) => t.token)];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('SIMLEAK');

    await section.getByRole('button', { name: 'Copy the connection report for production' }).click();
    // Headless Chromium cannot grant clipboard-read to an extension origin, so the copy is proved
    // by the page's own confirmation; the text copied is the one asserted above.
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Report copied.');
    // The check's own requests are the last two: the probe without credentials, then the query with
    // the key (a runtime-list read still streaming in from sign-in may come before them).
    const seen = stack.simulator.sim
      .log()
      .filter((e) => e.host === 'argo.acme-corp.example')
      .slice(-2);
    expect(seen.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/app-proxy/api/readyz', 200],
      ['POST', '/app-proxy/api/graphql', 403],
    ]);
    expect(seen[0]?.headers.authorization).toBeUndefined();
    await options.close();
  });

  it('from a runtime that shows an error in the popup, Check connection opens the options page and runs it', async () => {
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    const row = runtimeRow(popup, 'qa');
    await expect.poll(() => row.textContent()).toContain('app-proxy down');
    const [options] = await Promise.all([
      stack.ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('options/index.html') }),
      row.getByRole('button', { name: 'Check connection to qa' }).click(),
    ]);
    const report = options.getByLabel('Connection report for qa', { exact: true });
    await expect.poll(() => report.inputValue(), { timeout: 15_000 }).toContain('(gitIntegration): HTTP 502');
    expect(await report.inputValue()).toContain('GET /app-proxy/api/readyz: HTTP 502');
    await options.close();
    await popup.close();
  });
});
