import { describe, expect, it } from 'vitest';
import { createDraftStore } from '../../../../src/background/tokens/token-drafts';
import { AUTO_LOCK_ALARM } from '../../../../src/background/vault/vault-layout';
import { vaultListeners } from '../../../../src/background/vault/vault-listeners';
import type { TokenValidation } from '../../../../src/shared/validation-types';
import { codeOf, GITHUB_SECRET, githubMeta, makeHarness, PASSPHRASE, read } from './vault-harness';

const validation = {
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  blockers: [],
} as unknown as TokenValidation;

/** The worker's wiring (create-services.ts): drafts are discarded whenever the vault locks. */
const setUp = async () => {
  const drafts = createDraftStore();
  const h = makeHarness({ onLock: () => drafts.clear() });
  const id = await h.vault.save(GITHUB_SECRET, githubMeta());
  await h.vault.enablePassphrase(PASSPHRASE);
  const draft = drafts.put('ghp_SIMLEAKpasted', undefined, validation);
  expect(drafts.get(draft)).toBeDefined();
  return { drafts, h, id, draft };
};

describe('token vault: locking discards pasted-token drafts', () => {
  it('when the user locks', async () => {
    const { drafts, h, draft } = await setUp();
    await h.vault.lock();
    expect(drafts.get(draft)).toBeUndefined();
  });

  it('when the auto-lock alarm fires', async () => {
    const { drafts, h, draft } = await setUp();
    await vaultListeners(h.vault).alarms[AUTO_LOCK_ALARM]();
    expect(drafts.get(draft)).toBeUndefined();
  });

  it('when the idle time ran out without an alarm', async () => {
    const { drafts, h, id, draft } = await setUp();
    h.clock.now += 16 * 60_000;
    expect(await codeOf(read(h.vault, id))).toBe('vault-locked');
    expect(drafts.get(draft)).toBeUndefined();
  });

  it('when everything is erased', async () => {
    const { drafts, h, draft } = await setUp();
    await h.vault.reset();
    expect(drafts.get(draft)).toBeUndefined();
  });

  it('but not when the passphrase is only turned off (nothing locks)', async () => {
    const { drafts, h, draft } = await setUp();
    await h.vault.disablePassphrase(PASSPHRASE);
    expect(drafts.get(draft)).toBeDefined();
  });
});
