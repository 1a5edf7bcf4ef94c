// The Firefox manifest is the Chromium one with a few build-time changes, made here as a pure
// function so that the rules are tested without a build (test/unit/scripts-manifest-transform.test.ts)
// and so that src/ never forks by browser. vite.config.ts applies it in a post plugin on the manifest
// crxjs renders (after the loader files and hashed chunk names are in place).

/** The add-on id Firefox and its policies know us by. One place; README and docs/firefox.md cite it. */
export const GECKO_ID = 'git-token-manager@codefresh-tools.example';

/**
 * `data_collection_permissions` is understood from Firefox 140 on desktop and 142 on Android; below
 * that, web-ext lint warns, and older versions would install without the data-collection consent.
 */
export const FIREFOX_MIN_VERSION = '142.0';

export type BuildTarget = 'chromium' | 'firefox';

/** `vite build --mode firefox` or `TARGET=firefox vite build`; anything else is the Chromium build. */
export const buildTargetOf = (
  mode: string | undefined,
  env: Record<string, string | undefined>,
): BuildTarget => (mode === 'firefox' || env.TARGET === 'firefox' ? 'firefox' : 'chromium');

export const OUT_DIRS: Readonly<Record<BuildTarget, string>> = { chromium: 'dist', firefox: 'dist-firefox' };

/** The parts of a rendered manifest this module reads or writes; everything else passes through. */
export interface ManifestLike {
  background?: {
    service_worker?: string;
    scripts?: string[];
    type?: string;
    [key: string]: unknown;
  };
  web_accessible_resources?: Array<{ use_dynamic_url?: boolean; [key: string]: unknown }>;
  browser_specific_settings?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Firefox MV3 runs no service worker: the same background module runs as an event page, so the
 * loader crxjs wrote for `service_worker` becomes the one entry of `background.scripts` (keeping
 * `type: "module"`, since the loader is an ES module that imports the hashed chunk).
 */
// Chromium-only keys (`minimum_chrome_version`, `externally_connectable`, `storage.managed_schema`)
// stay: Firefox's schema accepts or ignores them, web-ext lint reports none of them, and keeping
// them keeps the two manifests one diff apart. docs/firefox.md says what Firefox does with each.
export const toFirefoxManifest = <M extends ManifestLike>(manifest: M): M => {
  const out: ManifestLike = structuredClone(manifest);

  if (out.background) {
    const { service_worker: worker, scripts, ...rest } = out.background;
    const entry = scripts && scripts.length > 0 ? scripts : worker ? [worker] : [];
    if (entry.length === 0) throw new Error('manifest background has neither service_worker nor scripts');
    out.background = { ...rest, scripts: entry };
  }

  // Firefox has no `use_dynamic_url`; its extension URLs are already per-install random.
  if (out.web_accessible_resources) {
    out.web_accessible_resources = out.web_accessible_resources.map(({ use_dynamic_url: _, ...war }) => war);
  }

  out.browser_specific_settings = {
    ...out.browser_specific_settings,
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      // The extension sends nothing to its authors or anyone else: tokens go only to the Git host
      // and the Codefresh platform the user chose.
      data_collection_permissions: { required: ['none'] },
    },
  };
  return out as M;
};
