// Named zz- so it sorts (and runs, the e2e suite is sequential) last. It runs its own realistic
// session rather than reading other files' leftovers: sign in, check and add a token, reuse the
// saved copy, a refused token, a runtime that refuses the token while quoting it back, on several
// pages (a Codefresh page with the content script, runtime hosts). Then it scans everything a
// token could leak into and fails on any full test secret or on `SIMLEAK` with more than four
// characters after it (the simulator's log keeps `…` + last four, which is allowed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from '../simulator/git-providers';
import { API_KEYS, DEMO_API_KEY, SIM_ACCOUNT, SIM_USER } from '../simulator/seed';
import { DIST } from './harness';
import { type Stack, signIn, startStack } from './stack';

const SECRETS: readonly string[] = [...Object.values(SEED_TOKENS).map((s) => s.token), ...API_KEYS.keys()];
/** The marker followed by more than four characters of a secret's alphabet: more than last-four. */
const MARKER_RUN = /SIMLEAK[A-Za-z0-9_\-=/+.]{5,}/;

const GOOD = SEED_TOKENS.githubClassicOk.token;
const SECOND = SEED_TOKENS.githubClassicNoExpiry.token;
const tunnel = (runtime: string) => `https://${SIM_ACCOUNT.id}-${runtime}.tunnels.cf-cd.com`;

