import { type DetectInput, detectRuntime, type PageReport } from '../../shared/detect-runtime';
import type { FirstToAsk, ListedRuntime } from './runtime-directory';

export interface RuntimeDetectionDeps {
  pageReport(tabId: number): Promise<PageReport | undefined>;
  /** The runtime the user picked or added a token to last, if any. */
  lastUsed(): Promise<string | undefined>;
  platformOrigins(): readonly string[];
}

type Hints = Pick<DetectInput, 'pageReport' | 'lastUsed'>;

/**
 * Which runtime a tab shows, from the list's names and hosts (no token states needed), and the
 * same answer as "ask this runtime's app-proxy first" for a list refresh.
 */
export const createRuntimeDetection = (deps: RuntimeDetectionDeps) => {
  /** What besides the URL says which runtime a tab shows: its page report, the last one used. */
  const hints = async (tabId: number | undefined): Promise<Hints> => {
    const [report, lastUsed] = await Promise.all([
      tabId === undefined ? Promise.resolve(undefined) : deps.pageReport(tabId),
      deps.lastUsed(),
    ]);
    return { ...(report ? { pageReport: report } : {}), ...(lastUsed ? { lastUsed } : {}) };
  };
  const detectIn = (runtimes: readonly ListedRuntime[], url: string, known: Hints) =>
    detectRuntime({ url, platformOrigins: deps.platformOrigins(), runtimes, ...known });

  return {
    hints,
    detectIn,
    /** The runtime the tab shows is the one whose app-proxy a refresh asks first. */
    firstToAsk:
      (url: string, known: Promise<Hints>): FirstToAsk =>
      async (listed) =>
        detectIn(listed, url, await known).runtimeName ?? null,
  };
};
