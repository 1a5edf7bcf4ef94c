import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { SIM_USER } from '../simulator/seed';
import { paste } from './paste';
import { type Stack, signIn, startStack } from './stack';

const STAGING = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';
const SANDBOX = 'https://sandbox.acme-corp.example/workflows/';
const PASSPHRASE = 'correct horse battery staple';

describe('passphrase mode', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    const popup = await stack.popupFor(await stack.open(STAGING));
    await signIn(popup);
    await popup.getByText("Detected: this tab is on the runtime's host").waitFor();
    await paste(popup, 'Git personal access token', SEED_TOKENS.githubClassicOk.token);
    await popup.getByRole('button', { name: 'Add to staging' }).click();
    await popup.getByRole('region', { name: 'Results' }).getByText('Added').waitFor();
    await popup.close();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('is turned on in the options, and the saved token survives the switch', async () => {
    const options = await stack.open(stack.ext.extensionUrl('src/options/index.html'));
    await options.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
    await options.getByLabel('Repeat the new passphrase', { exact: true }).fill(PASSPHRASE);
    await options.getByRole('button', { name: 'Protect with a passphrase' }).click();
    await expect.poll(() => options.getByText('Passphrase protection is on.').count()).toBe(1);
    await options.close();
  });

  it('locks from the popup; nothing saved can be used until the right passphrase unlocks it', async () => {
    let popup = await stack.popupFor(await stack.open(SANDBOX));
    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => popup.getByLabel('Passphrase', { exact: true }).count()).toBe(1);
    await popup.close();

    popup = await stack.popupFor(await stack.open(SANDBOX));
    await popup.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => popup.getByRole('alert').count()).toBe(1);
    expect(await popup.getByRole('region', { name: 'Runtimes' }).count()).toBe(0);

    await popup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
    const saved = popup.getByRole('region', { name: 'Saved tokens' });
    await saved.getByRole('button', { name: 'Use on sandbox' }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Results' }).textContent()).toContain('Added');
    expect(stack.simulator.sim.registrations('sandbox').map((r) => r.userId)).toContain(SIM_USER.id);
  });
});