/** Every place in `text` where a secret (or a long marker run) shows, with a little context. */
const leaksIn = (where: string, text: string): string[] => {
  const found: string[] = [];
  for (const secret of SECRETS) {
    const at = text.indexOf(secret);
    if (at >= 0)
      found.push(`${where}: full secret …${secret.slice(-4)} near "${text.slice(Math.max(0, at - 40), at)}"`);
  }
  const run = MARKER_RUN.exec(text);
  if (run) found.push(`${where}: marker run "${run[0].slice(0, 12)}…" at ${run.index}`);
  return found;
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

const runtimeRow = (popup: Page, name: string) =>
  popup.getByRole('region', { name: 'Runtimes' }).getByRole('listitem').filter({ hasText: name });
const results = (popup: Page) => popup.getByRole('region', { name: 'Results' });

/** Everything a page's own script can see: its HTML, every attribute, and window messages. */
const WATCH_PAGE = () => {
  const seen: string[] = [];
  Object.defineProperty(window, '__leakScanSeen', { value: seen });
  window.addEventListener('message', (event) => {
    try {
      seen.push(JSON.stringify(event.data));
    } catch {
      seen.push(String(event.data));
    }
  });
};

describe('the leak scan after a realistic session', () => {
  let stack: Stack;
  let codefreshPage: Page;
  let popup: Page;
  let optionsPage: Page;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('runs a realistic session: sign in, a refused token, add and keep, reuse, a failing add', async () => {
    const { ext, simulator } = stack;

    // A Codefresh page with the content script, watched from the page's own (main) world.
    codefreshPage = await ext.context.newPage();
    await codefreshPage.addInitScript(WATCH_PAGE);
    await codefreshPage.goto('https://g.codefresh.io/2.0/account-settings/runtimes');

    // Sign in from the Codefresh page.
    popup = await stack.popupFor(codefreshPage);
    await signIn(popup);
    await expect.poll(() => runtimeRow(popup, 'production').count()).toBe(1);
    await popup.close();

    // A refused token (401 from GitHub), then a good one added to staging and kept.
    popup = await stack.popupFor(await stack.open(`${tunnel('staging')}/workflows/`));
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('staging');
    await popup.getByLabel('Git personal access token').fill(SEED_TOKENS.githubBad.token);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await expect.poll(() => popup.getByRole('alert').count()).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Dismiss' }).first().click();
    await popup.getByLabel('Git personal access token').fill(GOOD);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await expect.poll(() => popup.getByText('octocat').count()).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Add to staging' }).click();
    await expect.poll(() => results(popup).textContent()).toContain('Added');
    await popup.close();

    // Reuse the saved copy on another runtime, from that runtime's own host.
    popup = await stack.popupFor(await stack.open('https://sandbox.acme-corp.example/workflows/'));
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('sandbox');
    await popup.getByRole('button', { name: 'Use on sandbox' }).click();
    await expect.poll(() => results(popup).textContent()).toContain('Added');
    await popup.close();

    // A failing add: the app-proxy refuses the token and quotes it back in its error text.
    const analyticsHost = new URL(tunnel('analytics')).host;
    simulator.sim.inject({
      host: analyticsHost,
      operationName: 'RegisterToGitIntegration',
      status: 200,
      body: JSON.stringify({ data: null, errors: [{ message: `token ${SECOND} was refused by GitHub` }] }),
      times: 1,
    });
    popup = await stack.popupFor(await stack.open(`${tunnel('analytics')}/workflows/`));
    await expect.poll(() => popup.getByLabel('Codefresh runtime').inputValue()).toBe('analytics');
    await popup.getByLabel('Git personal access token').fill(SECOND);
    await popup.getByRole('button', { name: 'Check token' }).click();
    await expect.poll(() => popup.getByText('octocat').count()).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Add to analytics' }).click();
    await expect.poll(() => results(popup).textContent()).toContain('did not accept the token');
    // This popup stays open: its DOM after sending is scanned below.

    // The Codefresh page re-renders (a right-click reports the row under the pointer).
    await codefreshPage.bringToFront();
    await codefreshPage.getByText('production', { exact: true }).first().click({ button: 'right' });

    // The options page: the API key entered there again (checked, then kept in the vault).
    optionsPage = await stack.open(ext.extensionUrl('src/options/index.html'));
    await optionsPage.getByLabel('New Codefresh API key').fill(DEMO_API_KEY);
    await optionsPage.getByRole('button', { name: 'Check and save key' }).click();
    await expect.poll(() => optionsPage.getByText('API key checked and saved.').count()).toBe(1);

    // Sanity check of what is scanned below.
    const registered = (runtime: string) =>
      stack.simulator.sim.registrations(runtime).find((r) => r.userId === SIM_USER.id);
    expect(registered('staging')?.tokenLastFour).toBe(GOOD.slice(-4));
    expect(registered('sandbox')?.tokenLastFour).toBe(GOOD.slice(-4));
    expect(registered('analytics')).toBeUndefined();
    const operations = stack.simulator.sim.log().map((e) => e.operationName);
    expect(operations).toContain('RegisterToGitIntegration');
  });

  it('finds no secret in console output, the request log, storage, persisted UI state, the popup DOM or dist/', async () => {
    const { ext, simulator } = stack;
    const leaks: string[] = [];
    // The scanner itself: a full secret and a long marker run are caught, a last-four redaction is not.
    expect(leaksIn('self-test', `x ${GOOD} y`)).toHaveLength(2);
    expect(leaksIn('self-test', `SIMLEAKCAT9A`)).toHaveLength(1);
    expect(leaksIn('self-test', `Authorization: token …${GOOD.slice(-4)}`)).toEqual([]);

    // Console of every context (pages, content script, worker) and uncaught page errors.
    for (const entry of ext.consoleEntries) leaks.push(...leaksIn(`console ${entry.context}`, entry.text));
    leaks.push(...leaksIn('page errors', ext.pageErrors.join('\n')));

    // The simulator's request log: only last-four redactions may be there.
    const log = JSON.stringify(simulator.sim.log());
    leaks.push(...leaksIn('request log', log));
    expect(log).toContain(`…${GOOD.slice(-4)}`);

    // storage.local / sync / session, dumped from the worker.
    const dumps = await ext.worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: await chrome.storage.session.get(null),
    }));
    for (const [area, dump] of Object.entries(dumps))
      leaks.push(...leaksIn(`storage.${area}`, JSON.stringify(dump)));
    expect(Object.keys(dumps.local).length).toBeGreaterThan(0);
    // Nothing of the vault belongs in sync storage.
    expect(JSON.stringify(dumps.sync)).not.toMatch(/vault|token|apiKey/i);

    // The popup after sending: persisted UI state, DOM text and HTML, input values.
    const ui = await popup.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      html: document.documentElement.outerHTML,
      text: document.body.textContent ?? '',
      inputs: Array.from(document.querySelectorAll('input, textarea')).map(
        (e) => (e as HTMLInputElement).value,
      ),
    }));
    leaks.push(...leaksIn('popup localStorage', ui.local));
    leaks.push(...leaksIn('popup sessionStorage', ui.session));
    leaks.push(...leaksIn('popup HTML', ui.html));
    leaks.push(...leaksIn('popup text', ui.text));
    leaks.push(...leaksIn('popup inputs', ui.inputs.join('\n')));
    // The options page after the API key was sent: its field is empty, nothing shows the key.
    const options = await optionsPage.evaluate(() => ({
      html: document.documentElement.outerHTML,
      inputs: Array.from(document.querySelectorAll('input')).map((e) => e.value),
      local: JSON.stringify({ ...localStorage }),
    }));
    leaks.push(...leaksIn('options HTML', options.html));
    leaks.push(...leaksIn('options inputs', options.inputs.join('\n')));
    leaks.push(...leaksIn('options localStorage', options.local));

    // IndexedDB (extension origin): keys only, each a non-extractable CryptoKey.
    const idb = await popup.evaluate(async () => {
      const out: { text: string; keys: { type: string; extractable: boolean }[] } = { text: '', keys: [] };
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(info.name!);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        for (const storeName of Array.from(db.objectStoreNames)) {
          const values = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(storeName).objectStore(storeName).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          out.text += JSON.stringify(values, (_k, value) => {
            if (value instanceof CryptoKey) {
              out.keys.push({ type: value.type, extractable: value.extractable });
              return '[CryptoKey]';
            }
            return value;
          });
        }
        db.close();
      }
      return out;
    });
    leaks.push(...leaksIn('IndexedDB', idb.text));
    expect(idb.keys.length).toBeGreaterThan(0);
    expect(idb.keys.every((k) => !k.extractable)).toBe(true);

    // Every file of the built extension.
    for (const file of filesUnder(DIST)) leaks.push(...leaksIn(`dist ${file}`, readFileSync(file, 'latin1')));

    expect(leaks).toEqual([]);
  });

  it('shows a Codefresh page nothing secret in its DOM or window messages after a full flow', async () => {
    const seen = await codefreshPage.evaluate(() => {
      const attributes = Array.from(document.querySelectorAll('*')).flatMap((element) =>
        Array.from(element.attributes).map((a) => `${a.name}=${a.value}`),
      );
      return {
        html: document.documentElement.outerHTML,
        attributes: attributes.join('\n'),
        messages: ((window as unknown as { __leakScanSeen?: string[] }).__leakScanSeen ?? []).join('\n'),
        // The page's main world has no extension messaging: `chrome.runtime.sendMessage` to us is not exposed.
        canMessage: typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
          ?.runtime?.sendMessage,
      };
    });
    expect([
      ...leaksIn('Codefresh page HTML', seen.html),
      ...leaksIn('Codefresh page attributes', seen.attributes),
      ...leaksIn('Codefresh page window messages', seen.messages),
    ]).toEqual([]);
    expect(seen.html).not.toMatch(/SIMLEAK/);
    expect(seen.canMessage).toBe('undefined');
  });
});
