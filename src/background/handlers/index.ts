import type { Route } from '../message-router';
import type { Services } from '../services';
import { vaultRoutes } from '../vault/vault-routes';
import { accountRoutes } from './account-handler';
import { expiryRoutes } from './expiry-handler';
import { leakRoutes } from './leak-handler';
import { oauthRoutes } from './oauth-handler';
import { rotationRoutes } from './rotation-handler';
import { runtimesRoutes } from './runtimes-handler';
import { statusRoutes } from './status-handler';
import { tokenRoutes } from './token-handler';

/** One route per message in `shared/messages`; the meta-test checks nothing is missing. */
export const buildRoutes = (services: Services): readonly Route[] => [
  ...statusRoutes(services),
  ...accountRoutes(services),
  ...runtimesRoutes(services),
  ...tokenRoutes(services),
  ...vaultRoutes(services.vault),
  ...expiryRoutes(services.expiry),
  ...oauthRoutes(services),
  ...rotationRoutes(services.rotation),
  ...leakRoutes(services),
];
