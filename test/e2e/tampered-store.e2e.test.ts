// Issue 21, finding 5: the user's own app-proxy address decides where a Git token goes, so it is a
// sealed vault record, not plain storage.local. Something with access to storage.local (a content
// script in Firefox, malware with the profile) changes it from outside: the extension notices, says
// so, and sends nothing there.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_HOSTED_PLATFORM_HOST } from '../simulator/seed';
import { type Stack, signIn, startStack } from './stack';

/** Granted to the extension, and no SaaS runtime lives there: a request to it came from the override. */
const ELSEWHERE = `https://${SELF_HOSTED_PLATFORM_HOST}`;

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Runtimes' }).getByRole('listitem').filter({ hasText: name });

describe('a store changed outside the extension', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    const popup = await stack.popupFor(await stack.ext.context.newPage());
    await signIn(popup);
    await runtimeRow(popup, 'production').waitFor();
    await popup.close();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('uses no app-proxy address whose sealed record was changed, says so, and sends nothing to it', async () => {
    // The user gives production its own address in the options.
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    const section = options.getByRole('region', { name: 'Runtime addresses' });
    await section.getByLabel('Codefresh runtime').selectOption('production');
    await section.getByLabel('App-proxy address').fill(ELSEWHERE);
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByRole('button', { name: 'Stop using this address for production' }).waitFor();
    await options.close();

    // From outside: one character of the sealed record changed, and a plain copy planted beside it.
    const tampered = await stack.ext.worker.evaluate(async (elsewhere) => {
      const all = await chrome.storage.local.get(null);
      const entry = Object.entries(all).find(
        ([, v]) => (v as { meta?: { kind?: string } })?.meta?.kind === 'app-proxy-addresses',
      );
      if (!entry) return false;
      const [key, record] = entry as [string, { secret: string }];
      const at = record.secret.length - 3;
      const flipped =
        record.secret.slice(0, at) + (record.secret[at] === 'A' ? 'B' : 'A') + record.secret.slice(at + 1);
      await chrome.storage.local.set({
        [key]: { ...record, secret: flipped },
        'appProxyOverrides.v1': { production: elsewhere, staging: elsewhere },
      });
      return true;
    }, ELSEWHERE);
    expect(tampered).toBe(true);
    stack.simulator.sim.clearLog();

    const popup = await stack.popupFor(await stack.ext.context.newPage());
    const alert = popup.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toContain('changed outside the extension');
    expect(await alert.textContent()).toContain('Erase and start again');
    const log = stack.simulator.sim.log();
    expect(log.filter((e) => e.host === SELF_HOSTED_PLATFORM_HOST)).toEqual([]);
    expect(log.filter((e) => e.operationName === 'RegisterToGitIntegration')).toEqual([]);
    await popup.close();
  });
});
