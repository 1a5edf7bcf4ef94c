import { describe, expect, it } from 'vitest';
import { createVaultService, type VaultServiceDeps } from '../../../../src/background/vault/vault-service';
import { isAppFailure } from '../../../../src/shared/errors';
import { type EffectiveSettings, mergePolicy, type PolicyOptions } from '../../../../src/shared/policy';

const options: PolicyOptions = {
  platformHosts: ['https://g.codefresh.io'],
  requirePassphrase: false,
  autoLockMinutes: 30,
  keepTokens: true,
};

/** The vault service over a vault that records what it was asked, under `effective` as the policy. */
const serviceUnder = (effective: EffectiveSettings) => {
  const calls: unknown[][] = [];
  const note =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const deps: VaultServiceDeps = {
    vault: {
      remove: note('remove'),
      unlock: note('unlock'),
      lock: note('lock'),
      enablePassphrase: note('enablePassphrase'),
      disablePassphrase: note('disablePassphrase'),
      changePassphrase: note('changePassphrase'),
      setAutoLockMinutes: note('setAutoLockMinutes'),
      reset: note('reset'),
    },
    listSaved: async () => [],
    policy: async () => effective,
    forgetSnapshot: note('forgetSnapshot'),
    afterErase: note('afterErase'),
  };
  return { service: createVaultService(deps), calls };
};

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppFailure(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.appError.code;
};

describe('the vault service', () => {
  it('refuses to turn the passphrase off when the administrator requires one, and leaves the vault alone', async () => {
    const { service, calls } = serviceUnder(mergePolicy(options, { requirePassphrase: true }));
    expect(await refusal(service.disablePassphrase('old passphrase'))).toBe('policy-passphrase');
    expect(calls).toEqual([]);
  });

  it('turns the passphrase off when no policy requires one', async () => {
    const { service, calls } = serviceUnder(mergePolicy(options, {}));
    await service.disablePassphrase('old passphrase');
    expect(calls).toEqual([['disablePassphrase', 'old passphrase']]);
  });

  it("refuses an auto-lock above the administrator's ceiling and keeps the one set", async () => {
    const { service, calls } = serviceUnder(mergePolicy(options, { maxAutoLockMinutes: 15 }));
    expect(await refusal(service.setAutoLockMinutes(16))).toBe('policy-auto-lock');
    expect(calls).toEqual([]);
    await service.setAutoLockMinutes(15);
    expect(calls).toEqual([['setAutoLockMinutes', 15]]);
  });

  it('refuses both while the policy cannot be read, since it could forbid them', async () => {
    const { service, calls } = serviceUnder(mergePolicy(options, undefined, true));
    expect(await refusal(service.disablePassphrase('p'))).toBe('policy-unknown');
    expect(await refusal(service.setAutoLockMinutes(5))).toBe('policy-unknown');
    expect(calls).toEqual([]);
  });

  it('drops the runtime snapshot once a passphrase protects the vault', async () => {
    const { service, calls } = serviceUnder(mergePolicy(options, {}));
    await service.enablePassphrase('a long passphrase');
    expect(calls).toEqual([['enablePassphrase', 'a long passphrase'], ['forgetSnapshot']]);
  });

  it('clears what an erase clears only after the vault itself was erased', async () => {
    const { service, calls } = serviceUnder(mergePolicy(options, {}));
    await service.reset();
    expect(calls).toEqual([['reset'], ['afterErase']]);
  });
});
