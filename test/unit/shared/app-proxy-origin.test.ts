import { describe, expect, it } from 'vitest';
import { chooseAppProxyHost, pickAppProxyOrigin, toHttpsOrigin } from '../../../src/shared/app-proxy-origin';

describe('toHttpsOrigin', () => {
  it.each([
    ['https://argo.acme-corp.example', 'https://argo.acme-corp.example'],
    ['https://argo.acme-corp.example/', 'https://argo.acme-corp.example'],
    ['https://argo.acme-corp.example/app-proxy/api/graphql?x=1#y', 'https://argo.acme-corp.example'],
    ['argo.acme-corp.example', 'https://argo.acme-corp.example'],
    ['argo.acme-corp.example/some/path', 'https://argo.acme-corp.example'],
    ['  ARGO.Acme-Corp.example  ', 'https://argo.acme-corp.example'],
    ['argo.acme-corp.example:8443', 'https://argo.acme-corp.example:8443'],
    ['https://argo.acme-corp.example:443', 'https://argo.acme-corp.example'],
    ['HTTPS://argo.acme-corp.example', 'https://argo.acme-corp.example'],
    [
      '64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
      'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
    ],
  ])('%j → %s', (raw, origin) => {
    expect(toHttpsOrigin(raw)).toBe(origin);
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    'http://argo.acme-corp.example',
    'ftp://argo.acme-corp.example',
    'javascript:alert(1)',
    'https://user:pass@argo.acme-corp.example',
    'https://argo.acme-corp.example@evil.example',
    'argo.acme-corp.example@evil.example',
    'https://',
    'argo acme.example',
    'https://exa mple.com',
  ])('refuses %j', (raw) => {
    expect(toHttpsOrigin(raw)).toBeNull();
  });
});

describe('pickAppProxyOrigin', () => {
  it("puts the user's override first, then internalIngressHost, then ingressHost (go-sdk AppProxy())", () => {
    expect(
      chooseAppProxyHost({
        ingressHost: 'https://public.example',
        internalIngressHost: 'https://internal.example',
        override: 'override.example',
      }),
    ).toEqual({ origin: 'https://override.example', source: 'override' });
    expect(
      chooseAppProxyHost({
        ingressHost: 'https://public.example',
        internalIngressHost: 'internal.example',
        override: null,
      }),
    ).toEqual({ origin: 'https://internal.example', source: 'internal-ingress' });
    expect(chooseAppProxyHost({ ingressHost: 'public.example/x', internalIngressHost: '' })).toEqual({
      origin: 'https://public.example',
      source: 'ingress',
    });
    expect(pickAppProxyOrigin({ ingressHost: 'https://public.example', override: 'o.example' })).toBe(
      'https://o.example',
    );
  });

  it('skips a source that is not a usable https origin', () => {
    expect(
      pickAppProxyOrigin({
        ingressHost: 'https://public.example',
        internalIngressHost: 'http://internal.example',
      }),
    ).toBe('https://public.example');
    expect(
      pickAppProxyOrigin({
        ingressHost: 'https://public.example',
        override: 'http://override.example',
      }),
    ).toBe('https://public.example');
  });

  it('gives null when nothing is usable', () => {
    expect(pickAppProxyOrigin({})).toBeNull();
    expect(chooseAppProxyHost({})).toBeNull();
    expect(
      pickAppProxyOrigin({ ingressHost: null, internalIngressHost: '', override: 'http://x.example' }),
    ).toBeNull();
  });
});
