// The popup of an account with 200 more runtimes, at the size of a toolbar popup (380 × 600): what
// the user acts on stays in the first screen, the runtimes are grouped and can be filtered, and a
// batch to every runtime missing a token shows its answers as they come, failures first (issue 22).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { DEMO_API_KEY, SIM_ACCOUNT, SIM_USER } from '../simulator/seed';
import { axeViolations } from './axe';
import { paste } from './paste';
import { type Stack, startStack } from './stack';

const EXTRA = 200;
const PAGE = 'https://bench-01.acme-corp.example/';
const TOKEN = SEED_TOKENS.githubClassicOk.token;
/** Seed runtimes a GitHub token fits that start without Alice's token (as in popup-flow's test). */
const SEED_MISSING = ['staging', 'sandbox', 'analytics'];
const MISSING = SEED_MISSING.length + EXTRA;
/** Two runtimes whose app-proxy refuses the add once, to see failures come first. */
const FAILING = ['bench-07', 'bench-150'];
const VIEWPORT = { width: 380, height: 600 };
const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');

const benchHost = (name: string) => `${name}.acme-corp.example`;

/** Whether the element lies wholly inside the popup's 380 × 600 viewport. */
const inViewport = async (locator: Locator) => {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT.height && box.x + box.width <= 380;
};

const rowNames = (scope: Locator) => scope.getByRole('listitem').locator('.runtime-name').allTextContents();

