import { describe, expect, it } from 'vitest';
import sourceManifest from '../../manifest.json' with { type: 'json' };
import {
  buildTargetOf,
  FIREFOX_MIN_VERSION,
  GECKO_ID,
  type ManifestLike,
  OUT_DIRS,
  toFirefoxManifest,
} from '../../scripts/lib/manifest-transform';

/** The shape crxjs renders for the Chromium build (see the e2e manifest snapshot). */
const rendered = (): ManifestLike => ({
  ...structuredClone(sourceManifest),
  background: { service_worker: 'service-worker-loader.js', type: 'module' },
  content_scripts: [{ matches: ['https://g.codefresh.io/*'], js: ['assets/content-abc12345.js'] }],
});

describe('toFirefoxManifest', () => {
  it('runs the service-worker loader as a module background script', () => {
    expect(toFirefoxManifest(rendered()).background).toEqual({
      scripts: ['service-worker-loader.js'],
      type: 'module',
    });
  });

  it('keeps background scripts a build already set', () => {
    const m = { ...rendered(), background: { scripts: ['bg.js'], type: 'module' } };
    expect(toFirefoxManifest(m).background).toEqual({ scripts: ['bg.js'], type: 'module' });
  });

  it('refuses a background with nothing to run', () => {
    expect(() => toFirefoxManifest({ ...rendered(), background: { type: 'module' } })).toThrow(/background/);
  });

  it('adds the gecko id, the Firefox floor and "no data collected"', () => {
    expect(toFirefoxManifest(rendered()).browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
    });
    // data_collection_permissions needs 140 on desktop and 142 on Android.
    expect(Number.parseFloat(FIREFOX_MIN_VERSION)).toBeGreaterThanOrEqual(142);
    expect(GECKO_ID).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+$/);
  });

  it('drops use_dynamic_url, which Firefox does not have, and nothing else of a resource', () => {
    const m = {
      ...rendered(),
      web_accessible_resources: [
        { matches: ['https://g.codefresh.io/*'], resources: ['assets/a.js'], use_dynamic_url: false },
      ],
    };
    expect(toFirefoxManifest(m).web_accessible_resources).toEqual([
      { matches: ['https://g.codefresh.io/*'], resources: ['assets/a.js'] },
    ]);
  });

  it('changes nothing else: permissions, hosts, CSP, pages and policy schema are the same', () => {
    const input = rendered();
    const { background: _b, browser_specific_settings: _s, ...rest } = toFirefoxManifest(input);
    const { background: _ib, ...inputRest } = input;
    expect(rest).toEqual(inputRest);
    expect(rest.storage).toEqual({ managed_schema: 'managed_schema.json' });
  });

  it('does not modify its input', () => {
    const input = rendered();
    const before = structuredClone(input);
    toFirefoxManifest(input);
    expect(input).toEqual(before);
  });
});

describe('buildTargetOf', () => {
  it('is Firefox for --mode firefox or TARGET=firefox, Chromium otherwise', () => {
    expect(buildTargetOf('firefox', {})).toBe('firefox');
    expect(buildTargetOf('production', { TARGET: 'firefox' })).toBe('firefox');
    expect(buildTargetOf('production', {})).toBe('chromium');
    expect(buildTargetOf(undefined, { TARGET: 'chrome' })).toBe('chromium');
  });

  it('keeps the Chromium build in dist/ and the Firefox one beside it', () => {
    expect(OUT_DIRS).toEqual({ chromium: 'dist', firefox: 'dist-firefox' });
  });
});
