import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_GIT_ORIGINS, selfHostedGitOrigin } from '../../../src/shared/constants';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../../manifest.json'), 'utf8'));

describe('built-in Git hosts', () => {
  it('are exactly the Git hosts the manifest grants, so nothing else is assumed reachable', () => {
    const granted = (manifest.host_permissions as string[]).map((p) => p.replace(/\/\*$/, ''));
    expect(BUILT_IN_GIT_ORIGINS.every((o) => granted.includes(o))).toBe(true);
    expect(granted.filter((o) => o !== 'https://g.codefresh.io').sort()).toEqual(
      [...BUILT_IN_GIT_ORIGINS].sort(),
    );
  });

  it.each([
    ['https://api.github.com', null],
    ['https://gitlab.com/api/v4', null],
    ['https://ghe.acme.example/api/v3', 'https://ghe.acme.example'],
    ['https://gitlab.acme.example:8443/api/v4', 'https://gitlab.acme.example:8443'],
    ['http://ghe.acme.example/api/v3', null],
    ['not a url', null],
    [null, null],
  ])('%s needs access to %s', (apiUrl, origin) => {
    expect(selfHostedGitOrigin(apiUrl)).toBe(origin);
  });
});
