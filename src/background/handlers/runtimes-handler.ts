import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import { checkConnection } from '../../shared/messages/diagnostics';
import { detectRuntime, reportPage } from '../../shared/messages/page';
import { getOverrides, listRuntimes, rememberRuntime, setOverride } from '../../shared/messages/runtimes';
import { route } from '../message-router';
import type { Services } from '../services';

export const runtimesRoutes = ({ runtimes }: Services) => [
  route(listRuntimes, ({ refresh, url, tabId }) =>
    url === undefined
      ? runtimes.list(refresh)
      : runtimes.list(refresh, { url, ...(tabId === undefined ? {} : { tabId }) }),
  ),
  route(detectRuntime, ({ url, tabId }) => runtimes.detect(url, tabId)),
  route(getOverrides, () => runtimes.overrides()),
  route(setOverride, ({ runtimeName, origin }) => runtimes.setOverride(runtimeName, origin)),
  route(checkConnection, ({ runtimeName }) => runtimes.checkConnection(runtimeName)),
  route(rememberRuntime, async ({ runtimeName }) => {
    await runtimes.remember(runtimeName);
    return { remembered: true as const };
  }),
  route(reportPage, async (report, { sender }) => {
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
  }),
];
