import * as v from 'valibot';
import type { AppProxyHostSource } from '../app-proxy-origin';
import { defineMessage } from './define';

/** One request the check made: what was asked, what came back, how long it took. No secret in it. */
export interface ConnectionStep {
  readonly step: 'readyz' | 'git-integration';
  /** The path asked, e.g. `/app-proxy/api/readyz`. */
  readonly path: string;
  /** HTTP status, or null when no answer came (unreachable, timeout, not sent). */
  readonly status: number | null;
  readonly ms: number;
  readonly ok: boolean;
  /** Our error code when it failed (`app-proxy-forbidden`, …). */
  readonly code?: string;
  /** Our explanation of a failure, with the server's reason in it (redacted). */
  readonly message?: string;
  /** The server's own reason, redacted (AppError.detail). */
  readonly reason?: string;
}

/**
 * What Check connection found for one runtime, for the screen and for Copy report: the address used
 * and why it was chosen, then each request. Built by the worker from non-secret facts only.
 */
export interface ConnectionReport {
  readonly runtimeName: string;
  readonly checkedAt: string;
  readonly extensionVersion: string;
  readonly platformHost: string;
  readonly hosts: {
    readonly override: string | null;
    readonly internalIngressHost: string | null;
    readonly ingressHost: string | null;
  };
  /** The origin used and its source; null when no source is a usable https address. */
  readonly chosen: { readonly origin: string; readonly source: AppProxyHostSource } | null;
  /** Set when the requests were not made, with why (no address, no host access). */
  readonly notRun?: string;
  readonly steps: readonly ConnectionStep[];
}

/** Check connection for one runtime: readyz, then one `gitIntegration` query. */
export const checkConnection = defineMessage<ConnectionReport>()(
  'diagnostics/check-connection',
  v.object({ runtimeName: v.pipe(v.string(), v.minLength(1), v.maxLength(253)) }),
);
