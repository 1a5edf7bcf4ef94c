import type { AppError } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { RuntimeView } from '../../shared/runtime-types';
import { CODEFRESH_REQUEST_TIMEOUT_MS } from '../codefresh/graphql-request';
import type { HostAccessCheck } from '../network/secret-destination';
import { requestReadyz } from './connection-check';

export interface ReachabilityDeps {
  readonly fetch: typeof fetch;
  readonly hasHostAccess: HostAccessCheck;
  readonly timeoutMs?: number;
}

/**
 * Whether a runtime's app-proxy answers its readiness probe, `GET readyz` without credentials, the
 * same request Check connection sends (connection-check.ts, docs/platform-contract.md §2). Null when
 * it does; otherwise why not, in a sentence that names the runtime. Nothing secret is sent.
 */
export const createReachabilityCheck =
  (deps: ReachabilityDeps) =>
  async (runtime: RuntimeView): Promise<AppError | null> => {
    const origin = runtime.appProxyOrigin;
    if (!origin) return { code: 'runtime-no-host', message: text('runtimeNoHttpsAddress', [runtime.name]) };
    const host = new URL(origin).host;
    if (!(await deps.hasHostAccess(origin).catch(() => false))) {
      return { code: 'host-access-missing', message: text('runtimeHostAccessMissing', [host]) };
    }
    try {
      const response = await requestReadyz(
        deps.fetch,
        origin,
        deps.timeoutMs ?? CODEFRESH_REQUEST_TIMEOUT_MS,
      );
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) return null;
      return {
        code: 'runtime-not-ready',
        message: text('rotationRuntimeNotReady', [runtime.name, host, response.status]),
      };
    } catch {
      return { code: 'app-proxy-unreachable', message: text('appProxyUnreachable', [host]) };
    }
  };
