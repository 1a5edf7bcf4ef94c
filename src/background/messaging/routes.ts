import type { AnyMessage } from '../../shared/messages';
import type { StatusView } from '../../shared/messages/status';
import {
  type AccountService,
  type accountMessages,
  accountRoutes,
  type PlatformService,
} from '../account/account-routes';
import { type ExpiryRouteDeps, type expiryMessages, expiryRoutes } from '../expiry/expiry-routes';
import { type RotationRouteDeps, type rotationMessages, rotationRoutes } from '../expiry/rotation-routes';
import { type OAuthService, type oauthMessages, oauthRoutes } from '../oauth/oauth-routes';
import { type RuntimesService, type runtimesMessages, runtimesRoutes } from '../runtimes/runtimes-routes';
import { type tokenMessages, tokenRoutes } from '../tokens/token-routes';
import { type vaultMessages, vaultRoutes } from '../vault/vault-routes';
import type { VaultService } from '../vault/vault-service';
import type { Route } from './message-router';

/**
 * What each feature gives the router: its service, as the feature declares it. `create-services.ts`
 * builds them; the route tests pass small fakes.
 */
export interface WorkerFeatures {
  status(): Promise<StatusView>;
  readonly account: AccountService;
  readonly platform: PlatformService;
  readonly runtimes: RuntimesService;
  readonly tokens: Parameters<typeof tokenRoutes>[0]['tokens'];
  readonly leak: Parameters<typeof tokenRoutes>[0]['leak'];
  readonly vault: VaultService;
  readonly expiry: ExpiryRouteDeps;
  /** GitLab self-rotation: now, finishing an unfinished one, and the automatic one per token. */
  readonly rotation: RotationRouteDeps;
  readonly oauth: OAuthService;
}

type Routed =
  | (typeof accountMessages)[number]
  | (typeof runtimesMessages)[number]
  | (typeof tokenMessages)[number]
  | (typeof vaultMessages)[number]
  | (typeof expiryMessages)[number]
  | (typeof rotationMessages)[number]
  | (typeof oauthMessages)[number];

/**
 * A message in `allMessages` that no feature lists does not compile; each feature's `routesOf`
 * table in turn does not compile without a handler for every message it lists.
 */
const everyMessageRouted: [AnyMessage['type']] extends [Routed['type']] ? true : never = true;

/** One route per message in `shared/messages`; the routes test checks each is routed once. */
export const buildRoutes = (features: WorkerFeatures): readonly Route[] =>
  everyMessageRouted && [
    ...accountRoutes(features),
    ...runtimesRoutes(features.runtimes),
    ...tokenRoutes(features),
    ...vaultRoutes(features.vault),
    ...expiryRoutes(features.expiry),
    ...oauthRoutes(features.oauth),
    ...rotationRoutes(features.rotation),
  ];
