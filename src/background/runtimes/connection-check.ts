import { chooseAppProxyHost } from '../../shared/app-proxy-origin';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { ConnectionReport, ConnectionStep } from '../../shared/messages/diagnostics';
import { redactServerText } from '../../shared/redact';
import { APP_PROXY_GRAPHQL_PATH, createAppProxyClient } from '../codefresh/app-proxy-client';
import { CODEFRESH_REQUEST_TIMEOUT_MS } from '../codefresh/graphql-request';
import type { PlatformClient } from '../codefresh/platform-client';
import { reasonFromBody } from '../codefresh/server-answer';
import type { HostAccessCheck } from '../network/secret-destination';

/** The readiness probe the installer scripts call (docs/platform-contract.md §2). */
export const READYZ_PATH = '/app-proxy/api/readyz';

/**
 * `GET readyz` on an app-proxy: no credentials (the probe needs none, so nothing secret is sent), no
 * cache, no redirect followed. Check connection and the rotation's reachability check send exactly this.
 */
export const requestReadyz = (fetchFn: typeof fetch, origin: string, timeoutMs: number): Promise<Response> =>
  fetchFn(`${origin}${READYZ_PATH}`, {
    method: 'GET',
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });

export interface ConnectionCheckDeps {
  readonly fetch: typeof fetch;
  readonly platform: Pick<PlatformClient, 'runtime'>;
  readonly platformOrigin: () => string;
  /** The Codefresh API key, or null when none is stored. */
  getApiKey(): Promise<string | null>;
  overrides(): Promise<Readonly<Record<string, string>>>;
  readonly hasHostAccess: HostAccessCheck;
  readonly version: string;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

/**
 * Check connection for one runtime: the address the extension would use and why, `GET readyz`
 * (no credentials: the probe needs none), then one `gitIntegration` query, each with its status,
 * time and the server's reason. The report holds no API key, token or cookie: only hosts, codes,
 * statuses and redacted server text.
 */
export const createConnectionCheck = (deps: ConnectionCheckDeps) => {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? CODEFRESH_REQUEST_TIMEOUT_MS;

  const readyz = async (origin: string, secrets: readonly string[]): Promise<ConnectionStep> => {
    const started = now();
    const base = { step: 'readyz' as const, path: READYZ_PATH };
    try {
      const response = await requestReadyz(deps.fetch, origin, timeoutMs);
      const body = await response.text();
      const ok = response.status >= 200 && response.status < 300;
      const reason = ok ? '' : reasonFromBody(body, response.headers.get('content-type') ?? '', secrets);
      return { ...base, status: response.status, ms: now() - started, ok, ...(reason ? { reason } : {}) };
    } catch {
      return {
        ...base,
        status: null,
        ms: now() - started,
        ok: false,
        message: text('appProxyUnreachable', [new URL(origin).host]),
      };
    }
  };

  const gitIntegration = async (origin: string, apiKey: string): Promise<ConnectionStep> => {
    let status: number | null = null;
    // The status is read on the way past; the client itself reports only what it means.
    const recording: typeof fetch = async (input, init) => {
      const response = await deps.fetch(input, init);
      status = response.status;
      return response;
    };
    const client = createAppProxyClient({
      fetch: recording,
      hasHostAccess: deps.hasHostAccess,
      platformOrigin: deps.platformOrigin(),
      timeoutMs,
    });
    const started = now();
    const base = { step: 'git-integration' as const, path: APP_PROXY_GRAPHQL_PATH };
    try {
      await client.gitIntegration(origin, apiKey);
      return { ...base, status, ms: now() - started, ok: true };
    } catch (error) {
      const appError =
        error instanceof AppFailure
          ? error.appError
          : { code: 'internal', message: text('runtimeUnexpectedError') };
      return {
        ...base,
        status,
        ms: now() - started,
        ok: false,
        code: appError.code,
        // Our own sentence is longer than a server reason; it is redacted, not cut short.
        message: redactServerText(appError.message, [apiKey], 1_000),
        ...(appError.detail ? { reason: redactServerText(appError.detail, [apiKey]) } : {}),
      };
    }
  };

  return async (runtimeName: string): Promise<ConnectionReport> => {
    const apiKey = await deps.getApiKey();
    if (!apiKey) throw new AppFailure('no-api-key', text('accountApiKeyFirstInPopupOrOptions'));
    const [runtime, overrides] = await Promise.all([
      deps.platform.runtime(apiKey, runtimeName),
      deps.overrides(),
    ]);
    if (!runtime) {
      throw new AppFailure('runtime-not-found', text('runtimeNotFound', [runtimeName.slice(0, 100)]));
    }
    const override = Object.hasOwn(overrides, runtimeName) ? (overrides[runtimeName] ?? null) : null;
    const hosts = {
      override,
      internalIngressHost: runtime.internalIngressHost,
      ingressHost: runtime.ingressHost,
    };
    const chosen = chooseAppProxyHost(hosts);
    const report = {
      runtimeName,
      checkedAt: new Date(now()).toISOString(),
      extensionVersion: deps.version,
      platformHost: new URL(deps.platformOrigin()).host,
      hosts,
      chosen,
    };
    if (!chosen) return { ...report, notRun: text('runtimeNoHttpsAddress', [runtimeName]), steps: [] };
    if (!(await deps.hasHostAccess(chosen.origin).catch(() => false))) {
      return {
        ...report,
        notRun: text('runtimeHostAccessMissing', [new URL(chosen.origin).host]),
        steps: [],
      };
    }
    const steps = [await readyz(chosen.origin, [apiKey]), await gitIntegration(chosen.origin, apiKey)];
    return { ...report, steps };
  };
};
