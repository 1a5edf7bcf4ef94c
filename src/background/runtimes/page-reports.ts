import type { PageReport } from '../../shared/detect-runtime';
import type { KeyValueArea } from '../account/account-service';
import { memberKey, readStored, STORED, writeStored } from '../storage/storage-keys';

const keyOf = (tabId: number) => memberKey(STORED.pageReport, tabId);

/**
 * What each Codefresh tab last reported (row texts, the row right-clicked, the URL the browser
 * stamped), kept in storage.session so it survives the worker sleeping but not the browser closing.
 * Never secret.
 */
export const createPageReports = (session: KeyValueArea) => ({
  async put(tabId: number, report: PageReport): Promise<void> {
    await writeStored(session, STORED.pageReport, report, keyOf(tabId));
  },
  async get(tabId: number): Promise<PageReport | undefined> {
    // Read back checked, as anything read from storage: a bad entry is no report.
    return readStored(session, STORED.pageReport, keyOf(tabId));
  },
  async forget(tabId: number): Promise<void> {
    await session.remove(keyOf(tabId));
  },
});

export type PageReports = ReturnType<typeof createPageReports>;
