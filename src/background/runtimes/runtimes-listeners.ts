import { defineListeners } from '../browser/listener-dispatch';
import type { PageReports } from './page-reports';

/** What a closed tab last reported (its rows, the row right-clicked) goes with the tab. */
export const runtimesListeners = (pageReports: Pick<PageReports, 'forget'>) =>
  defineListeners({
    feature: 'runtimes',
    tabRemoved: (tabId: number) => pageReports.forget(tabId),
  });
