import type { PageReport } from '../../shared/detect-runtime';

/** Quiet time between two rounds of report handling: at most ~4 menu rebuilds a second. */
export const PAGE_REPORT_INTERVAL_MS = 250;

export interface PageReportIntakeDeps {
  store(tabId: number, report: PageReport): Promise<void>;
  rebuildMenu(tabId: number): Promise<void>;
  /** Resolves when the next round may start (a timer in the worker). */
  pause(): Promise<void>;
}

/**
 * Coalesces `page/report`: a page can make its content script report on every DOM change, and each
 * report means a storage write and a menu rebuild that reads the vault. Only the latest report per
 * tab is kept; a round stores them and rebuilds the menu once (for the tab that reported last, as
 * the menu is one for all tabs), then pauses. The first report after a quiet spell goes at once, so
 * a right-click still names its row before the user reaches the menu.
 */
export const createPageReportIntake = (deps: PageReportIntakeDeps) => {
  const pending = new Map<number, PageReport>();
  let lastTab: number | undefined;
  let draining: Promise<void> | null = null;

  const drain = async () => {
    try {
      while (pending.size > 0) {
        const round = [...pending];
        const tabId = lastTab!;
        pending.clear();
        for (const [tab, report] of round) await deps.store(tab, report).catch(() => {});
        await deps.rebuildMenu(tabId).catch(() => {});
        await deps.pause();
      }
    } finally {
      // Synchronously after the last look at `pending`, so no report can slip in unhandled.
      draining = null;
    }
  };

  return {
    /** Takes a report and returns at once; it is handled in the next round. */
    accept(tabId: number, report: PageReport): void {
      pending.set(tabId, report);
      lastTab = tabId;
      draining ??= drain();
    },
    /** The tab's report not handled yet, if any: newer than the stored one. */
    pendingFor: (tabId: number): PageReport | undefined => pending.get(tabId),
    /** Resolves when every accepted report has been handled (tests, and nothing else waits on it). */
    settled: (): Promise<void> => draining ?? Promise.resolve(),
  };
};

export type PageReportIntake = ReturnType<typeof createPageReportIntake>;
