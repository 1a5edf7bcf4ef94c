import { authorizeOAuth, type OAuthAnswer } from '../../shared/messages/oauth';
import { routesOf } from '../messaging/message-router';

export interface OAuthService {
  /** The runtimes' Git OAuth flows, one after another, each in its own tab. */
  authorize(runtimeNames: readonly string[]): Promise<OAuthAnswer>;
}

export const oauthMessages = [authorizeOAuth] as const;

export const oauthRoutes = (oauth: OAuthService) =>
  routesOf(oauthMessages, {
    [authorizeOAuth.type]: ({ runtimeNames }) => oauth.authorize(runtimeNames),
  });
