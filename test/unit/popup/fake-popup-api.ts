import type { PopupApi, SavedToken } from '../../../src/popup/popup-api';
import type { Result } from '../../../src/shared/errors';
import type { ExpiringToken } from '../../../src/shared/expiry-schedule';
import type { OAuthAnswer, OAuthProgressEvent } from '../../../src/shared/messages/oauth';
import type { StatusView } from '../../../src/shared/messages/status';
import type { RotateAnswer, RuntimeApplyResult, TokenSource } from '../../../src/shared/messages/token';
import type { RuntimeView } from '../../../src/shared/runtime-types';
import type { TokenValidation } from '../../../src/shared/validation-types';

export const runtime = (name: string, overrides: Partial<RuntimeView> = {}): RuntimeView => ({
  name,
  namespace: name,
  cluster: 'https://kubernetes.default.svc',
  gitProvider: 'GITHUB',
  gitApiUrl: 'https://api.github.com',
  installationStatus: 'COMPLETED',
  healthStatus: 'HEALTHY',
  accessMode: 'INGRESS',
  appProxyOrigin: `https://${name}.example`,
  hostAccess: 'granted',
  repo: null,
  token: { kind: 'none' },
  ...overrides,
});

export const validation = (overrides: Partial<TokenValidation> = {}): TokenValidation => ({
  provider: 'GITHUB',
  apiUrl: 'https://api.github.com',
  login: 'octocat',
  tokenType: 'github-classic',
  scopes: ['repo'],
  requiredScopes: ['repo'],
  missingScopes: [],
  recommendedScopes: [],
  expiresAt: null,
  expiryKnown: true,
  lastFour: 'abcd',
  warnings: [],
  blockers: [],
  createTokenUrl: 'https://github.com/settings/tokens/new?scopes=repo',
  ...overrides,
});

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * An in-memory stand-in for the worker and the browser, recording what the popup asked for.
 * Its behaviour is set per test through the public fields.
 */
export class FakePopupApi implements PopupApi {
  calls: string[] = [];
  statusView: StatusView = {
    version: '1.0.0',
    // No Git provider by default: the tests that need the account's provider set it.
    account: {
      userId: 'u1',
      name: 'Dana',
      email: 'dana@acme.example',
      accountId: 'a1',
      accountName: 'acme',
      gitProvider: null,
      gitApiUrl: null,
    },
    vault: { mode: 'device', locked: false },
    platformOrigin: 'https://g.codefresh.io',
    policy: {
      requirePassphrase: false,
      keepTokensAllowed: true,
      maxAutoLockMinutes: null,
      allowedPlatformHosts: null,
      ignored: [],
    },
  };
  runtimes: RuntimeView[] = [];
  detected: string | undefined;
  validationAnswer: Result<{ draftId: string; validation: TokenValidation }> = ok({
    draftId: 'draft-1',
    validation: validation(),
  });
  failOn = new Set<string>();
  grantHostAccess = true;
  requestedOrigins: string[][] = [];
  applied: { source: TokenSource; runtimeNames: readonly string[]; keep: boolean }[] = [];
  saved: SavedToken[] = [];
  sentTokens: string[] = [];

