import { describe, expect, it } from 'vitest';
import { forgetRevokedHosts, type HostRevocationDeps } from '../../../src/background/host-revocation';

const setup = (platform = 'https://codefresh.acme.example') => {
  const tokens = [
    { id: 'ghe', apiUrl: 'https://ghe.acme.example/api/v3', login: 'mona', lastFour: 'aaaa' },
    { id: 'gh', apiUrl: 'https://api.github.com', login: 'octocat', lastFour: 'bbbb' },
  ];
  const told: string[][] = [];
  let left = false;
  const deps: HostRevocationDeps = {
    platform: { current: () => platform, isDefault: () => platform === 'https://g.codefresh.io' },
    leavePlatform: async () => {
      left = true;
    },
    savedTokens: async () => tokens,
    removeToken: async (id) => {
      tokens.splice(
        tokens.findIndex((t) => t.id === id),
        1,
      );
    },
    tell: async (forgotten) => {
      told.push([...forgotten]);
    },
  };
  return { deps, tokens, told, left: () => left };
};

describe('when the user withdraws host access in the browser', () => {
  it('forgets the saved tokens for that Git host only, and says which', async () => {
    const { deps, tokens, told } = setup();
    await forgetRevokedHosts(deps, ['https://ghe.acme.example/*']);
    expect(tokens.map((t) => t.id)).toEqual(['gh']);
    expect(told).toEqual([['mona ···aaaa (https://ghe.acme.example)']]);
  });

  it('forgets the self-hosted platform it was using', async () => {
    const { deps, told, left } = setup();
    await forgetRevokedHosts(deps, ['https://codefresh.acme.example/*']);
    expect(left()).toBe(true);
    expect(told).toEqual([['https://codefresh.acme.example']]);
  });

  it('changes nothing and stays quiet for hosts nothing depended on', async () => {
    const { deps, tokens, told, left } = setup('https://g.codefresh.io');
    await forgetRevokedHosts(deps, ['https://argo.acme.example/*', 'https://g.codefresh.io/*']);
    expect(tokens).toHaveLength(2);
    expect(left()).toBe(false);
    expect(told).toEqual([]);
  });
});
