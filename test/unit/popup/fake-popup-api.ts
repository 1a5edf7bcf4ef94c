import type { LastKnown } from '../../../src/popup/last-known';
import type { PopupApi, SavedToken } from '../../../src/popup/popup-api';
import type { Result } from '../../../src/shared/errors';
import type { ExpiringToken } from '../../../src/shared/expiry-schedule';
import type { AnyMessage, AnyWorkerEvent } from '../../../src/shared/messages';
import { createWorkerClient } from '../../../src/shared/messages/client';
import {
  type EventSubscriber,
  isEventOf,
  type PayloadOf,
  type ResponseOf,
} from '../../../src/shared/messages/define';
import type { LeakAnswer } from '../../../src/shared/messages/leak';
import type { StatusView } from '../../../src/shared/messages/status';
import type { RotateAnswer, RuntimeApplyResult } from '../../../src/shared/messages/token';
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

type MessageType = AnyMessage['type'];
type SpecOf<T extends MessageType> = Extract<AnyMessage, { type: T }>;
type Handler<S extends AnyMessage> = (
  payload: PayloadOf<S>,
) => Result<ResponseOf<S>> | Promise<Result<ResponseOf<S>>>;

/** The fake worker: one answer per message type. A type left out is not answered, as a real gap would be. */
export type FakeWorker = { [S in AnyMessage as S['type']]?: Handler<S> };

/**
 * An in-memory stand-in for the worker and the browser, recording what the popup asked for. The
 * worker side is one table keyed by message type (`worker`), behind the same typed client the
 * popup uses for real; its default answers read the public fields, which each test sets.
 */
export class FakePopupApi implements PopupApi {
  /** Every message the popup sent, in order. */
  readonly sent: { type: string; payload: unknown }[] = [];
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
    accounts: [{ id: 'r1', accountId: 'a1', accountName: 'acme', active: true }],
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
  saved: SavedToken[] = [];
  expiring: ExpiringToken[] = [];
  rotateAnswer: Result<RotateAnswer> = ok({ results: [], replaced: true, newRecordId: null });
  /** What the fake worker answers to "This token leaked"; the record is forgotten when it says so. */
  leakAnswer: Result<LeakAnswer> = ok({
    provider: { outcome: 'revoked', place: 'GitHub (github.com)' },
    runtimes: [],
    forgotten: true,
  });
  /** Runtimes whose OAuth flow fails, with the worker's message. */
  oauthFailOn = new Map<string, string>();
  /** The progress the fake worker broadcast while authorizing, as the popup was sent it. */
  oauthSeen: string[] = [];
  /** `holdList` keeps a runtime list's answer back until it resolves. */
  holdList: Promise<void> | null = null;
  /** Keeps an apply's answer back until it resolves (its progress events come meanwhile). */
  holdApply: Promise<void> | null = null;
  /** Keeps the status back until it resolves: a worker still starting. */
  holdStatus: Promise<void> | null = null;
  /** What storage.local holds for the popup's own first paint (the runtime snapshot). */
  stored: LastKnown = { snapshot: undefined };
  async lastKnown() {
    return this.stored;
  }

  /** The accounts `account/switch` can pick, by record id: `statusView.account` becomes the one picked. */
  otherAccounts: Record<string, NonNullable<StatusView['account']>> = {};

  worker: FakeWorker = {
    'status/get': async () => {
      if (this.holdStatus) await this.holdStatus;
      return ok(this.statusView);
    },
    'account/set-api-key': () => ok(this.statusView.account!),
    'account/sign-out': () => {
      this.statusView = { ...this.statusView, account: null };
      return ok({ signedOut: true });
    },
    'account/switch': (payload) => {
      const { id } = payload as { id: string };
      const next = this.otherAccounts[id];
      if (!next)
        return { ok: false as const, error: { code: 'account-missing', message: 'no such account' } };
      this.statusView = {
        ...this.statusView,
        account: next,
        accounts: this.statusView.accounts.map((a) => ({ ...a, active: a.id === id })),
      };
      return ok(next);
    },
    'vault/unlock': () => {
      this.statusView = { ...this.statusView, vault: { ...this.statusView.vault, locked: false } };
      return ok({ unlocked: true });
    },
    'vault/lock': () => ok({ locked: true }),
    'vault/reset': () => {
      this.statusView = { ...this.statusView, account: null, vault: { mode: 'device', locked: false } };
      return ok({ erased: true });
    },
    'page/detect': () =>
      ok({
        page: 'runtime-host',
        runtimeName: this.detected,
        signal: this.detected ? 'runtime-host' : 'none',
      }),
    'runtimes/remember': () => ok({ remembered: true }),
    'runtimes/list': async () => {
      if (this.holdList) await this.holdList;
      return ok({ runtimes: this.runtimes, stale: false });
    },
    'token/validate': () => this.validationAnswer,
    'token/discard-draft': () => ok({ discarded: true }),
    'token/apply': async ({ runtimeNames, keep }) => {
      if (this.holdApply) await this.holdApply;
      const results: RuntimeApplyResult[] = runtimeNames.map((runtimeName) =>
        this.failOn.has(runtimeName)
          ? { runtimeName, ok: false, error: { code: 'app-proxy-down', message: `${runtimeName} is down` } }
          : { runtimeName, ok: true },
      );
      return ok({ results, recordId: keep ? 'record-1' : null });
    },
    'token/remove-from-runtime': ({ runtimeName }) => ok({ runtimeName }),
    'vault/list': () => ok(this.saved),
    'vault/remove': ({ recordId }) => {
      this.saved = this.saved.filter((s) => s.id !== recordId);
      return ok({ removed: true });
    },
    'expiry/status': () =>
      ok({ expiring: this.expiring, invalidRuntimes: [], settings: { leadDays: 7, notifications: true } }),
    'token/rotate': () => this.rotateAnswer,
    'leak/handle': ({ recordId }) => {
      if (this.leakAnswer.ok && this.leakAnswer.value.forgotten) {
        this.saved = this.saved.filter((s) => s.id !== recordId);
      }
      return this.leakAnswer;
    },
    'oauth/authorize': ({ runtimeNames }) => {
      const results = runtimeNames.map((runtimeName): RuntimeApplyResult => {
        const message = this.oauthFailOn.get(runtimeName);
        this.broadcast({ type: 'oauth/progress', runtimeName, state: 'running' });
        this.broadcast({ type: 'oauth/progress', runtimeName, state: message ? 'failed' : 'done' });
        return message
          ? { runtimeName, ok: false, error: { code: 'oauth-denied', message } }
          : { runtimeName, ok: true };
      });
      return ok({ results });
    },
  };

