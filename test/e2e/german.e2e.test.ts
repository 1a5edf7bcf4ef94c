import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { DEMO_API_KEY, SIM_USER } from '../simulator/seed';
import { paste } from './paste';
import { type Stack, startStack } from './stack';

const TUNNEL = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com';
const POPUP_WIDTH = 380;

const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const screenshot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

/**
 * Everything visible that sticks out of the popup's width or out of its own box: the page scrolls
 * sideways, or an element's content is wider than the element (a long German word in a button, a
 * badge, a label). Fields are left out (their value scrolls inside them by design), and so are
 * screen-reader-only elements (1 px boxes).
 */
const overflowing = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const root = document.documentElement;
    const found: string[] = [];
    if (root.scrollWidth > root.clientWidth) found.push(`the page: ${root.scrollWidth} px wide`);
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (el.matches('input, textarea, select, option')) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
      const sticksOut = box.left < -0.5 || box.right > root.clientWidth + 0.5;
      const contentWider = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (sticksOut || contentWider) {
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
        found.push(
          `<${el.tagName.toLowerCase()} class="${el.className}"> "${text}": ${el.scrollWidth} px in ${el.clientWidth} px, right edge ${Math.round(box.right)}`,
        );
      }
    }
    return found;
  });

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Ihre Runtimes' }).getByRole('listitem').filter({ hasText: name });

describe('the popup in German (Chromium started with --lang=de)', () => {
  let stack: Stack;
  let popup: Page;

  beforeAll(async () => {
    stack = await startStack({ lang: 'de' });
    popup = await stack.popupFor(await stack.open(`${TUNNEL}/workflows/`));
    // A tall window, so no vertical scrollbar takes width: what is measured is the popup's 380 px.
    await popup.setViewportSize({ width: POPUP_WIDTH, height: 1400 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('asks for the API key in German, and nothing is wider than 380 px', async () => {
    await popup.getByRole('heading', { name: 'Mit Codefresh verbinden' }).waitFor();
    expect(await popup.getByRole('link', { name: 'API-Schlüssel in Codefresh erstellen' }).count()).toBe(1);
    await popup.getByLabel('Codefresh-API-Schlüssel').waitFor();
    // Screen readers read the page as German.
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await popup.evaluate(() => document.documentElement.clientWidth)).toBe(POPUP_WIDTH);
    expect(await overflowing(popup)).toEqual([]);
    await screenshot(popup, 'popup-de-api-key');
  });

  it('lists the runtimes with German token states, and nothing overflows', async () => {
    await popup.getByLabel('Codefresh-API-Schlüssel').fill(DEMO_API_KEY);
    await popup.getByRole('button', { name: 'Schlüssel prüfen und speichern' }).click();

    await expect.poll(() => runtimeRow(popup, 'production').textContent()).toContain('Token gültig');
    expect(await runtimeRow(popup, 'staging').textContent()).toContain('Kein Token');
    expect(await runtimeRow(popup, 'ops').textContent()).toContain('Token ungültig oder abgelaufen');
    expect(await runtimeRow(popup, 'qa').textContent()).toContain('Nicht verfügbar');
    expect(await runtimeRow(popup, 'dev').textContent()).toContain('wird noch installiert');
    await expect.poll(() => popup.getByLabel('Codefresh-Runtime').inputValue()).toBe('staging');
    expect(await popup.getByText('Erkannt: Dieser Tab ist auf dem Host der Runtime').count()).toBe(1);
    expect(await overflowing(popup)).toEqual([]);
    await screenshot(popup, 'popup-de-runtimes');
  });

  it("shows the worker's refusal of a token in German, and sends nothing", async () => {
    await paste(popup, 'Persönliches Git-Zugriffstoken', SEED_TOKENS.githubClassicMissingRepo.token);
    const blockers = popup.getByRole('list', {
      name: 'Probleme, die das Hinzufügen dieses Tokens verhindern',
    });
    await expect
      .poll(() => blockers.textContent())
      .toContain('Dem Token fehlt repo (von Codefresh benötigt).');
    expect(await popup.getByRole('button', { name: /^Zu .* hinzufügen$/ }).count()).toBe(0);
    expect(await overflowing(popup)).toEqual([]);
    expect(
      stack.simulator.sim.registrations('staging').find((r) => r.userId === SIM_USER.id),
    ).toBeUndefined();
  });

  it('shows a checked token card in German without overflow, and adds the token from it', async () => {
    const good = SEED_TOKENS.githubClassicOk.token;
    await paste(popup, 'Persönliches Git-Zugriffstoken', good);
    const card = popup.getByRole('region', { name: 'Token-Details' });
    await expect.poll(() => card.textContent()).toContain('octocat');
    expect(await card.textContent()).toContain('Persönliches GitHub-Zugriffstoken (klassisch)');
    expect(await card.getByText('Inhaber').count()).toBe(1);
    expect(await overflowing(popup)).toEqual([]);
    await screenshot(popup, 'popup-de-token-checked');

    await popup.getByRole('button', { name: 'Zu staging hinzufügen' }).click();
    const results = popup.getByRole('region', { name: 'Ergebnisse' });
    await expect.poll(() => results.textContent()).toContain('Hinzugefügt');
    expect(stack.simulator.sim.registrations('staging').find((r) => r.userId === SIM_USER.id)).toMatchObject({
      tokenLastFour: good.slice(-4),
      isValid: true,
    });
    expect(await overflowing(popup)).toEqual([]);
  });

  it('lists what "This token leaked" will do in German, without overflow, and Escape sends nothing', async () => {
    const saved = popup.getByRole('region', { name: 'Gespeicherte Tokens' });
    await saved.getByRole('button', { name: 'Dieses Token ist geleakt' }).click();
    const confirm = saved.getByRole('group', { name: /geleakt\? Das passiert dann:$/ });
    expect(await confirm.getByRole('listitem').allTextContents()).toEqual([
      'es bei GitHub (github.com) widerrufen (lässt sich nicht rückgängig machen)',
      'Ihr Token von staging entfernen',
      'die gespeicherte Kopie vergessen',
    ]);
    expect(await overflowing(popup)).toEqual([]);
    await screenshot(popup, 'popup-de-leak-confirm');
    await popup.keyboard.press('Escape');
    expect(await confirm.count()).toBe(0);
    expect(stack.simulator.sim.log().filter((r) => r.path === '/credentials/revoke')).toEqual([]);
  });
});
