import { type CodefreshPageKind, parseCodefreshUrl } from './codefresh-url';
import { onRuntimeHost, parseUrl as parse } from './runtime-host';
import { runtimeNamedBy, runtimesNamedByRows } from './runtime-in-text';
import type { RuntimeView } from './runtime-types';

export type DetectedPage = CodefreshPageKind | 'runtime-host' | 'git-repo' | 'other';
export type DetectionSignal = 'url' | 'runtime-host' | 'git-repo' | 'page-content' | 'last-used' | 'none';

/**
 * What a Codefresh tab last reported (its content script never sees secrets): row texts, the text of
 * the row right-clicked, and the URL the browser stamped on the message.
 */
export interface PageReport {
  readonly url: string;
  readonly rowTexts: readonly string[];
  readonly focusedText?: string;
}

export interface DetectInput {
  /** The active tab's URL. */
  readonly url: string;
  readonly platformOrigins: readonly string[];
  readonly runtimes: readonly Pick<RuntimeView, 'name' | 'appProxyOrigin' | 'repo'>[];
  readonly pageReport?: PageReport;
  readonly lastUsed?: string;
}

export interface Detection {
  readonly page: DetectedPage;
  /** Always the name of a runtime in `runtimes`. */
  readonly runtimeName?: string;
  readonly signal: DetectionSignal;
}

/**
 * The repository root of an installation repo URL. Codefresh may store it argocd-autopilot style,
 * `https://github.com/org/repo.git/some/path?ref=main`, so everything from `.git/` on is dropped.
 */
const repoRoot = (repo: string | null): { origin: string; path: string } | null => {
  const url = parse(repo);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    return null;
  let path = url.pathname;
  const dotGit = path.toLowerCase().indexOf('.git/');
  if (dotGit >= 0) path = path.slice(0, dotGit);
  path = path.replace(/\/+$/, '').replace(/\.git$/i, '');
  // A bare host is not a repository; matching it would claim every page on the Git host.
  if (path.split('/').filter(Boolean).length < 2) return null;
  return { origin: url.origin, path: path.toLowerCase() };
};

/** Length of the matched repo path when the tab is inside the repo (path-boundary safe), else 0. */
const repoMatch = (tab: URL, repo: string | null): number => {
  const root = repoRoot(repo);
  if (!root || root.origin !== tab.origin) return 0;
  const path = tab.pathname
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return path === root.path || path.startsWith(`${root.path}/`) ? root.path.length : 0;
};

/** The one runtime the predicate picks, or undefined when none or several do. */
const only = <T>(items: readonly T[]): T | undefined => (items.length === 1 ? items[0] : undefined);

/**
 * Which runtime the user is most likely looking at, from the strongest signal that names a known
 * runtime: the Codefresh URL, the runtime's own host, its installation repository, what the content
 * script saw on the page, the runtime used last. Ambiguous signals (two runtimes on one host or repo)
 * are skipped rather than guessed. No signal → `{ signal: 'none' }` and the popup shows a picker.
 */
export const detectRuntime = (input: DetectInput): Detection => {
  const known = new Set(input.runtimes.map((r) => r.name));
  const tab = parse(input.url);
  const codefresh = parseCodefreshUrl(input.url, input.platformOrigins);

  const hostRuntimes = tab ? input.runtimes.filter((r) => onRuntimeHost(tab, r.appProxyOrigin)) : [];
  const repoMatches = tab
    ? input.runtimes
        .map((r) => ({ name: r.name, length: repoMatch(tab, r.repo) }))
        .filter((m) => m.length > 0)
    : [];
  const longest = Math.max(0, ...repoMatches.map((m) => m.length));
  const repoRuntimes = repoMatches.filter((m) => m.length === longest);

  const page: DetectedPage = codefresh
    ? codefresh.kind
    : hostRuntimes.length > 0
      ? 'runtime-host'
      : repoRuntimes.length > 0
        ? 'git-repo'
        : 'other';

  const found = (runtimeName: string | undefined, signal: DetectionSignal): Detection | null =>
    runtimeName !== undefined && known.has(runtimeName) ? { page, runtimeName, signal } : null;

  return (
    found(codefresh?.runtimeName, 'url') ??
    found(only(hostRuntimes)?.name, 'runtime-host') ??
    found(only(repoRuntimes)?.name, 'git-repo') ??
    fromPageReport(input, tab, found) ??
    found(input.lastUsed, 'last-used') ?? { page, signal: 'none' }
  );
};

const fromPageReport = (
  input: DetectInput,
  tab: URL | null,
  found: (name: string | undefined, signal: DetectionSignal) => Detection | null,
): Detection | null => {
  const report = input.pageReport;
  const reported = parse(report?.url);
  // A report from another page (the user switched tabs or navigated) says nothing about this one.
  if (!report || !tab || !reported || reported.origin !== tab.origin || tab.origin === 'null') return null;
  const names = input.runtimes.map((r) => r.name);
  const focused = report.focusedText ? runtimeNamedBy(report.focusedText, names) : null;
  if (focused) return found(focused, 'page-content');
  return found(only(runtimesNamedByRows(report.rowTexts, names)), 'page-content');
};