describe('the popup with 200 more runtimes at 380 × 600', () => {
  let stack: Stack;
  let popup: Page;
  let runtimes: Locator;

  beforeAll(async () => {
    stack = await startStack({ extraGithubRuntimes: EXTRA });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('follows a sign-in that a closed popup started, to "Signed in as"', async () => {
    const page = await stack.open(PAGE);
    // The platform answers the sign-in late, so the next popup opens before the key is saved.
    stack.simulator.sim.inject({ host: 'g.codefresh.io', operationName: 'Me', delayMs: 5_000, times: 1 });
    const first = await stack.popupFor(page);
    await first.getByLabel('Codefresh API key').fill(DEMO_API_KEY);
    await first.getByRole('button', { name: 'Check and save key' }).click();
    await first.close();

    popup = await stack.popupFor(page);
    await popup.setViewportSize(VIEWPORT);
    await popup.getByLabel('Codefresh API key').waitFor();
    await popup.getByText(`Signed in as ${SIM_USER.name}`).waitFor({ timeout: 20_000 });
    expect(await popup.getByLabel('Codefresh API key').count()).toBe(0);
  });

  it('groups every runtime by what it needs, under headings', async () => {
    runtimes = popup.getByRole('region', { name: 'Your runtimes' });
    const listed = stack.simulator.sim.runtimes.filter((r) => r.accountId === SIM_ACCOUNT.id).length;
    // Every runtime read: no group of names still being read, and the Refresh button is back.
    await expect.poll(() => rowNames(runtimes).then((n) => n.length), { timeout: 30_000 }).toBe(listed);
    await expect.poll(() => runtimes.getByRole('heading', { name: /Still being read/ }).count()).toBe(0);
    const headings = await runtimes.getByRole('heading', { level: 3 }).allTextContents();
    expect(headings.map((h) => h.replace(/ \(\d+\)$/, ''))).toEqual([
      'Needs a token',
      'Invalid or expired token',
      'All set',
      'Unavailable now',
    ]);
    const needing = await rowNames(runtimes.getByRole('list', { name: /Needs a token/ }));
    expect(headings[0]).toBe(`Needs a token (${needing.length})`);
    expect(needing).toEqual(expect.arrayContaining([...SEED_MISSING, 'bench-01', 'bench-200']));
    expect(await rowNames(runtimes.getByRole('list', { name: /All set/ }))).toContain('production');
  });

  it('filters the runtimes by name', async () => {
    const filter = runtimes.getByLabel('Filter runtimes');
    await filter.fill('BENCH-19');
    await expect
      .poll(() => rowNames(runtimes))
      .toEqual(['bench-19', ...Array.from({ length: 10 }, (_, i) => `bench-19${i}`)]);
    expect(await runtimes.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Needs a token (11)',
    ]);
    await filter.fill('no-such-runtime');
    await expect.poll(() => rowNames(runtimes)).toEqual([]);
    await runtimes.getByText('No runtime name contains “no-such-runtime”.').waitFor();
    await filter.fill('');
    await expect.poll(() => rowNames(runtimes).then((n) => n.length)).toBeGreaterThan(EXTRA);
  });

  it('keeps the runtime, the token field and the primary action in the first screen, and passes axe', async () => {
    await paste(popup, 'Git personal access token', TOKEN);
    const primary = popup.getByRole('button', { name: `Add to all ${MISSING} missing` });
    await primary.waitFor();
    expect(await popup.evaluate(() => window.scrollY)).toBe(0);
    expect(await popup.getByLabel('Codefresh runtime').inputValue()).toBe('bench-01');
    expect(await inViewport(popup.getByLabel('Codefresh runtime'))).toBe(true);
    expect(await inViewport(primary)).toBe(true);
    // The token field is not under the action bar.
    const field = await popup.getByLabel('Git personal access token', { exact: true }).boundingBox();
    const action = await primary.boundingBox();
    expect(field!.y + field!.height).toBeLessThanOrEqual(action!.y);
    mkdirSync(SHOTS, { recursive: true });
    // The README's picture of the popup at scale (docs/screenshots/popup-200-runtimes.png).
    await popup.screenshot({ path: join(SHOTS, 'popup-200-runtimes.png') });
    expect(await axeViolations(popup)).toEqual([]);

    // The action stays in view while the list scrolls.
    await popup.mouse.move(190, 300);
    await popup.mouse.wheel(0, 4_000);
    await expect.poll(() => popup.evaluate(() => window.scrollY)).toBeGreaterThan(1_000);
    expect(await inViewport(primary)).toBe(true);
  });

  it('adds the token to every runtime missing one in one click, counting answers, failures first', async () => {
    const { sim } = stack.simulator;
    for (const name of FAILING) {
      sim.inject({ host: benchHost(name), operationName: 'RegisterToGitIntegration', status: 502, times: 1 });
    }
    // One runtime answers late, so the count is there to be seen before the batch ends.
    sim.inject({
      host: benchHost('bench-200'),
      operationName: 'RegisterToGitIntegration',
      delayMs: 6_000,
      times: 1,
    });

    await popup.getByRole('button', { name: `Add to all ${MISSING} missing` }).click();
    const adding = popup.getByRole('region', { name: 'Adding…' });
    const count = adding.getByRole('status');
    await expect.poll(() => count.textContent()).toMatch(new RegExp(`^\\d+ of ${MISSING} done$`));
    // Answers already in are listed as they came, the failures first.
    await expect.poll(() => rowNames(adding).then((n) => n.slice(0, 2).sort())).toEqual(FAILING);

    const results = popup.getByRole('region', { name: 'Results' });
    await expect.poll(() => results.getByRole('listitem').count(), { timeout: 30_000 }).toBe(MISSING);
    const outcomes = results.getByRole('listitem');
    expect((await rowNames(results)).slice(0, 2).sort()).toEqual(FAILING);
    for (const i of [0, 1]) {
      expect(
        await outcomes
          .nth(i)
          .getByRole('button', { name: /^Retry / })
          .count(),
      ).toBe(1);
    }
    expect(await outcomes.nth(2).textContent()).toContain('Added');
    await popup.evaluate(() => document.getElementById('results-heading')?.scrollIntoView());
    await popup.screenshot({ path: join(SHOTS, 'popup-200-results.png') });
    expect(await axeViolations(popup)).toEqual([]);

    // What the simulator received: Alice's token on every runtime missing one, except the two refused.
    const bench = sim.runtimes.filter((r) => r.name.startsWith('bench-')).map((r) => r.name);
    const holding = [...bench, ...SEED_MISSING].filter((name) =>
      sim.registrations(name).some((r) => r.userId === SIM_USER.id),
    );
    expect(holding).toHaveLength(MISSING - FAILING.length);
    for (const name of FAILING) expect(sim.registrations(name)).toEqual([]);
    expect(sim.registrations('bench-200').map((r) => r.userId)).toEqual([SIM_USER.id]);
  });
});
