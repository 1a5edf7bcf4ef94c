import { handleLeak } from '../../shared/messages/leak';
import { applyToken, discardDraft, removeFromRuntime, validateToken } from '../../shared/messages/token';
import { routesOf } from '../messaging/message-router';
import type { LeakedToken } from './leaked-token';
import type { TokenService } from './token-service';

export const tokenMessages = [
  validateToken,
  applyToken,
  removeFromRuntime,
  discardDraft,
  handleLeak,
] as const;

export const tokenRoutes = (deps: {
  readonly tokens: Pick<TokenService, 'validate' | 'apply' | 'removeFromRuntime' | 'discardDraft'>;
  /** "This token leaked": revoke at the provider, remove from its runtimes, forget the saved copy. */
  readonly leak: Pick<LeakedToken, 'handle'>;
}) => {
  const { tokens, leak } = deps;
  return routesOf(tokenMessages, {
    [validateToken.type]: ({ token, runtimeName, username }) => tokens.validate(token, runtimeName, username),
    [applyToken.type]: ({ source, runtimeNames, keep }) => tokens.apply(source, runtimeNames, keep),
    [removeFromRuntime.type]: ({ runtimeName }) => tokens.removeFromRuntime(runtimeName),
    [discardDraft.type]: async ({ draftId }) => tokens.discardDraft(draftId),
    [handleLeak.type]: ({ recordId }) => leak.handle(recordId),
  });
};
