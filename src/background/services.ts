import type { PageReport } from '../shared/detect-runtime';
import type { ConnectionReport } from '../shared/messages/diagnostics';
import type { OAuthAnswer } from '../shared/messages/oauth';
import type { Detection } from '../shared/messages/page';
import type { RuntimeList } from '../shared/messages/runtimes';
import type { SignedInUser, StatusView } from '../shared/messages/status';
import type { ExpiryRouteDeps } from './handlers/expiry-handler';
import type { RotationRouteDeps } from './handlers/rotation-handler';
import type { LeakedToken } from './leaked-token';
import type { TokenService } from './token-service';
import type { VaultService } from './vault/vault-service';

/**
 * Everything the message handlers need, as interfaces. `index.ts` builds the real ones from
 * browser APIs; handler tests pass small fakes. Keeping handlers this thin is what lets the
 * router stay one table of `spec → service call`.
 */
export interface Services {
  status(): Promise<StatusView>;
  readonly account: {
    setApiKey(apiKey: string): Promise<SignedInUser>;
    /** Forgets one account (default: the one in use); the next signed-in one may take its place. */
    signOut(recordId?: string): Promise<void>;
    /** Puts the account whose API key is the vault record `recordId` in use. */
    switchTo(recordId: string): Promise<SignedInUser>;
  };
  readonly platform: {
    set(origin: string | null): Promise<{ platformOrigin: string }>;
  };
  readonly runtimes: {
    /** `page` (the popup's tab) names the runtime whose app-proxy a refresh asks first. */
    list(refresh: boolean, page?: { url: string; tabId?: number }): Promise<RuntimeList>;
    detect(url: string, tabId?: number): Promise<Detection>;
    reportPage(tabId: number, report: PageReport): Promise<void>;
    remember(runtimeName: string): Promise<void>;
    overrides(): Promise<Readonly<Record<string, string>>>;
    setOverride(runtimeName: string, origin: string | null): Promise<Readonly<Record<string, string>>>;
    /** Check connection: the address used and why, readyz, one gitIntegration query (no secret in it). */
    checkConnection(runtimeName: string): Promise<ConnectionReport>;
  };
  readonly tokens: Pick<TokenService, 'validate' | 'apply' | 'removeFromRuntime' | 'discardDraft'>;
  readonly vault: VaultService;
  readonly expiry: ExpiryRouteDeps;
  /** GitLab self-rotation: now, finishing an unfinished one, and the automatic one per token. */
  readonly rotation: RotationRouteDeps;
  readonly oauth: {
    /** The runtimes' Git OAuth flows, one after another, each in its own tab. */
    authorize(runtimeNames: readonly string[]): Promise<OAuthAnswer>;
  };
  /** "This token leaked": revoke at the provider, remove from its runtimes, forget the saved copy. */
  readonly leak: Pick<LeakedToken, 'handle'>;
}
