// The policy gate and the gated vault (policy-enforcement.ts), each decision on its own: over the
// real vault (fake-browser storage, fake IndexedDB) and the real policy merge, with the managed
// policy as a value the test sets, as the policy service would hand it over after a read.
import { describe, expect, it } from 'vitest';
import { createPolicyGate, gateVault } from '../../../../src/background/policy/policy-enforcement';
import type { TokenVault } from '../../../../src/background/vault/vault-types';
import { text } from '../../../../src/shared/i18n';
import { type ManagedPolicy, mergePolicy, type PolicyOptions } from '../../../../src/shared/policy';
import { failureOf } from '../../failure';
import { GITHUB_SECRET, githubMeta, makeHarness } from '../vault/vault-harness';

const PLATFORM = 'https://g.codefresh.io';
const API_KEY = 'cf-api-key-0000000000000000000000000000';
const PASSPHRASE = 'correct horse battery staple';

const apiKeyMeta = () => ({
  ...githubMeta(),
  kind: 'codefresh-api-key' as const,
  provider: null,
  apiUrl: PLATFORM,
  tokenType: 'codefresh-api-key' as const,
  runtimes: [],
});

/** The settings as the policy service would give them: the user's options, the managed policy, or unreadable. */
const policyOf = () => {
  const state: { options: PolicyOptions; managed: ManagedPolicy; unreadable: boolean } = {
    options: { platformHosts: [PLATFORM], requirePassphrase: false, autoLockMinutes: 15, keepTokens: true },
    managed: {},
    unreadable: false,
  };
  const gate = createPolicyGate(
    async () => mergePolicy(state.options, state.managed, state.unreadable),
    () => PLATFORM,
  );
  return { state, gate };
};

const read = (vault: TokenVault, id: string) => vault.withSecret(id, async (secret) => secret);

describe('the policy gate: the platform in use', () => {
  it('lets the API key go to the platform when no allowlist is set, or the allowlist names it', async () => {
    const { state, gate } = policyOf();
    await expect(gate.platformAllowed()).resolves.toBeUndefined();
    state.managed = { allowedPlatformHosts: ['https://other.example', PLATFORM] };
    await expect(gate.platformAllowed()).resolves.toBeUndefined();
  });

  it('refuses a platform the allowlist leaves out, naming it', async () => {
    const { state, gate } = policyOf();
    state.managed = { allowedPlatformHosts: ['https://codefresh.acme.example'] };
    const failure = await failureOf(gate.platformAllowed());
    expect(failure.appError).toEqual({
      code: 'platform-not-allowed',
      message: text('platformInUseNotAllowed', [PLATFORM]),
    });
  });

  it('refuses when the policy could not be read, even with no allowlist known', async () => {
    const { state, gate } = policyOf();
    state.unreadable = true;
    const failure = await failureOf(gate.platformAllowed());
    expect(failure.appError).toEqual({ code: 'policy-unknown', message: text('policyUnknown') });
  });
});

describe('the policy gate: whether the vault may be used', () => {
  it('refuses the device-key vault when the administrator requires a passphrase', async () => {
    const { state, gate } = policyOf();
    state.managed = { requirePassphrase: true };
    const failure = await failureOf(gate.vaultUsable('device'));
    expect(failure.appError).toEqual({
      code: 'policy-passphrase-first',
      message: text('policyPassphraseFirst'),
    });
    await expect(gate.vaultUsable('passphrase')).resolves.toBeUndefined();
  });

  it("lets the device-key vault be used when only the user's own option asks for a passphrase", async () => {
    const { state, gate } = policyOf();
    state.options = { ...state.options, requirePassphrase: true };
    await expect(gate.vaultUsable('device')).resolves.toBeUndefined();
  });

  it('refuses either mode when the policy could not be read', async () => {
    const { state, gate } = policyOf();
    state.unreadable = true;
    expect((await failureOf(gate.vaultUsable('device'))).appError.code).toBe('policy-unknown');
    expect((await failureOf(gate.vaultUsable('passphrase'))).appError.code).toBe('policy-unknown');
  });
});

describe('the policy gate: whether a Git token may be kept', () => {
  it('allows keeping by default, and not when the policy, the user or an unreadable policy says no', async () => {
    const { state, gate } = policyOf();
    expect(await gate.keepingAllowed()).toBe(true);
    state.managed = { disallowKeepingTokens: true };
    expect(await gate.keepingAllowed()).toBe(false);
    state.managed = {};
    state.options = { ...state.options, keepTokens: false };
    expect(await gate.keepingAllowed()).toBe(false);
    state.options = { ...state.options, keepTokens: true };
    state.unreadable = true;
    // An answer, not a refusal: the caller uses the token once without saving it.
    expect(await gate.keepingAllowed()).toBe(false);
  });
});

