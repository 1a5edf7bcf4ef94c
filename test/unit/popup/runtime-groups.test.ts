import { describe, expect, it } from 'vitest';
import { groupRuntimes, matchesFilter } from '../../../src/popup/runtime-groups';
import { runtime } from './fake-popup-api';

const down = { kind: 'unknown', reason: 'app-proxy-down', message: 'down' } as const;

describe('runtimes grouped by what they need', () => {
  const list = [
    runtime('production', { token: { kind: 'valid' } }),
    runtime('staging'),
    runtime('qa', { token: down }),
    runtime('ops', { token: { kind: 'invalid' } }),
    runtime('sandbox'),
  ];

  it('puts missing tokens first, then invalid, fine and unavailable, each in the platform order', () => {
    const { groups } = groupRuntimes(list, [], '');
    expect(groups.map((g) => [g.group, g.runtimes.map((r) => r.name)])).toEqual([
      ['needs-token', ['staging', 'sandbox']],
      ['invalid', ['ops']],
      ['fine', ['production']],
      ['unavailable', ['qa']],
    ]);
  });

  it('leaves out empty groups and filters rows and names still being read by name', () => {
    const { groups, checking } = groupRuntimes(list, ['stage-2', 'dev'], ' STAG ');
    expect(groups.map((g) => [g.group, g.runtimes.map((r) => r.name)])).toEqual([
      ['needs-token', ['staging']],
    ]);
    expect(checking).toEqual(['stage-2']);
  });

  it('matches a name containing the filter, ignoring case', () => {
    expect(matchesFilter('Bench-042', 'bench-04')).toBe(true);
    expect(matchesFilter('bench-042', '')).toBe(true);
    expect(matchesFilter('bench-042', 'prod')).toBe(false);
  });
});
