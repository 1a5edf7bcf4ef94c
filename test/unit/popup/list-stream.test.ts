import { describe, expect, it } from 'vitest';
import { arrivedRuntime, listedNames } from '../../../src/popup/list-stream';
import { runtime } from './fake-popup-api';

describe('a streamed runtime list', () => {
  it('keeps the rows it knows until their new state arrives, and drops runtimes the platform no longer lists', () => {
    const known = { runtimes: [runtime('a'), runtime('gone')], checking: [] };
    expect(listedNames(known, ['a', 'b'])).toEqual({ runtimes: [runtime('a')], checking: ['b'] });
  });

  it('puts an arriving runtime in the platform order and out of "checking"', () => {
    const order = ['a', 'b', 'c'];
    const list = arrivedRuntime({ runtimes: [runtime('c')], checking: ['a', 'b'] }, runtime('a'), order);
    expect(list.runtimes.map((r) => r.name)).toEqual(['a', 'c']);
    expect(list.checking).toEqual(['b']);
    const updated = { ...runtime('c'), token: { kind: 'valid' as const } };
    expect(arrivedRuntime(list, updated, order).runtimes.at(-1)).toEqual(updated);
  });
});