describe('the gated vault: saving', () => {
  it('saves a Git token and an API key when the policy allows it', async () => {
    const h = makeHarness();
    const vault = gateVault(h.vault, policyOf().gate);
    const token = await vault.save(GITHUB_SECRET, githubMeta());
    const key = await vault.saveOnly(API_KEY, apiKeyMeta());
    expect(await read(h.vault, token)).toBe(GITHUB_SECRET);
    expect(await read(h.vault, key)).toBe(API_KEY);
  });

  it('keeps no Git token when keeping is not allowed: nothing reaches the vault', async () => {
    const h = makeHarness();
    const { state, gate } = policyOf();
    state.managed = { disallowKeepingTokens: true };
    const vault = gateVault(h.vault, gate);
    for (const attempt of [
      vault.save(GITHUB_SECRET, githubMeta()),
      vault.saveOnly(GITHUB_SECRET, githubMeta()),
    ]) {
      expect((await failureOf(attempt)).appError).toEqual({
        code: 'policy-no-keeping',
        message: text('keepNotAllowed'),
      });
    }
    expect(await h.vault.list()).toEqual([]);
  });

  it('still saves the API key when Git tokens may not be kept (keeping is about Git tokens)', async () => {
    const h = makeHarness();
    const { state, gate } = policyOf();
    state.managed = { disallowKeepingTokens: true };
    const id = await gateVault(h.vault, gate).saveOnly(API_KEY, apiKeyMeta());
    expect(await read(h.vault, id)).toBe(API_KEY);
  });

  it('saves nothing in a device-key vault while a passphrase is required, and saves once one is set', async () => {
    const h = makeHarness();
    const { state, gate } = policyOf();
    state.managed = { requirePassphrase: true };
    const vault = gateVault(h.vault, gate);
    expect((await failureOf(vault.save(GITHUB_SECRET, githubMeta()))).appError.code).toBe(
      'policy-passphrase-first',
    );
    expect((await failureOf(vault.saveOnly(API_KEY, apiKeyMeta()))).appError.code).toBe(
      'policy-passphrase-first',
    );
    expect(await h.vault.list()).toEqual([]);
    await h.vault.enablePassphrase(PASSPHRASE);
    const id = await vault.save(GITHUB_SECRET, githubMeta());
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
  });

  it('saves nothing while the policy could not be read', async () => {
    const h = makeHarness();
    const { state, gate } = policyOf();
    state.unreadable = true;
    const vault = gateVault(h.vault, gate);
    // A Git token is refused as not keepable first; the API key as the unreadable policy.
    expect((await failureOf(vault.save(GITHUB_SECRET, githubMeta()))).appError.code).toBe(
      'policy-no-keeping',
    );
    expect((await failureOf(vault.saveOnly(API_KEY, apiKeyMeta()))).appError.code).toBe('policy-unknown');
    expect(await h.vault.list()).toEqual([]);
  });
});

describe('the gated vault: replacing a secret', () => {
  it("replaces a saved Git token's secret when the policy allows it", async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    await gateVault(h.vault, policyOf().gate).replaceSecret(id, 'ghp_NEW');
    expect(await read(h.vault, id)).toBe('ghp_NEW');
  });

  it('keeps the old Git token when keeping is no longer allowed', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const { state, gate } = policyOf();
    state.managed = { disallowKeepingTokens: true };
    const failure = await failureOf(gateVault(h.vault, gate).replaceSecret(id, 'ghp_NEW'));
    expect(failure.appError.code).toBe('policy-no-keeping');
    expect(await read(h.vault, id)).toBe(GITHUB_SECRET);
  });

  it('replaces the API key when Git tokens may not be kept', async () => {
    const h = makeHarness();
    const id = await h.vault.saveOnly(API_KEY, apiKeyMeta());
    const { state, gate } = policyOf();
    state.managed = { disallowKeepingTokens: true };
    await gateVault(h.vault, gate).replaceSecret(id, 'cf-new-key');
    expect(await read(h.vault, id)).toBe('cf-new-key');
  });

  it('leaves the vault to answer for a record it does not have', async () => {
    const h = makeHarness();
    const { state, gate } = policyOf();
    state.managed = { disallowKeepingTokens: true };
    const failure = await failureOf(gateVault(h.vault, gate).replaceSecret('no-such-record', 'ghp_NEW'));
    expect(failure.appError.code).toBe('vault-record-missing');
  });

  it('replaces nothing in a device-key vault while a passphrase is required', async () => {
    const h = makeHarness();
    const id = await h.vault.saveOnly(API_KEY, apiKeyMeta());
    const { state, gate } = policyOf();
    state.managed = { requirePassphrase: true };
    const failure = await failureOf(gateVault(h.vault, gate).replaceSecret(id, 'cf-new-key'));
    expect(failure.appError.code).toBe('policy-passphrase-first');
    expect(await read(h.vault, id)).toBe(API_KEY);
  });
});

describe('the gated vault: reading a secret', () => {
  it('hands the secret to the caller when the vault may be used, even if tokens may no longer be kept', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const { state, gate } = policyOf();
    state.managed = { disallowKeepingTokens: true };
    expect(await read(gateVault(h.vault, gate), id)).toBe(GITHUB_SECRET);
  });

  it('never calls the caller while a passphrase is required or the policy could not be read', async () => {
    const h = makeHarness();
    const id = await h.vault.save(GITHUB_SECRET, githubMeta());
    const { state, gate } = policyOf();
    const vault = gateVault(h.vault, gate);
    const handed: string[] = [];
    const use = async (secret: string) => {
      handed.push(secret);
    };
    state.managed = { requirePassphrase: true };
    expect((await failureOf(vault.withSecret(id, use))).appError.code).toBe('policy-passphrase-first');
    state.managed = {};
    state.unreadable = true;
    expect((await failureOf(vault.withSecret(id, use))).appError.code).toBe('policy-unknown');
    expect(handed).toEqual([]);
  });
});

describe('the gated vault: cleaning up stays open', () => {
  it('lists, removes and erases under a policy that refuses everything else', async () => {
    const h = makeHarness();
    const token = await h.vault.save(GITHUB_SECRET, githubMeta());
    const key = await h.vault.saveOnly(API_KEY, apiKeyMeta());
    const { state, gate } = policyOf();
    state.managed = { requirePassphrase: true };
    state.unreadable = true;
    const vault = gateVault(h.vault, gate);
    expect((await vault.list()).map((r) => r.id).sort()).toEqual([token, key].sort());
    await vault.remove(token);
    expect((await vault.list()).map((r) => r.id)).toEqual([key]);
    await vault.removeKind('codefresh-api-key');
    expect(await h.vault.list()).toEqual([]);
  });
});
