/**
 * Whether a tab is on a runtime's own (app-proxy) host. Its own module so the popup's first paint
 * (popup/last-known.ts) can use it without loading all of detect-runtime.ts.
 */
export const parseUrl = (raw: string | null | undefined): URL | null => {
  if (!raw) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/** The runtime's own host: exact origin (scheme, host, port), https only. */
export const onRuntimeHost = (tab: URL, appProxyOrigin: string | null): boolean => {
  const host = parseUrl(appProxyOrigin);
  return (
    tab.protocol === 'https:' && host !== null && host.protocol === 'https:' && host.origin === tab.origin
  );
};

/** The same for a tab's address. */
export const isOnRuntimeHost = (url: string, appProxyOrigin: string | null): boolean => {
  const tab = parseUrl(url);
  return tab !== null && onRuntimeHost(tab, appProxyOrigin);
};
