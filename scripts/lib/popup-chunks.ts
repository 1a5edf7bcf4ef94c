// How the build groups the popup's views that load on first use (src/popup/views/lazy-view.tsx):
// every module that only the popup's `import()` calls reach goes into one `popup-later` chunk. One
// file rather than one per view: the first of those views to open fetches them all in one request,
// and the store zip (docs/performance.md, `zipBytes`) does not pay a header and a fresh
// compression window for each small file. Pure, so that vite.config.ts stays declarative.

interface ModuleGraph {
  getModuleInfo(id: string): {
    readonly isEntry: boolean;
    readonly importers: readonly string[];
    readonly dynamicImporters: readonly string[];
  } | null;
}

export const POPUP_LATER_CHUNK = 'popup-later';

const isPopupModule = (id: string) => /[\\/]src[\\/]popup[\\/]/.test(id);

/**
 * `popup-later` for a module that no entry loads through static imports and that some `import()`
 * in src/popup/ reaches; null (the bundler's own placement) for everything else.
 */
export const popupLaterChunk = (id: string, graph: ModuleGraph): string | null => {
  const eager = new Map<string, boolean>();
  // Loaded up front by some entry: the entry itself, or statically imported by such a module.
  const isEager = (m: string, path: Set<string>): boolean => {
    const known = eager.get(m);
    if (known !== undefined) return known;
    const info = graph.getModuleInfo(m);
    if (!info) return false;
    if (path.has(m)) return false;
    path.add(m);
    const result = info.isEntry || info.importers.some((i) => isEager(i, path));
    path.delete(m);
    eager.set(m, result);
    return result;
  };
  // Reached from an `import()` written in the popup, through static imports after it.
  const fromPopupImport = (m: string, seen: Set<string>): boolean => {
    if (seen.has(m)) return false;
    seen.add(m);
    const info = graph.getModuleInfo(m);
    if (!info) return false;
    return info.dynamicImporters.some(isPopupModule) || info.importers.some((i) => fromPopupImport(i, seen));
  };
  if (id.includes('\0') || isEager(id, new Set())) return null;
  return fromPopupImport(id, new Set()) ? POPUP_LATER_CHUNK : null;
};
