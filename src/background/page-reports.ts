import type { PageReport } from '../shared/detect-runtime';
import { MAX_ROW_TEXT, MAX_ROWS } from '../shared/runtime-in-text';
import type { KeyValueArea } from './account-service';

const keyOf = (tabId: number) => `pageReport.${tabId}`;

const isRowText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_ROW_TEXT;

/** A stored report is read back checked, as anything read from storage: a bad entry is no report. */
const parseReport = (value: unknown): PageReport | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, rowTexts, focusedText } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !Array.isArray(rowTexts) || rowTexts.length > MAX_ROWS) return undefined;
  if (!rowTexts.every(isRowText) || (focusedText !== undefined && !isRowText(focusedText))) return undefined;
  return focusedText === undefined ? { url, rowTexts } : { url, rowTexts, focusedText };
};

/**
 * What each Codefresh tab last reported (row texts, the row right-clicked, the URL the browser
 * stamped), kept in storage.session so it survives the worker sleeping but not the browser closing.
 * Never secret.
 */
export const createPageReports = (session: KeyValueArea) => ({
  async put(tabId: number, report: PageReport): Promise<void> {
    await session.set({ [keyOf(tabId)]: report });
  },
  async get(tabId: number): Promise<PageReport | undefined> {
    return parseReport((await session.get(keyOf(tabId)))[keyOf(tabId)]);
  },
  async forget(tabId: number): Promise<void> {
    await session.remove(keyOf(tabId));
  },
});

export type PageReports = ReturnType<typeof createPageReports>;
