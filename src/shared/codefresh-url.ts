/**
 * Codefresh web UI routes the extension recognises, in one table so a newly seen route is one line
 * (docs/platform-contract.md §5). Paths are matched segment by segment: `/2.0/user-settings-evil` is not
 * `/2.0/user-settings`.
 */
export type CodefreshPageKind = 'pat-settings' | 'runtimes' | 'other-codefresh';

export interface CodefreshRoute {
  readonly kind: Exclude<CodefreshPageKind, 'other-codefresh'>;
  /** Tested against the URL's pathname; a named group `runtime` carries a runtime name. */
  readonly path: RegExp;
  /** Why the route is here (a doc reference, or [INFERRED]). */
  readonly source: string;
}

/** Earlier entries win, so specific paths come before patterns that would also match them. */
export const CODEFRESH_ROUTES: readonly CodefreshRoute[] = [
  { kind: 'pat-settings', path: /^\/2\.0\/user-settings(?:\/|$)/, source: 'docs git-tokens.md' },
  {
    kind: 'pat-settings',
    path: /^\/2\.0\/git-personal-access-token(?:\/|$)/,
    source: 'docs before c5399396 (2025-02-06)',
  },
  {
    kind: 'runtimes',
    path: /^\/2\.0\/account-settings\/runtimes\/info(?:\/|$)/,
    source: 'docs: /2.0/account-settings/runtimes/info/list',
  },
  // [INFERRED] No documented route names a runtime (docs/platform-contract.md §5). This slot is where a
  // per-runtime page would go once one is seen in the live UI; until then it may never match.
  {
    kind: 'runtimes',
    path: /^\/2\.0\/account-settings\/runtimes\/(?<runtime>[^/]+)(?:\/|$)/,
    source: '[INFERRED] per-runtime page',
  },
  { kind: 'runtimes', path: /^\/2\.0\/account-settings\/runtimes\/?$/, source: 'docs: runtimes list' },
];

export interface CodefreshPage {
  readonly kind: CodefreshPageKind;
  /** A runtime named by the route, as written in the URL (decoded); not checked against the list. */
  readonly runtimeName?: string;
}

const MAX_NAME_LENGTH = 253;

const originOf = (raw: string): string | null => {
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
};

const decodeName = (segment: string): string | undefined => {
  try {
    const name = decodeURIComponent(segment).trim();
    return name.length > 0 && name.length <= MAX_NAME_LENGTH ? name : undefined;
  } catch {
    return undefined;
  }
};

/** Same origin as a platform origin (scheme, host and port, compared after URL parsing). */
export const isPlatformUrl = (url: URL, platformOrigins: readonly string[]): boolean =>
  url.origin !== 'null' && platformOrigins.some((p) => originOf(p) === url.origin);

/**
 * What Codefresh page `rawUrl` is, or null when it is not on one of `platformOrigins`.
 * Origins are compared after parsing, so `https://g.codefresh.io.evil.example`,
 * `https://g.codefresh.io@evil.example` and `http://g.codefresh.io` are not the platform.
 */
export const parseCodefreshUrl = (
  rawUrl: string,
  platformOrigins: readonly string[],
): CodefreshPage | null => {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (!isPlatformUrl(url, platformOrigins)) return null;
  for (const route of CODEFRESH_ROUTES) {
    const match = route.path.exec(url.pathname);
    if (!match) continue;
    const segment = match.groups?.runtime;
    const runtimeName = segment === undefined ? undefined : decodeName(segment);
    return runtimeName ? { kind: route.kind, runtimeName } : { kind: route.kind };
  }
  return { kind: 'other-codefresh' };
};
