// The service worker stopped in the middle of a multi-runtime add (Chromium stops idle workers, and
// users' browsers do it at any time). Afterwards every runtime must be in a state we can name from
// the simulator, the vault must still decrypt, and a reopened popup must show the states and let
// the user retry. Chromium 156 headless stops an extension worker through the page CDP session's
// ServiceWorker domain (`stopWorker` with the running version id).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { SIM_ACCOUNT, SIM_USER } from '../simulator/seed';
import { type Stack, signIn, startStack } from './stack';
import { stopServiceWorker } from './stop-worker';

const GOOD = SEED_TOKENS.githubClassicOk.token;
const KEPT = SEED_TOKENS.githubClassicNoExpiry.token;
const tunnelHost = (runtime: string) => `${SIM_ACCOUNT.id}-${runtime}.tunnels.cf-cd.com`;
const HOLD_MS = 3_000;
/** Twenty more GitHub runtimes without a token (the simulator's bench option), as in issue 13. */
const BENCH = Array.from({ length: 20 }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
const benchHost = (name: string) => `${name}.acme-corp.example`;
/**
 * The worker sends 16 app-proxy requests at once (each runtime here has its own host): staging
 * answers at once, and these bench runtimes, sandbox and analytics then fill all 16 slots.
 */
const HELD_BENCH = BENCH.slice(0, 14);

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Runtimes' }).getByRole('listitem').filter({ hasText: name });
const results = (popup: Page) => popup.getByRole('region', { name: 'Results' });

describe('the worker stopped in the middle of a 23-runtime add', () => {
  let stack: Stack;
  const alice = (runtime: string) =>
    stack.simulator.sim.registrations(runtime).find((r) => r.userId === SIM_USER.id);

  beforeAll(async () => {
    stack = await startStack({ extraGithubRuntimes: BENCH.length });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('leaves every runtime in a known state and the vault readable when the worker stops mid-add', async () => {
    const { ext, simulator } = stack;
    const sim = simulator.sim;

    // A returning user with one kept token (on production).
    let popup = await stack.popupFor(await ext.context.newPage());
    await signIn(popup);
    await expect.poll(() => runtimeRow(popup, 'production').count(), { timeout: 10_000 }).toBe(1);
    await popup.close();
    popup = await stack.popupFor(await stack.open('https://argo.acme-corp.example/workflows/'));
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('production');
    await popup.getByLabel('Git personal access token').fill(KEPT);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await popup.getByRole('button', { name: 'Add to production' }).click();
    await expect.poll(() => results(popup).textContent()).toContain('Added');
    await popup.close();

    // Sixteen app-proxies hold their answer, filling all sixteen parallel slots: fifteen will
    // register, one will refuse with a 502, and bench-15…bench-20 are not sent yet when the worker stops.
    for (const host of ['sandbox.acme-corp.example', ...HELD_BENCH.map(benchHost)]) {
      sim.inject({
        host,
        operationName: 'RegisterToGitIntegration',
        kind: 'delay',
        delayMs: HOLD_MS,
        times: 1,
      });
    }
    sim.inject({
      host: tunnelHost('analytics'),
      operationName: 'RegisterToGitIntegration',
      status: 502,
      delayMs: HOLD_MS,
      body: '<html>502 Bad Gateway</html>',
      times: 1,
    });

    popup = await stack.popupFor(await stack.open(`https://${tunnelHost('staging')}/workflows/`));
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('staging');
    await popup.getByLabel('Git personal access token').fill(GOOD);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await popup.getByRole('button', { name: 'All missing a token' }).click();
    const add = popup.getByRole('button', { name: /^Add to \d+ runtimes$/ });
    await expect.poll(() => add.textContent()).toBe(`Add to ${3 + BENCH.length} runtimes`);
    await add.click();

    // Staging is done, the held ones have reached their servers: now the worker stops.
    const registers = () => sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration');
    await expect.poll(() => alice('staging')?.tokenLastFour).toBe(GOOD.slice(-4));
    await expect
      .poll(() =>
        registers()
          .filter((e) => e.status === 0)
          .map((e) => e.host)
          .sort(),
      )
      .toEqual([tunnelHost('analytics'), 'sandbox.acme-corp.example', ...HELD_BENCH.map(benchHost)].sort());
    await stopServiceWorker(await ext.context.newCDPSession(popup));

    // The open popup does not hang in "Adding…": it says the extension stopped answering.
    await expect
      .poll(() => popup.getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/extension/i);
    expect(await popup.getByRole('heading', { name: /Adding/ }).count()).toBe(0);
    expect(await popup.getByRole('alert').textContent()).toMatch(/reopen it to see what was done/);

    // Every request the worker sent was answered; the state of each runtime follows from the log.
    await expect.poll(() => registers().every((e) => e.status !== 0), { timeout: 10_000 }).toBe(true);
    const answered = new Map(registers().map((e) => [e.host, e.status]));
    expect(answered.get('sandbox.acme-corp.example')).toBe(200);
    expect(answered.get(tunnelHost('analytics'))).toBe(502);
    expect(alice('staging')?.tokenLastFour).toBe(GOOD.slice(-4));
    expect(alice('sandbox')?.tokenLastFour).toBe(GOOD.slice(-4));
    expect(alice('analytics')).toBeUndefined();
    expect(alice('production')?.tokenLastFour).toBe(KEPT.slice(-4));
    // Every one of the 23 targets is in a state the log explains: registered exactly when a
    // registration was answered 200, untouched when nothing was sent.
    const targets = ['staging', 'sandbox', 'analytics', ...BENCH];
    for (const name of targets) {
      const host = name === 'staging' || name === 'analytics' ? tunnelHost(name) : benchHost(name);
      const hostOf = name === 'sandbox' ? 'sandbox.acme-corp.example' : host;
      expect(Boolean(alice(name)), name).toBe(answered.get(hostOf) === 200);
    }
    expect(BENCH.slice(HELD_BENCH.length).filter((n) => answered.has(benchHost(n)))).toEqual([]);

    // A reopened popup (the worker starts again) shows those states and lets the user retry with
    // the kept token, which still decrypts.
    // (Opened as a tab: the harness's popupFor goes through the old worker handle, now closed.)
    popup = await ext.openPopup();
    // (The list streams in, one runtime as its app-proxy answers: each row is awaited.)
    await expect.poll(() => runtimeRow(popup, 'staging').textContent()).toContain('Token valid');
    await expect.poll(() => runtimeRow(popup, 'sandbox').textContent()).toContain('Token valid');
    await expect.poll(() => runtimeRow(popup, 'analytics').textContent()).toContain('No token');
    const saved = popup.getByRole('region', { name: 'Saved tokens' });
    await expect.poll(() => saved.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => runtimeRow(popup, 'bench-01').textContent()).toContain('Token valid');
    await expect.poll(() => runtimeRow(popup, 'bench-20').textContent()).toContain('No token');
    // The retry covers exactly what is still missing: analytics and bench-15…bench-20.
    const missing = 1 + BENCH.length - HELD_BENCH.length;
    await saved.getByRole('button', { name: `Use on all ${missing} missing` }).click();
    await expect
      .poll(() => results(popup).getByRole('listitem').filter({ hasText: 'Added' }).count(), {
        timeout: 15_000,
      })
      .toBe(missing);
    expect(alice('analytics')?.tokenLastFour).toBe(KEPT.slice(-4));
    expect(BENCH.every((n) => alice(n))).toBe(true);

    // Nothing half-written: storage still holds exactly the one kept record and no plaintext.
    const local = await popup.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(local)).not.toMatch(/SIMLEAK[A-Za-z0-9_-]{5,}/);
  });
});
