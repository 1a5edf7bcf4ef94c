import * as v from 'valibot';
import { MAX_ROW_TEXT, MAX_ROWS } from '../runtime-in-text';
import { defineMessage } from './define';

/** What a tab shows, asked by the popup and reported by the content script on Codefresh pages. */

const MAX_URL = 2048;
const rowText = v.pipe(v.string(), v.maxLength(MAX_ROW_TEXT));

/** Which runtime the given tab shows, and which signal said so. */
export interface Detection {
  readonly page: string;
  readonly runtimeName?: string;
  readonly signal: string;
}

export const detectRuntime = defineMessage<Detection>()(
  'page/detect',
  v.object({
    url: v.pipe(v.string(), v.maxLength(MAX_URL)),
    tabId: v.optional(v.pipe(v.number(), v.integer())),
  }),
);

/**
 * A Codefresh page reports what it shows: the text of the rows in view and of the row under the last
 * right-click; the worker decides which runtimes that text names. The only message a content script
 * may send that changes state, and it carries no secret in either direction. The page's address is
 * not part of it: the worker takes the one the browser stamped on the message.
 */
export const reportPage = defineMessage<{ readonly received: true }>()(
  'page/report',
  v.object({
    rowTexts: v.pipe(v.array(rowText), v.maxLength(MAX_ROWS)),
    focusedText: v.optional(rowText),
  }),
  'content-scripts-too',
);
