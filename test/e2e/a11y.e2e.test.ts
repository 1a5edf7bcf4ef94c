import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { DEMO_API_KEY, SIM_USER } from '../simulator/seed';
import { axeViolations } from './axe';
import { type Stack, startStack } from './stack';

const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
const tabTo = async (page: Page, text: RegExp) => {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.textContent ?? ''} ${el?.getAttribute('aria-label') ?? ''} ${el?.id ?? ''}`;
    });
    if (text.test(focused)) return;
  }
  throw new Error(`Tab never reached ${text}`);
};

describe('the popup for keyboard and screen-reader users', () => {
  let stack: Stack;
  let popup: Page;

  beforeAll(async () => {
    stack = await startStack();
    popup = await stack.popupFor(await stack.open(STAGING));
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('passes axe-core on the first screen, and the key field takes focus', async () => {
    await popup.getByLabel('Codefresh API key').waitFor();
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('api-key');
    expect(await axeViolations(popup)).toEqual([]);
  });

  it('signs in, checks and adds a token with the keyboard only', async () => {
    await popup.keyboard.type(DEMO_API_KEY);
    await popup.keyboard.press('Enter');
    await popup.getByText('Token valid').first().waitFor();

    await tabTo(popup, /git-token/);
    await popup.keyboard.type(SEED_TOKENS.githubClassicOk.token);
    await popup.keyboard.press('Enter');
    await popup.getByRole('button', { name: 'Add to staging' }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);

    await tabTo(popup, /Add to staging/);
    await popup.keyboard.press('Enter');
    await popup.getByRole('region', { name: 'Results' }).getByText('Added').waitFor();
    expect(stack.simulator.sim.registrations('staging').map((r) => r.userId)).toContain(SIM_USER.id);
    // Progress and the outcome are announced through the polite live region.
    await expect.poll(() => popup.getByRole('status').textContent()).toMatch(/Added to 1/);
    expect(await axeViolations(popup)).toEqual([]);
  });

  it('cancels a confirmation with Escape and returns focus to where it was', async () => {
    // A fresh popup: the previous one still holds a checked token, so its list is a target picker.
    popup = await stack.popupFor(await stack.open(STAGING));
    const row = popup
      .getByRole('region', { name: 'Runtimes' })
      .getByRole('listitem')
      .filter({ hasText: 'production' });
    await row.getByRole('button', { name: 'Remove token' }).focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Remove');
    await popup.keyboard.press('Escape');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Remove token');
    expect(stack.simulator.sim.registrations('production').map((r) => r.userId)).toContain(SIM_USER.id);
  });

  it('follows the system dark mode', async () => {
    await popup.emulateMedia({ colorScheme: 'dark' });
    const dark = await popup.evaluate(() => getComputedStyle(document.documentElement).color);
    await popup.emulateMedia({ colorScheme: 'light' });
    const light = await popup.evaluate(() => getComputedStyle(document.documentElement).color);
    expect(dark).not.toBe(light);
  });
});