  async status() {
    this.calls.push('status');
    return ok(this.statusView);
  }
  async setApiKey(_apiKey: string) {
    this.calls.push('setApiKey');
    return ok(this.statusView.account!);
  }
  async unlock() {
    this.calls.push('unlock');
    this.statusView = { ...this.statusView, vault: { ...this.statusView.vault, locked: false } };
    return ok({});
  }
  /** Who listens for stored accounts (`storeAccount` plays the worker saving one). */
  accountListeners = new Set<() => void>();
  onAccountStored(listener: () => void) {
    this.accountListeners.add(listener);
    return () => this.accountListeners.delete(listener);
  }
  storeAccount(account: NonNullable<StatusView['account']>) {
    this.statusView = { ...this.statusView, account };
    for (const listener of this.accountListeners) listener();
  }
  signedOut = 0;
  async signOut() {
    this.signedOut++;
    this.statusView = { ...this.statusView, account: null };
    return ok({ signedOut: true });
  }
  async lock() {
    this.calls.push('lock');
    return ok({});
  }
  async resetVault() {
    this.calls.push('resetVault');
    this.statusView = { ...this.statusView, account: null, vault: { mode: 'device', locked: false } };
    return ok({ erased: true });
  }
  async activeTabUrl() {
    return 'https://argo.example/workflows/';
  }
  async detect(_url: string) {
    this.calls.push('detect');
    return ok({
      page: 'runtime-host',
      runtimeName: this.detected,
      signal: this.detected ? 'runtime-host' : 'none',
    });
  }
  remembered: string[] = [];
  async remember(runtimeName: string) {
    this.remembered.push(runtimeName);
    return ok({ remembered: true });
  }
  /** The page URL each list was asked with; `holdList` keeps the answer back until it resolves. */
  listPageUrls: (string | null | undefined)[] = [];
  holdList: Promise<void> | null = null;
  async listRuntimes(refresh: boolean, pageUrl?: string | null) {
    this.calls.push(`listRuntimes:${refresh}`);
    this.listPageUrls.push(pageUrl);
    if (this.holdList) await this.holdList;
    return ok({ runtimes: this.runtimes, stale: false });
  }
  sentUsernames: (string | undefined)[] = [];
  sentRuntimeNames: (string | undefined)[] = [];
  async validate(token: string, runtimeName: string | undefined, username?: string) {
    this.sentTokens.push(token);
    this.sentRuntimeNames.push(runtimeName);
    this.sentUsernames.push(username);
    return this.validationAnswer;
  }
  async discardDraft() {
    this.calls.push('discardDraft');
    return ok({});
  }
  /** Keeps an apply's answer back until it resolves (its progress events come meanwhile). */
  holdApply: Promise<void> | null = null;
  async apply(source: TokenSource, runtimeNames: readonly string[], keep: boolean) {
    this.applied.push({ source, runtimeNames, keep });
    if (this.holdApply) await this.holdApply;
    const results: RuntimeApplyResult[] = runtimeNames.map((runtimeName) =>
      this.failOn.has(runtimeName)
        ? { runtimeName, ok: false, error: { code: 'app-proxy-down', message: `${runtimeName} is down` } }
        : { runtimeName, ok: true },
    );
    return ok({ results, recordId: keep ? 'record-1' : null });
  }
  async removeFromRuntime(runtimeName: string) {
    this.calls.push(`remove:${runtimeName}`);
    return ok({ runtimeName });
  }
  async listSaved() {
    return ok(this.saved);
  }
  expiring: ExpiringToken[] = [];
  rotations: { oldRecordId: string; token: string; confirmDifferentOwner: boolean }[] = [];
  rotateAnswer: Result<RotateAnswer> = ok({ results: [], replaced: true, newRecordId: null });
  async expiryStatus() {
    return ok({
      expiring: this.expiring,
      invalidRuntimes: [],
      settings: { leadDays: 7, notifications: true },
    });
  }
  async rotate(input: { oldRecordId: string; token: string; confirmDifferentOwner: boolean }) {
    this.rotations.push(input);
    this.sentTokens.push(input.token);
    return this.rotateAnswer;
  }
  async removeSaved(recordId: string) {
    this.calls.push(`removeSaved:${recordId}`);
    this.saved = this.saved.filter((s) => s.id !== recordId);
    return ok({});
  }
  /** Runtimes whose OAuth flow fails, with the worker's message. */
  oauthFailOn = new Map<string, string>();
  authorized: string[][] = [];
  /** The progress the fake worker broadcast while authorizing, as the store saw it. */
  oauthSeen: string[] = [];
  private oauthListener: ((runtimeName: string, state: OAuthProgressEvent['state']) => void) | null = null;
  async authorize(runtimeNames: readonly string[]): Promise<Result<OAuthAnswer>> {
    this.authorized.push([...runtimeNames]);
    const results: OAuthAnswer['results'] = runtimeNames.map((runtimeName) => {
      const message = this.oauthFailOn.get(runtimeName);
      this.oauthListener?.(runtimeName, 'running');
      this.oauthListener?.(runtimeName, message ? 'failed' : 'done');
      return message
        ? { runtimeName, ok: false, error: { code: 'oauth-denied', message } }
        : { runtimeName, ok: true };
    });
    return ok({ results });
  }
  onOAuthProgress(listener: (runtimeName: string, state: OAuthProgressEvent['state']) => void) {
    this.oauthListener = (name, state) => {
      this.oauthSeen.push(`${name}:${state}`);
      listener(name, state);
    };
    return () => {
      this.oauthListener = null;
    };
  }
  async requestHostAccess(origins: readonly string[]) {
    if (origins.length > 0) this.requestedOrigins.push([...origins]);
    return origins.length === 0 || this.grantHostAccess;
  }
}
