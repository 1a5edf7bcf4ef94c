import type { PageReport } from '../../shared/detect-runtime';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { type ConnectionReport, checkConnection } from '../../shared/messages/diagnostics';
import { type Detection, detectRuntime, reportPage } from '../../shared/messages/page';
import {
  getOverrides,
  listRuntimes,
  type RuntimeList,
  rememberRuntime,
  setOverride,
} from '../../shared/messages/runtimes';
import { routesOf } from '../messaging/message-router';

/** What the runtime, page and connection-check messages ask of the worker. */
export interface RuntimesService {
  /** `page` (the popup's tab) names the runtime whose app-proxy a refresh asks first. */
  list(refresh: boolean, page?: { url: string; tabId?: number }): Promise<RuntimeList>;
  detect(url: string, tabId?: number): Promise<Detection>;
  reportPage(tabId: number, report: PageReport): Promise<void>;
  remember(runtimeName: string): Promise<void>;
  overrides(): Promise<Readonly<Record<string, string>>>;
  setOverride(runtimeName: string, origin: string | null): Promise<Readonly<Record<string, string>>>;
  /** Check connection: the address used and why, readyz, one gitIntegration query (no secret in it). */
  checkConnection(runtimeName: string): Promise<ConnectionReport>;
}

export const runtimesMessages = [
  listRuntimes,
  detectRuntime,
  getOverrides,
  setOverride,
  checkConnection,
  rememberRuntime,
  reportPage,
] as const;

export const runtimesRoutes = (runtimes: RuntimesService) =>
  routesOf(runtimesMessages, {
    [listRuntimes.type]: ({ refresh, url, tabId }) =>
      url === undefined
        ? runtimes.list(refresh)
        : runtimes.list(refresh, { url, ...(tabId === undefined ? {} : { tabId }) }),
    [detectRuntime.type]: ({ url, tabId }) => runtimes.detect(url, tabId),
    [getOverrides.type]: () => runtimes.overrides(),
    [setOverride.type]: ({ runtimeName, origin }) => runtimes.setOverride(runtimeName, origin),
    [checkConnection.type]: ({ runtimeName }) => runtimes.checkConnection(runtimeName),
    [rememberRuntime.type]: async ({ runtimeName }) => {
      await runtimes.remember(runtimeName);
      return { remembered: true as const };
    },
    [reportPage.type]: async (report, { sender }) => {
      // The tab and the page's address are what the browser stamped on the message, never something
      // the page claims.
      const tabId = sender.tab?.id;
      const url = sender.url;
      if (tabId === undefined || !url) throw new AppFailure('no-tab', text('requestNoTab'));
      await runtimes.reportPage(tabId, {
        url,
        rowTexts: report.rowTexts,
        ...(report.focusedText ? { focusedText: report.focusedText } : {}),
      });
      return { received: true as const };
    },
  });
