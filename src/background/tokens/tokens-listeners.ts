import { text } from '../../shared/i18n';
import { defineListeners } from '../browser/listener-dispatch';
import { type HostRevocationDeps, noteRevokedHosts } from './host-revocation';

export interface TokensListenerDeps extends Omit<HostRevocationDeps, 'tell'> {
  /** The menu's items name saved tokens that need access again. */
  refreshMenus(): Promise<void>;
  notify(title: string, message: string): Promise<void>;
}

/**
 * Host access withdrawn in the browser's settings (`permissions.onRemoved`): what depended on it
 * (the platform's API key, saved tokens) is named by notification, never deleted (host-revocation.ts).
 */
export const tokensListeners = (deps: TokensListenerDeps) =>
  defineListeners({
    feature: 'tokens',
    hostAccessRemoved: (origins: readonly string[]) =>
      noteRevokedHosts(
        {
          platform: deps.platform,
          hasApiKey: deps.hasApiKey,
          savedTokens: deps.savedTokens,
          tell: async (needingAccess) => {
            await deps.refreshMenus();
            await deps.notify(
              text('accessRevokedTitle'),
              text('accessRevokedMessage', [needingAccess.join(', ')]),
            );
          },
        },
        origins,
      ),
  });
