// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

interface Report {
  url: string;
  runtimeNames: string[];
  focusedRuntime?: string;
}

/** Loads the content script on a page with `html` at `url`, recording what it reports. */
const loadOn = async (url: string, html: string) => {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.body.innerHTML = html;
  const reports: Report[] = [];
  vi.stubGlobal('chrome', {
    runtime: {
      sendMessage: async (message: { payload: Report }) => {
        reports.push(message.payload);
        return { ok: true, value: { received: true } };
      },
    },
  });
  vi.resetModules();
  await import('../../../src/content/codefresh-page.ts' as string);
  return reports;
};

const settled = () => new Promise((r) => setTimeout(r, 400));

describe('the content script on Codefresh pages', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('reads runtime names from nested elements in the Runtime column', async () => {
    const reports = await loadOn(
      'https://g.codefresh.io/2.0/user-settings',
      `<table><thead><tr><th><span>Runtime</span></th><th>Token</th></tr></thead><tbody>
        <tr><td><div><span> production </span></div></td><td>••••a1b2</td></tr>
        <tr><td><a href="#"><b>staging</b></a></td><td></td></tr></tbody></table>`,
    );
    expect(reports[0]?.runtimeNames).toEqual(['production', 'staging']);
  });

  it('names the runtime of the right-clicked row', async () => {
    const reports = await loadOn(
      'https://g.codefresh.io/2.0/user-settings',
      `<table><thead><tr><th>Runtime</th><th></th></tr></thead><tbody>
        <tr><td>production</td><td><button>Delete Token</button></td></tr>
        <tr><td>staging</td><td><button>+Add Token</button></td></tr></tbody></table>`,
    );
    document.querySelectorAll('button')[1]!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(reports.at(-1)?.focusedRuntime).toBe('staging');
  });

  it('uses the Name column on the runtimes list, and only there', async () => {
    const table = `<table><thead><tr><th>Name</th><th>Cluster</th></tr></thead><tbody>
        <tr><td>production</td><td>prod-eks</td></tr></tbody></table>`;
    expect(
      (await loadOn('https://g.codefresh.io/2.0/account-settings/runtimes', table))[0]?.runtimeNames,
    ).toEqual(['production']);
    expect((await loadOn('https://g.codefresh.io/2.0/pipelines', table))[0]?.runtimeNames).toEqual([]);
  });

  it('reports again when the page re-renders its rows', async () => {
    const reports = await loadOn(
      'https://g.codefresh.io/2.0/user-settings',
      `<table><thead><tr><th>Runtime</th></tr></thead><tbody><tr><td>production</td></tr></tbody></table>`,
    );
    document.querySelector('tbody')!.innerHTML = '<tr><td>production</td></tr><tr><td>sandbox</td></tr>';
    await settled();
    expect(reports.at(-1)?.runtimeNames).toEqual(['production', 'sandbox']);
  });
});
