/**
 * Where the extension sends app-proxy calls for a runtime. Codefresh stores `ingressHost` as a full
 * URL (`https://rt.example.com`) but the CLI also copes with a bare host (docs/platform-contract.md §2),
 * so both are accepted. Only https origins come out: the API key travels in the Authorization header.
 */
export interface AppProxyHostSources {
  readonly ingressHost?: string | null;
  readonly internalIngressHost?: string | null;
  /** The user's own choice for this runtime (options page). */
  readonly override?: string | null;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `https://host[:port]` for a URL or bare host, or null when it is not a plain https origin. */
export const toHttpsOrigin = (raw: string | null | undefined): string | null => {
  const text = (raw ?? '').trim();
  if (text === '' || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  // Credentials in a host string are either a mistake or a trick (`https://a.example@b.example`).
  if (url.protocol !== 'https:' || url.hostname === '' || url.username || url.password) return null;
  return url.origin;
};

/**
 * `ingressHost`, else `internalIngressHost`, else the user's override; the first that is a usable
 * https origin wins. The SDK prefers `internalIngressHost`, but that one is documented as "for app
 * proxy usage only" and is often reachable only inside the cluster's network, which a browser is not
 * in (docs/platform-contract.md §2, [INFERRED]); the public host is the better first try.
 */
export const pickAppProxyOrigin = (sources: AppProxyHostSources): string | null =>
  toHttpsOrigin(sources.ingressHost) ??
  toHttpsOrigin(sources.internalIngressHost) ??
  toHttpsOrigin(sources.override);
