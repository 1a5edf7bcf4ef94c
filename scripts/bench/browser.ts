/**
 * The figures that need the real extension: the production build in headless Chromium against the
 * simulator (test/e2e/stack.ts), with `rttMs` added to every answer of every fake host and 20 extra
 * GitHub runtimes (`bench-01`…`bench-20`). The popup is driven by roles and labels, as a user and
 * the e2e tests do; timings are taken inside the page with performance.now(), so Playwright's own
 * round trips are not part of them.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { RUNTIME_CACHE_KEY, RUNTIME_SNAPSHOT_KEY } from '../../src/background/runtimes/runtime-cache';
import { DIST } from '../../test/e2e/harness';
import { paste } from '../../test/e2e/paste';
import { type Stack, signIn, startStack } from '../../test/e2e/stack';
import { SEED_TOKENS } from '../../test/simulator/git-providers';
import { appProxyUrlOf, DEMO_API_KEY } from '../../test/simulator/seed';
import { probeScript, resultsAfterNextClick, sequentialApplies } from './in-page';
import { median, roundMs, withTimeout } from './stats';
import { workerStopper } from './worker-stop';

export const N = 20;
const TOKEN = SEED_TOKENS.githubClassicOk.token;
/** Runtimes of the default seed that a GitHub token fits and that start without one. */
const SEED_MISSING = ['staging', 'sandbox', 'analytics'];
const BENCH_NAMES = Array.from({ length: N }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
const DETECT_PAGE = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';
const DETECTED = 'staging';
const N20_PAGE = 'https://bench-01.acme-corp.example/';
/** A blank extension page, written into the copy of dist/ the browser loads (never into src/). */
export const BLANK_PAGE = 'bench-blank.html';
const BLANK_SCRIPT = 'bench-blank.js';
const POPUP_PAGE = 'src/popup/index.html';
const STEP_MS = 30_000;

export interface BrowserFigures {
  readonly popupInteractiveMs: number;
  /** The same open right after the worker was stopped (storage.session kept). */
  readonly popupColdMs: number;
  /** The same with storage.session cleared before the stop, as after a browser restart. */
  readonly popupRestartMs: number;
  readonly blankPageMs: number;
  readonly applyN20Ms: number;
  readonly sequentialN20Ms: number;
  readonly validateRequestsGithubClassic: number;
  readonly requestsPerRuntimeAdd: number;
  readonly userActionsN20: number;
  /** What else the apply window held, for the table (e.g. `RegisterToGitIntegration × 20`). */
  readonly applyRequests: string;
  readonly validateRequests: string;
  /** The same for one sequential run of N single-runtime applies. */
  readonly sequentialRequests: string;
  readonly runs: {
    readonly open: number;
    readonly cold: number;
    readonly restart: number;
    readonly apply: number;
    readonly sequential: number;
  };
}

export interface BrowserOptions {
  readonly rttMs: number;
  readonly openRuns: number;
  readonly applyRuns: number;
  readonly sequentialRuns: number;
  readonly log: (line: string) => void;
}

const BLANK_HTML = `<!doctype html>
<html lang="en" data-bench-blank>
  <head><meta charset="utf-8" /><script src="${BLANK_SCRIPT}"></script><title>Blank</title></head>
  <body><main><label for="git-token">Token</label> <input id="git-token" type="password" /></main></body>
</html>
`;

const REGISTER = `mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) {
  registerToGitIntegration(args: $args) { name } }`;

/**
 * Starts the simulator and Chromium with the blank page in the extension copy the harness loads
 * (it copies dist/ for the granted origins); the page is removed from dist/ again at once.
 */
export const startStackWithBlankPage = async (
  options: Parameters<typeof startStack>[0],
  probeDetected: string,
): Promise<Stack> => {
  const blankInDist = [join(DIST, BLANK_PAGE), join(DIST, BLANK_SCRIPT)] as const;
  writeFileSync(blankInDist[0], BLANK_HTML);
  writeFileSync(blankInDist[1], `${probeScript(probeDetected)};\n`);
  try {
    return await withTimeout('Starting the simulator and Chromium', 60_000, startStack(options));
  } finally {
    for (const file of blankInDist) rmSync(file, { force: true });
  }
};

export const runBrowserBench = async (options: BrowserOptions): Promise<BrowserFigures> => {
  const { rttMs, log } = options;
  const stack = await startStackWithBlankPage({ rttMs, extraGithubRuntimes: N }, DETECTED);
  try {
    return await measure(stack, options);
  } finally {
    await withTimeout('Closing Chromium and the simulator', 20_000, stack.close()).catch((error) =>
      log(`warning: ${error instanceof Error ? error.message : error}`),
    );
  }
};

const measure = async (stack: Stack, options: BrowserOptions): Promise<BrowserFigures> => {
  const { log } = options;
  const { sim } = stack.simulator;
  const { context } = stack.ext;
  await context.addInitScript(probeScript(DETECTED));
  // Tabs are opened and storage is cleared from an extension page of our own, not through the
  // worker: the worker is stopped on purpose below, and a page does not keep it awake.
  const controller = await context.newPage();
  await controller.goto(stack.ext.extensionUrl(BLANK_PAGE));
  const stopper = await workerStopper(context, controller);

  /** Gives the seed runtimes that would also be "missing" a token one, so that preset means the 20. */
  const prepareWorld = async () => {
    sim.reset();
    await Promise.all(
      SEED_MISSING.map(async (name) => {
        const seed = sim.runtimes.find((r) => r.name === name);
        const url = seed && appProxyUrlOf(seed);
        if (!url) throw new Error(`The simulator has no ${name} runtime`);
        const response = await sim.fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: DEMO_API_KEY },
          body: JSON.stringify({ query: REGISTER, variables: { args: { token: TOKEN } } }),
        });
        if (!response.ok) throw new Error(`Preparing ${name} failed: HTTP ${response.status}`);
      }),
    );
    // The worker's cached list describes the world before the reset; forget it (setup, not measured).
    await controller.evaluate(
      async ([session, local]) => {
        await chrome.storage.session.remove(session);
        await chrome.storage.local.remove(local);
      },
      [RUNTIME_CACHE_KEY, RUNTIME_SNAPSHOT_KEY] as const,
    );
  };

  /** Opens an extension page as a background tab beside `page`, as stack.popupFor does. */
  const openBeside = async (page: Page, path: string): Promise<Page> => {
    const url = stack.ext.extensionUrl(path);
    await page.bringToFront();
    const [opened] = await Promise.all([
      context.waitForEvent('page', { predicate: (p) => p.url().startsWith(url), timeout: STEP_MS }),
      controller.evaluate((u) => chrome.tabs.create({ url: u, active: false }).then(() => undefined), url),
    ]);
    return opened;
  };

  const readyAt = async (page: Page, what: string): Promise<number> => {
    const handle = await page
      .waitForFunction(() => (window as { __benchReadyAt?: number }).__benchReadyAt, undefined, {
        timeout: STEP_MS,
        polling: 50,
      })
      .catch((error: unknown) => {
        throw new Error(
          `${what} never became interactive (see the probe in scripts/bench/in-page.ts): ${error instanceof Error ? error.message : error}`,
        );
      });
    return (await handle.jsonValue()) as number;
  };

  /**
   * Opens `path` beside `page` and times it. Now and then Playwright attaches to a tab after it
   * was parsed and the init script runs late; if the page was already interactive by then (or the
   * script never ran), that open cannot be timed and is retried.
   */
  const openAndTime = async (page: Page, path: string, what: string) => {
    for (let attempt = 1; ; attempt++) {
      const opened = await openBeside(page, path);
      await opened.waitForLoadState('domcontentloaded', { timeout: STEP_MS });
      const probed = await opened.evaluate(
        () => (window as { __benchProbe?: boolean }).__benchProbe === true,
      );
      if (probed) return { page: opened, ms: await readyAt(opened, what) };
      await opened.close();
      if (attempt === 3) throw new Error(`${what}: the timing probe did not load in 3 attempts`);
      log(`  (${what} was ready before the probe was attached; opening it again)`);
    }
  };

  /** Waits until the runtime list is neither loading nor refreshing. */
  const settled = (popup: Page) =>
    popup
      .getByRole('button', { name: 'Refresh', exact: true })
      .waitFor({ state: 'visible', timeout: STEP_MS });

  const n20Page = await stack.open(N20_PAGE);
  /** The popup beside bench-01's page, once it has picked bench-01 and finished loading the list. */
  const openOnBench01 = async () => {
    const popup = await openBeside(n20Page, POPUP_PAGE);
    await popup.waitForLoadState('domcontentloaded', { timeout: STEP_MS });
    // No named inner functions here: tsx would add helpers the page does not have (see in-page.ts).
    await popup.waitForFunction(
      (name) => (document.getElementById('runtime-picker') as HTMLSelectElement | null)?.value === name,
      BENCH_NAMES[0],
      { timeout: STEP_MS, polling: 50 },
    );
    await settled(popup);
    return popup;
  };

  // --- Sign in once, as a returning user has (fills the worker's runtime cache). ---
  log('Signing in and caching the runtime list…');
  await prepareWorld();
  const blankTab = await context.newPage();
  const first = await openBeside(blankTab, POPUP_PAGE);
  await first.getByLabel('Codefresh API key').waitFor({ timeout: STEP_MS });
  await signIn(first);
  await first.getByRole('listitem').filter({ hasText: 'bench-20' }).waitFor({ timeout: STEP_MS });
  await settled(first);
  await first.close();

  // --- popupInteractiveMs and blankPageMs, interleaved, after one warm-up of each. ---
  log(`Opening the popup and the blank page ${options.openRuns} times each…`);
  const detectPage = await stack.open(DETECT_PAGE);
  const popupTimes: number[] = [];
  const blankTimes: number[] = [];
  for (let run = -1; run < options.openRuns; run++) {
    const { page: popup, ms: popupMs } = await openAndTime(detectPage, POPUP_PAGE, 'The popup');
    await settled(popup);
    await popup.close();
    const { page: blank, ms: blankMs } = await openAndTime(detectPage, BLANK_PAGE, 'The blank page');
    await blank.close();
    if (run >= 0) {
      popupTimes.push(popupMs);
      blankTimes.push(blankMs);
    }
  }
  await detectPage.close();
  log(`  popupInteractiveMs ${median(popupTimes)}, blankPageMs ${median(blankTimes)}`);

  // --- applyN20Ms: the UI flow, counting the user's actions as they are performed. ---
  log(`Adding one token to ${N} runtimes through the popup, ${options.applyRuns} times…`);
  const applyTimes: number[] = [];
  const validateCounts: number[] = [];
  const perRuntime: number[] = [];
  let userActions = 0;
  let applyRequests = '';
  let validateRequests = '';
  for (let run = 0; run < options.applyRuns; run++) {
    await prepareWorld();
    let actions = 0;
    const popup = await openOnBench01();

    const beforeValidate = sim.log().length;
    // One paste: the popup checks a pasted token at once.
    await paste(popup, 'Git personal access token', TOKEN);
    actions++;
    // The one click the popup offers as soon as the token checks out.
    const add = popup.getByRole('button', { name: `Add to all ${N} missing` });
    await add.waitFor({ timeout: STEP_MS });
    const validateLog = sim.log().slice(beforeValidate);
    validateCounts.push(validateLog.length);
    validateRequests = summarize(validateLog);

    // Time from the click's event to the moment all N results are in the Results region.
    const done = popup.evaluate<number>(resultsAfterNextClick(N, STEP_MS));
    const beforeApply = sim.log().length;
    await add.click();
    actions++;
    applyTimes.push(await done);
    const applyLog = sim.log().slice(beforeApply);
    // The popup reads the list again after an add; the next run's reset must not race that read.
    await settled(popup);
    applyRequests = summarize(applyLog);
    const benchHosts = new Set(BENCH_NAMES.map((n) => `${n}.acme-corp.example`));
    perRuntime.push(applyLog.filter((e) => benchHosts.has(e.host)).length / N);

    const results = popup.locator('ul.results > li');
    const added = await results.filter({ hasText: 'Added' }).count();
    if (added !== N) throw new Error(`Only ${added} of ${N} runtimes report "Added"`);
    const registered = BENCH_NAMES.filter((name) => sim.registrations(name).length > 0).length;
    if (registered !== N) throw new Error(`The simulator holds the token on ${registered} of ${N} runtimes`);
    userActions = actions;
    await popup.close();
  }

  // --- sequentialN20Ms: the same apply message, one runtime at a time. ---
  log(`Adding it to the ${N} runtimes one at a time, ${options.sequentialRuns} times…`);
  const sequentialTimes: number[] = [];
  let sequentialRequests = '';
  for (let run = 0; run < options.sequentialRuns; run++) {
    await prepareWorld();
    const popup = await openOnBench01();
    const beforeSequential = sim.log().length;
    const outcome = await withTimeout(
      'The sequential adds',
      STEP_MS * 2,
      popup.evaluate<{ ms?: number; error?: string }>(sequentialApplies(TOKEN, BENCH_NAMES)),
    );
    if (outcome.ms === undefined) throw new Error(`Sequential add failed: ${outcome.error}`);
    sequentialTimes.push(outcome.ms);
    sequentialRequests = summarize(sim.log().slice(beforeSequential));
    await popup.close();
  }
  await n20Page.close();

  // --- popupColdMs and popupRestartMs: the same open after the worker was stopped. ---
  const coldOpens = async (what: string, clearSession: boolean) => {
    log(`Opening the popup ${options.openRuns} times right after stopping the worker (${what})…`);
    const page = await stack.open(DETECT_PAGE);
    const times: number[] = [];
    for (let run = -1; run < options.openRuns; run++) {
      if (clearSession) await controller.evaluate(() => chrome.storage.session.clear());
      await stopper.stop();
      const { page: popup, ms } = await openAndTime(page, POPUP_PAGE, `The popup (${what})`);
      await settled(popup);
      await popup.close();
      if (run >= 0) times.push(ms);
    }
    await page.close();
    return times;
  };
  const coldTimes = await coldOpens('storage.session kept', false);
  log(`  popupColdMs ${median(coldTimes)}`);
  const restartTimes = await coldOpens('storage.session cleared', true);
  log(`  popupRestartMs ${median(restartTimes)}`);

  const errors = stack.ext.pageErrors;
  if (errors.length > 0) throw new Error(`Extension pages threw:\n${errors.join('\n')}`);

  return {
    popupInteractiveMs: roundMs(median(popupTimes)),
    popupColdMs: roundMs(median(coldTimes)),
    popupRestartMs: roundMs(median(restartTimes)),
    blankPageMs: roundMs(median(blankTimes)),
    applyN20Ms: roundMs(median(applyTimes)),
    sequentialN20Ms: roundMs(median(sequentialTimes)),
    validateRequestsGithubClassic: median(validateCounts),
    requestsPerRuntimeAdd: median(perRuntime),
    userActionsN20: userActions,
    applyRequests,
    validateRequests,
    sequentialRequests,
    runs: {
      open: popupTimes.length,
      cold: coldTimes.length,
      restart: restartTimes.length,
      apply: applyTimes.length,
      sequential: sequentialTimes.length,
    },
  };
};

/** `host operation × count` for a slice of the simulator log, for the table. */
export const summarize = (
  entries: readonly { host: string; method: string; path: string; operationName?: string }[],
) => {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const host = /^bench-\d+\./.test(e.host) ? 'bench-NN' : e.host;
    const key = `${e.method} ${host} ${e.operationName ?? e.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} × ${n}`).join('; ') || 'none';
};