  readonly ask = createWorkerClient(async (message) => {
    const { type, payload } = message as { type: MessageType; payload: never };
    this.sent.push({ type, payload });
    const handler = this.worker[type] as ((payload: never) => unknown) | undefined;
    return handler?.(payload);
  });

  private readonly listeners = new Set<(message: unknown) => void>();
  readonly subscribe: EventSubscriber = (spec, listener) => {
    const onMessage = (message: unknown) => {
      if (isEventOf(spec, message)) listener(message);
    };
    this.listeners.add(onMessage);
    return () => this.listeners.delete(onMessage);
  };
  /** What the worker would broadcast to every open page. */
  broadcast(event: AnyWorkerEvent) {
    if (event.type === 'oauth/progress') this.oauthSeen.push(`${event.runtimeName}:${event.state}`);
    for (const listener of [...this.listeners]) listener(event);
  }
  /** The payloads sent as `type`, in order. */
  payloads<T extends MessageType>(type: T): PayloadOf<SpecOf<T>>[] {
    return this.sent.filter((m) => m.type === type).map((m) => m.payload as PayloadOf<SpecOf<T>>);
  }
  /** The types sent, in order. */
  sentTypes(): string[] {
    return this.sent.map((m) => m.type);
  }
  /** Who listens for stored accounts (`storeAccount` plays the worker saving one). */
  accountListeners = new Set<() => void>();
  onAccountChanged(listener: () => void) {
    this.accountListeners.add(listener);
    return () => this.accountListeners.delete(listener);
  }
  storeAccount(account: NonNullable<StatusView['account']>) {
    this.statusView = { ...this.statusView, account };
    for (const listener of this.accountListeners) listener();
  }
  /**
   * Another page (the options page) signs out of the account with key record `recordId`, as the
   * worker does: when it was in use, the next one left (its account from `otherAccounts`) is.
   */
  signOutElsewhere(recordId: string) {
    const wasActive = this.statusView.accounts.find((a) => a.id === recordId)?.active === true;
    const left = this.statusView.accounts.filter((a) => a.id !== recordId);
    const next = wasActive ? left[0] : left.find((a) => a.active);
    this.statusView = {
      ...this.statusView,
      account: next ? (wasActive ? (this.otherAccounts[next.id] ?? null) : this.statusView.account) : null,
      accounts: left.map((a) => ({ ...a, active: a.id === next?.id })),
    };
    for (const listener of this.accountListeners) listener();
  }

  // Views of `sent` that read as what a test asserts.
  get applied() {
    return this.payloads('token/apply');
  }
  get rotations() {
    return this.payloads('token/rotate');
  }
  get sentTokens() {
    return this.sent.flatMap((m) =>
      m.type === 'token/validate' || m.type === 'token/rotate'
        ? [(m.payload as { token: string }).token]
        : [],
    );
  }
  get sentRuntimeNames() {
    return this.payloads('token/validate').map((p) => p.runtimeName);
  }
  get sentUsernames() {
    return this.payloads('token/validate').map((p) => p.username);
  }
  get remembered() {
    return this.payloads('runtimes/remember').map((p) => p.runtimeName);
  }
  get authorized() {
    return this.payloads('oauth/authorize').map((p) => p.runtimeNames);
  }
  get signedOut() {
    return this.payloads('account/sign-out').length;
  }
  /** The page address each runtime list was asked with. */
  get listPageUrls() {
    return this.payloads('runtimes/list').map((p) => p.url);
  }

  async activeTabUrl() {
    return 'https://argo.example/workflows/';
  }
  async activeTabId() {
    return 7;
  }
  /** Where the popup opened the options page (`null`: its start). */
  openedOptions: ({ section: string; runtimeName: string } | null)[] = [];
  async openOptions(at?: { section: string; runtimeName: string }) {
    this.openedOptions.push(at ?? null);
  }
  async requestHostAccess(origins: readonly string[]) {
    if (origins.length > 0) this.requestedOrigins.push([...origins]);
    return origins.length === 0 || this.grantHostAccess;
  }
}
