import { describe, expect, it } from 'vitest';
import { runPooled } from '../../../../src/background/network/request-pool';

/** A request that stays open until `release()`; records who was in flight when it started. */
const gate = () => {
  const open: { host: string | null; release: () => void }[] = [];
  const started: string[] = [];
  let most = 0;
  const perHostMost = new Map<string, number>();
  const run = (item: { name: string; host: string | null }) =>
    new Promise<string>((resolve) => {
      started.push(item.name);
      const entry = { host: item.host, release: () => resolve(item.name) };
      open.push(entry);
      most = Math.max(most, open.length);
      if (item.host) {
        const here = open.filter((o) => o.host === item.host).length;
        perHostMost.set(item.host, Math.max(perHostMost.get(item.host) ?? 0, here));
      }
    }).finally(() => {
      open.splice(
        open.findIndex((o) => o.host === item.host),
        1,
      );
    });
  const releaseAll = async () => {
    while (open.length > 0) {
      for (const o of [...open]) o.release();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { run, started, open, releaseAll, most: () => most, perHostMost };
};

const items = (count: number, hostOf: (i: number) => string | null) =>
  Array.from({ length: count }, (_, i) => ({ name: `rt-${i}`, host: hostOf(i) }));

describe('runPooled: app-proxy requests within an overall and a per-host bound', () => {
  it('keeps at most 16 in flight overall when every runtime has its own host', async () => {
    const g = gate();
    const list = items(200, (i) => `rt-${i}.example`);
    const done = runPooled(list, { limit: 16, perHost: 4 }, (x) => x.host, g.run);
    await new Promise((r) => setTimeout(r, 0));
    expect(g.open).toHaveLength(16);
    expect(g.started).toEqual(list.slice(0, 16).map((x) => x.name));
    await g.releaseAll();
    expect(await done).toEqual(list.map((x) => x.name));
    expect(g.most()).toBe(16);
  });

  it('keeps at most 4 in flight to one host, and lets other hosts use the free slots', async () => {
    const g = gate();
    // Ten runtimes behind one ingress, then ten on their own hosts.
    const list = items(20, (i) => (i < 10 ? 'shared.example' : `own-${i}.example`));
    const done = runPooled(list, { limit: 16, perHost: 4 }, (x) => x.host, g.run);
    await new Promise((r) => setTimeout(r, 0));
    expect(g.open.filter((o) => o.host === 'shared.example')).toHaveLength(4);
    expect(g.open).toHaveLength(14);
    await g.releaseAll();
    expect(await done).toEqual(list.map((x) => x.name));
    expect(g.perHostMost.get('shared.example')).toBe(4);
  });

  it('does not count items without a host against any host, and handles an empty list', async () => {
    const g = gate();
    const list = items(6, () => null);
    const done = runPooled(list, { limit: 16, perHost: 1 }, (x) => x.host, g.run);
    await new Promise((r) => setTimeout(r, 0));
    expect(g.open).toHaveLength(6);
    await g.releaseAll();
    expect(await done).toHaveLength(6);
    await expect(runPooled([], { limit: 16, perHost: 4 }, () => null, g.run)).resolves.toEqual([]);
  });

  it('rejects after the requests in flight settled, and starts no new one after a failure', async () => {
    const started: number[] = [];
    const run = async (i: number) => {
      started.push(i);
      if (i === 1) throw new Error('boom');
      await new Promise((r) => setTimeout(r, 5));
      return i;
    };
    await expect(runPooled([0, 1, 2, 3, 4], { limit: 2, perHost: 2 }, () => 'h', run)).rejects.toThrow(
      'boom',
    );
    expect(started).toEqual([0, 1]);
  });
});
