import type { PageReport } from '../../shared/detect-runtime';
import type { ConnectionReport } from '../../shared/messages/diagnostics';
import type { AppProxyOverrides } from './app-proxy-overrides';
import type { createRuntimeDetection } from './runtime-detection';
import type { RuntimeDirectory } from './runtime-directory';
import type { RuntimesService } from './runtimes-routes';

export interface RuntimesServiceDeps {
  readonly directory: Pick<RuntimeDirectory, 'list' | 'listed' | 'forget'>;
  readonly detection: ReturnType<typeof createRuntimeDetection>;
  readonly overrides: Pick<AppProxyOverrides, 'read' | 'set'>;
  /** Page reports are coalesced, latest per tab (page-report-intake.ts). */
  readonly acceptReport: (tabId: number, report: PageReport) => void;
  readonly rememberLastRuntime: (runtimeName: string) => Promise<void>;
  readonly checkConnection: (runtimeName: string) => Promise<ConnectionReport>;
}

/** The runtime list, which runtime a tab shows, and the user's app-proxy addresses. */
export const createRuntimesService = (deps: RuntimesServiceDeps): RuntimesService => {
  const { directory, detection, overrides } = deps;
  return {
    list: (refresh, page) =>
      directory.list(refresh, page && detection.firstToAsk(page.url, detection.hints(page.tabId))),
    // Detection needs names and hosts only: after a restart it answers once the platform has,
    // without waiting for every app-proxy.
    async detect(url, tabId) {
      const hints = detection.hints(tabId);
      const [runtimes, known] = await Promise.all([
        directory.listed(detection.firstToAsk(url, hints)),
        hints,
      ]);
      return detection.detectIn(runtimes, url, known);
    },
    async reportPage(tabId, report) {
      deps.acceptReport(tabId, report);
    },
    remember: (runtimeName) => deps.rememberLastRuntime(runtimeName),
    overrides: () => overrides.read(),
    checkConnection: (runtimeName) => deps.checkConnection(runtimeName),
    async setOverride(runtimeName, origin) {
      const updated = await overrides.set(runtimeName, origin);
      // The list was built with the old address: read it again from scratch.
      await directory.forget();
      return updated;
    },
  };
};
