import type { Runtime } from 'webextension-polyfill';

export type SenderKind = 'extension-page' | 'content-script' | 'rejected';

export interface SenderGuardConfig {
  /** Our own id, as the browser reports it. */
  readonly extensionId: string;
  /** Our own pages' origin, from `extensionOriginOf(runtime.getURL('/'))`. */
  readonly extensionOrigin: string;
  /** Codefresh platform origins whose pages may host our content script. */
  readonly platformOrigins: readonly string[];
}

const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // Node and some engines answer "null" for non-special schemes; rebuild it from protocol and host.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
};

/**
 * The origin of the extension's own pages. Built from a URL the browser gives us, not from the id:
 * Chromium's pages live at `chrome-extension://<id>`, but Firefox's at `moz-extension://<uuid>`,
 * a random per-profile UUID that is not `runtime.id`.
 */
export const extensionOriginOf = (rootUrl: string): string => {
  const origin = originOf(rootUrl);
  if (!origin) throw new Error(`runtime.getURL gave an unreadable URL: ${rootUrl}`);
  return origin;
};

/**
 * Classifies a message sender using only what the browser stamps on it.
 *
 * Extension pages (popup, options) are recognised by their URL origin, not by the absence of
 * `sender.tab`: the options page and a popup opened as a tab both have a tab. Content scripts
 * must come from a tab whose frame is on a Codefresh platform origin. When the browser gives
 * `sender.origin` too, it must agree with `sender.url`; a disagreement means someone tried to
 * pass one off as the other.
 */
export const classifySender = (sender: Runtime.MessageSender, config: SenderGuardConfig): SenderKind => {
  if (sender.id !== config.extensionId) return 'rejected';
  const urlOrigin = originOf(sender.url);
  if (!urlOrigin) return 'rejected';
  const stampedOrigin = (sender as { origin?: string }).origin;
  if (stampedOrigin !== undefined && stampedOrigin !== urlOrigin) return 'rejected';

  if (urlOrigin === config.extensionOrigin) return 'extension-page';
  if (sender.tab && urlOrigin.startsWith('https://') && config.platformOrigins.includes(urlOrigin)) {
    return 'content-script';
  }
  return 'rejected';
};
