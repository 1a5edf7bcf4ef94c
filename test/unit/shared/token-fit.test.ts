import { describe, expect, it } from 'vitest';
import type { RuntimeView } from '../../../src/shared/runtime-types';
import { canTakeTokenNow, sameGitApi, tokenFitsRuntime } from '../../../src/shared/token-fit';

const runtime = (over: Partial<RuntimeView> = {}): RuntimeView => ({
  name: 'r',
  namespace: null,
  cluster: null,
  gitProvider: 'GITHUB',
  gitApiUrl: 'https://api.github.com',
  installationStatus: 'COMPLETED',
  healthStatus: null,
  accessMode: 'INGRESS',
  appProxyOrigin: 'https://r.example',
  hostAccess: 'granted',
  repo: null,
  token: { kind: 'none' },
  ...over,
});

describe('tokenFitsRuntime: one rule for the worker, the popup, the menu and replace-everywhere', () => {
  it('needs the same provider and the same Git API, whatever case or trailing slash', () => {
    const token = { provider: 'GITHUB' as const, apiUrl: 'https://GHE.acme.example/api/v3/' };
    expect(tokenFitsRuntime(token, runtime({ gitApiUrl: 'https://ghe.acme.example/api/v3' }))).toBe(true);
    // The same GHE server written without /api/v3 is the same API.
    expect(tokenFitsRuntime(token, runtime({ gitApiUrl: 'https://ghe.acme.example' }))).toBe(true);
    expect(tokenFitsRuntime(token, runtime({ gitApiUrl: 'https://api.github.com' }))).toBe(false);
    expect(tokenFitsRuntime(token, runtime({ gitProvider: 'GITLAB', gitApiUrl: token.apiUrl }))).toBe(false);
    expect(tokenFitsRuntime(token, runtime({ gitApiUrl: null }))).toBe(false);
    expect(tokenFitsRuntime({ provider: null, apiUrl: token.apiUrl }, runtime())).toBe(false);
  });

  it('compares unreadable URLs as text', () => {
    expect(sameGitApi('GITLAB', 'not a url/', 'NOT A URL')).toBe(true);
  });
});

describe('canTakeTokenNow', () => {
  it('is true for an installed runtime with an address, even before host access is granted', () => {
    expect(canTakeTokenNow(runtime())).toBe(true);
    expect(
      canTakeTokenNow(
        runtime({ hostAccess: 'missing', token: { kind: 'unknown', reason: 'no-host-access', message: '' } }),
      ),
    ).toBe(true);
  });

  it.each([
    ['not installed', { installationStatus: 'IN_PROGRESS' as const }],
    ['no address', { appProxyOrigin: null }],
    [
      'an unsupported provider',
      { token: { kind: 'unknown', reason: 'unsupported-provider', message: 'x' } as const },
    ],
  ])('is false for %s', (_name, over) => {
    expect(canTakeTokenNow(runtime(over))).toBe(false);
  });
});
