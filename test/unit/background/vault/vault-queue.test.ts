// The ordering primitives under the vault and the saved-token gate (vault-queue.ts).
import { describe, expect, it } from 'vitest';
import { createSerial, createSharedExclusive } from '../../../../src/background/vault/vault-queue';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createSerial', () => {
  it('runs one at a time in call order, and a failure does not stop the next', async () => {
    const serial = createSerial();
    const events: string[] = [];
    const gate = deferred();
    const first = serial(async () => {
      events.push('first:start');
      await gate.promise;
      events.push('first:end');
      throw new Error('first failed');
    });
    const second = serial(async () => void events.push('second'));
    gate.resolve();
    await expect(first).rejects.toThrow('first failed');
    await second;
    expect(events).toEqual(['first:start', 'first:end', 'second']);
  });
});

describe('createSharedExclusive', () => {
  it('shared runs overlap; an exclusive one waits for those under way, and later shared ones wait for it', async () => {
    const gate = createSharedExclusive();
    const events: string[] = [];
    const started = deferred();
    const release = deferred();
    const underWay = gate.shared(async () => {
      events.push('add:start');
      started.resolve();
      await release.promise;
      events.push('add:end');
    });
    // A second shared run starts beside the first, without waiting for it.
    await gate.shared(async () => void events.push('other add'));
    await started.promise;
    const replacing = gate.exclusive(async () => void events.push('replace'));
    const later = gate.shared(async () => void events.push('later add'));
    release.resolve();
    await Promise.all([underWay, replacing, later]);
    expect(events).toEqual(['add:start', 'other add', 'add:end', 'replace', 'later add']);
  });

  it('a failed run releases the gate for the next', async () => {
    const gate = createSharedExclusive();
    await expect(gate.shared(async () => Promise.reject(new Error('add failed')))).rejects.toThrow();
    await expect(gate.exclusive(async () => Promise.reject(new Error('replace failed')))).rejects.toThrow();
    expect(await gate.shared(async () => 'next')).toBe('next');
  });
});
