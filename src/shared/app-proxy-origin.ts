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

/** Which of the sources gave the address, so the UI and a diagnostics report can say why. */
export type AppProxyHostSource = 'override' | 'internal-ingress' | 'ingress';

export interface AppProxyHostChoice {
  readonly origin: string;
  readonly source: AppProxyHostSource;
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
 * The order go-sdk's `AppProxy()` uses (pkg/codefresh/codefresh.go: `internalIngressHost` when set,
 * else `ingressHost`; docs/platform-contract.md §2), with the user's override in front of both so a
 * wrong choice can always be fixed. With an internal ingress the docs move `/app-proxy/` to the
 * internal host and leave only webhooks on the external one, so the external host is the last resort.
 */
const ORDER: readonly [AppProxyHostSource, keyof AppProxyHostSources][] = [
  ['override', 'override'],
  ['internal-ingress', 'internalIngressHost'],
  ['ingress', 'ingressHost'],
];

/** The first source that is a usable https origin, and which one it was; null when none is. */
export const chooseAppProxyHost = (sources: AppProxyHostSources): AppProxyHostChoice | null => {
  for (const [source, field] of ORDER) {
    const origin = toHttpsOrigin(sources[field]);
    if (origin) return { origin, source };
  }
  return null;
};

/** `chooseAppProxyHost`'s origin alone. */
export const pickAppProxyOrigin = (sources: AppProxyHostSources): string | null =>
  chooseAppProxyHost(sources)?.origin ?? null;
