import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness';

// The build plugin rewrites the manifest (loader files, hashed chunk names, web-accessible
// resources), so the snapshot is taken of what ships, with hashes normalised.
const builtManifest = () =>
  JSON.parse(
    readFileSync(join(DIST, 'manifest.json'), 'utf8').replace(/-[A-Za-z0-9_-]{8}\.js/g, '-[hash].js'),
  );

describe('the built manifest', () => {
  it('matches its snapshot', () => {
    expect(builtManifest()).toMatchSnapshot();
  });

  it('keeps the promises of the security model', () => {
    const manifest = builtManifest();
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_security_policy.extension_pages).toBe(
      "script-src 'self'; object-src 'none'; connect-src https:",
    );
    expect(manifest.externally_connectable).toEqual({ ids: [] });
    // Nothing of ours is exposed to web pages: they could use it to detect the extension.
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.permissions).not.toContain('tabs');
    expect(manifest.permissions).not.toContain('<all_urls>');
    expect(manifest.host_permissions).not.toContain('https://*/*');
  });

  it('ships the admin policy schema it names (Chromium refuses to load without it)', () => {
    const { managed_schema: schemaFile } = builtManifest().storage;
    expect(readFileSync(join(DIST, schemaFile), 'utf8')).toBe(
      readFileSync(join(DIST, '..', 'managed_schema.json'), 'utf8'),
    );
  });
});
