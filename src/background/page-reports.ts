import type { KeyValueArea } from './account-service';
import type { PageReport } from './services';

const keyOf = (tabId: number) => `pageReport.${tabId}`;

/**
 * What each Codefresh tab last reported (runtime names in view, the row right-clicked), kept in
 * storage.session so it survives the worker sleeping but not the browser closing. Never secret.
 */
export const createPageReports = (session: KeyValueArea) => ({
  async put(tabId: number, report: PageReport): Promise<void> {
    await session.set({ [keyOf(tabId)]: report });
  },
  async get(tabId: number): Promise<PageReport | undefined> {
    return (await session.get(keyOf(tabId)))[keyOf(tabId)] as PageReport | undefined;
  },
  async forget(tabId: number): Promise<void> {
    await session.remove(keyOf(tabId));
  },
});

export type PageReports = ReturnType<typeof createPageReports>;
