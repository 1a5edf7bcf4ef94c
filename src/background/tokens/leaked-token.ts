import { text } from '../../shared/i18n';
import type { LeakAnswer, ProviderRevocation } from '../../shared/messages/leak';
import type { RuntimeApplyResult } from '../../shared/messages/token';
import type { RuntimeView } from '../../shared/runtime-types';
import { tokenFitsRuntime } from '../../shared/token-fit';
import type { RevokeInput } from '../providers/revoke-token';
import { runtimeErrorOf } from '../runtimes/runtime-directory';
import { vaultErrors } from '../vault/vault-errors';
import type { TokenVault } from '../vault/vault-types';
import { createSavedGitTokens, inNamedOrder, keepErrorOf } from './saved-git-tokens';

export interface LeakedTokenDeps {
  readonly vault: Pick<TokenVault, 'status' | 'list' | 'withSecret' | 'save' | 'updateMeta' | 'remove'>;
  /** Revokes at the provider (`revokeAtProvider`); never throws. */
  revoke(
    input: RevokeInput,
    withToken: <T>(fn: (token: string) => Promise<T>) => Promise<T>,
  ): Promise<ProviderRevocation>;
  findRuntime(name: string): Promise<RuntimeView>;
  /**
   * Removes the user's token from one runtime (app-proxy `deregisterFromGitIntegration`) and drops
   * the runtime from every saved token's list: the token service's `removeFromRuntime`.
   */
  removeFromRuntime(runtimeName: string): Promise<unknown>;
}

/**
 * "This token leaked" (issue 24 point 2). Three steps, in the order that closes the leak first:
 * revoke at the provider, remove from every runtime the saved token was added to, forget the saved
 * copy. A failure at one step does not stop the next, and each is named in the answer. The user
 * asked to forget it, so it is forgotten even when revocation failed; the answer then says the
 * token may still work and links the provider's page (SECURITY.md, "A leaked token").
 */
export const createLeakedToken = (deps: LeakedTokenDeps) => {
  const saved = createSavedGitTokens(deps.vault);

  const atProvider = async (
    record: Awaited<ReturnType<typeof saved.get>>,
    id: string,
  ): Promise<ProviderRevocation> => {
    if (!record.provider) {
      return {
        outcome: 'failed',
        place: record.apiUrl,
        link: record.apiUrl,
        error: { code: 'revoke-failed', message: text('leakProviderUnknown') },
      };
    }
    const input = { provider: record.provider, apiUrl: record.apiUrl };
    // An unreadable copy cannot be sent: the attempt fails inside, with the provider's page to go to.
    return deps.revoke(input, (fn) => saved.withSecret(id, fn));
  };

  const fromRuntime = async (
    record: { provider: RuntimeView['gitProvider']; apiUrl: string },
    name: string,
  ) => {
    try {
      const runtime = await deps.findRuntime(name);
      if (!tokenFitsRuntime(record, runtime)) {
        // Its Git host changed since: the token there is another one, so it is left alone.
        return {
          runtimeName: name,
          ok: false,
          error: {
            code: 'token-wrong-host',
            message: text('leakRuntimeOtherHost', [name, runtime.gitApiUrl ?? '', record.apiUrl]),
          },
        } satisfies RuntimeApplyResult;
      }
      await deps.removeFromRuntime(name);
      return { runtimeName: name, ok: true } satisfies RuntimeApplyResult;
    } catch (error) {
      return { runtimeName: name, ok: false, error: runtimeErrorOf(error) } satisfies RuntimeApplyResult;
    }
  };

  return {
    async handle(recordId: string): Promise<LeakAnswer> {
      const record = await saved.get(recordId);
      // Revoking needs the secret: with the vault locked nothing is done, and the popup asks to unlock.
      if ((await deps.vault.status()).locked) throw vaultErrors.locked();

      const provider = await atProvider(record, recordId);
      const runtimes = inNamedOrder(
        record.runtimes,
        await Promise.all(record.runtimes.map((name) => fromRuntime(record, name))),
      );
      try {
        await deps.vault.remove(recordId);
        return { provider, runtimes, forgotten: true };
      } catch (error) {
        return {
          provider,
          runtimes,
          forgotten: false,
          forgetError: keepErrorOf(error, text('leakForgetFailed')),
        };
      }
    },
  };
};

export type LeakedToken = ReturnType<typeof createLeakedToken>;
