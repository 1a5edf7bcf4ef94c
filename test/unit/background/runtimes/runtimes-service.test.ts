import { describe, expect, it } from 'vitest';
import { createRuntimeDetection } from '../../../../src/background/runtimes/runtime-detection';
import { createRuntimesService } from '../../../../src/background/runtimes/runtimes-service';

const listed = [
  { name: 'qa', appProxyOrigin: 'https://qa.acme.example', repo: null },
  { name: 'prod', appProxyOrigin: 'https://prod.acme.example', repo: null },
] as never;

const service = () => {
  const calls: unknown[][] = [];
  const runtimes = createRuntimesService({
    directory: {
      list: async (refresh, firstToAsk) => {
        calls.push(['list', refresh, firstToAsk ? await firstToAsk(listed) : null]);
        return { runtimes: [], stale: false };
      },
      listed: async (firstToAsk) => {
        calls.push(['listed', firstToAsk ? await firstToAsk(listed) : null]);
        return listed;
      },
      forget: async () => {
        calls.push(['forget']);
      },
    },
    detection: createRuntimeDetection({
      pageReport: async (tabId) =>
        tabId === 7 ? { url: 'https://g.codefresh.io/x', rowTexts: ['prod'] } : undefined,
      lastUsed: async () => 'qa',
      platformOrigins: () => ['https://g.codefresh.io'],
    }),
    overrides: {
      read: async () => ({}),
      set: async (name, origin) => {
        calls.push(['set', name, origin]);
        return origin ? { [name]: origin } : {};
      },
    },
    acceptReport: (tabId, report) => calls.push(['accept', tabId, report.url]),
    rememberLastRuntime: async (name) => {
      calls.push(['remember', name]);
    },
    checkConnection: async (name) => ({ runtimeName: name, steps: [] }) as never,
  });
  return { runtimes, calls };
};

describe('the runtimes service (runtimes feature)', () => {
  it('reads the list again from scratch after an app-proxy address changed', async () => {
    const { runtimes, calls } = service();
    expect(await runtimes.setOverride('qa', 'https://qa-public.acme.example')).toEqual({
      qa: 'https://qa-public.acme.example',
    });
    expect(calls).toEqual([['set', 'qa', 'https://qa-public.acme.example'], ['forget']]);
  });

  it("asks the runtime the tab shows first, from the tab's page report", async () => {
    const { runtimes, calls } = service();
    await runtimes.list(true, { url: 'https://g.codefresh.io/2.0/user-settings', tabId: 7 });
    expect(calls).toEqual([['list', true, 'prod']]);
  });

  it('refreshes without a first runtime when no page is named', async () => {
    const { runtimes, calls } = service();
    await runtimes.list(false);
    expect(calls).toEqual([['list', false, null]]);
  });

  it('detects from names and hosts only, with the last runtime used when the page names none', async () => {
    const { runtimes, calls } = service();
    const detection = await runtimes.detect('https://g.codefresh.io/2.0/user-settings');
    expect(detection.runtimeName).toBe('qa');
    expect(calls).toEqual([['listed', 'qa']]);
  });

  it('hands page reports to the intake and remembers the runtime picked', async () => {
    const { runtimes, calls } = service();
    await runtimes.reportPage(7, { url: 'https://g.codefresh.io/x', rowTexts: [] });
    await runtimes.remember('prod');
    expect(calls).toEqual([
      ['accept', 7, 'https://g.codefresh.io/x'],
      ['remember', 'prod'],
    ]);
  });
});
