/**
 * The figures at scale: an account with 200 more GitHub runtimes (`bench-01`…`bench-200`, the
 * simulator's `extraGithubRuntimes`), in its own Chromium and simulator so the 20-runtime figures
 * keep their world. The popup is driven by roles and labels; timings are taken inside the page.
 */
import type { Page } from 'playwright-core';
import { RUNTIME_CACHE_KEY, RUNTIME_SNAPSHOT_KEY } from '../../src/background/runtimes/runtime-cache';
import { paste } from '../../test/e2e/paste';
import { type Stack, signIn } from '../../test/e2e/stack';
import { SEED_TOKENS } from '../../test/simulator/git-providers';
import { appProxyUrlOf, DEMO_API_KEY, SIM_ACCOUNT } from '../../test/simulator/seed';
import { BLANK_PAGE, startStackWithBlankPage } from './browser';
import { resultsAfterNextClick, rowsProbeScript } from './in-page';
import { median, roundMs, withTimeout } from './stats';

export const N_LARGE = 200;
const TOKEN = SEED_TOKENS.githubClassicOk.token;
/** Runtimes of the default seed that a GitHub token fits and that start without one. */
const SEED_MISSING = ['staging', 'sandbox', 'analytics'];
const PAGE = 'https://bench-01.acme-corp.example/';
const POPUP_PAGE = 'src/popup/index.html';
/** The runtime rows that make a first screen: the figure `firstRowsN200Ms` waits for this many. */
export const FIRST_ROWS = 5;
/** What the worker and the popup cache in extension storage; cleared for "nothing cached". */
const CACHE_KEYS = { session: [RUNTIME_CACHE_KEY], local: [RUNTIME_SNAPSHOT_KEY] } as const;
const STEP_MS = 30_000;
const REGISTER = `mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) {
  registerToGitIntegration(args: $args) { name } }`;

export interface LargeFigures {
  readonly listN200Ms: number;
  readonly firstRowsN200Ms: number;
  readonly applyN200Ms: number;
  readonly addButtonTopN200Px: number;
  /** The simulator requests of one list, for the table. */
  readonly listRequests: string;
  readonly runs: { readonly list: number; readonly apply: number };
}

export interface LargeOptions {
  readonly rttMs: number;
  readonly listRuns: number;
  readonly applyRuns: number;
  readonly log: (line: string) => void;
  readonly summarize: (entries: ReturnType<Stack['simulator']['sim']['log']>) => string;
}

export const runLargeBench = async (options: LargeOptions): Promise<LargeFigures> => {
  const stack = await startStackWithBlankPage({ rttMs: options.rttMs, extraGithubRuntimes: N_LARGE }, '');
  try {
    return await measure(stack, options);
  } finally {
    await withTimeout('Closing Chromium and the simulator', 20_000, stack.close()).catch((error) =>
      options.log(`warning: ${error instanceof Error ? error.message : error}`),
    );
  }
};

const measure = async (stack: Stack, options: LargeOptions): Promise<LargeFigures> => {
  const { log } = options;
  const { sim } = stack.simulator;
  const { context } = stack.ext;
  // The runtimes the platform lists to the signed-in key (seeds of other accounts are not among them).
  const total = sim.runtimes.filter((r) => r.accountId === SIM_ACCOUNT.id).length;
  await context.addInitScript(rowsProbeScript(total, FIRST_ROWS));
  const controller = await context.newPage();
  await controller.goto(stack.ext.extensionUrl(BLANK_PAGE));

  const forgetCaches = () =>
    controller.evaluate(async (keys) => {
      await chrome.storage.session.remove([...keys.session]);
      await chrome.storage.local.remove([...keys.local]);
    }, CACHE_KEYS);

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
    await forgetCaches();
  };

  const openBeside = async (page: Page): Promise<Page> => {
    const url = stack.ext.extensionUrl(POPUP_PAGE);
    await page.bringToFront();
    const [opened] = await Promise.all([
      context.waitForEvent('page', { predicate: (p) => p.url().startsWith(url), timeout: STEP_MS }),
      controller.evaluate((u) => chrome.tabs.create({ url: u, active: false }).then(() => undefined), url),
    ]);
    await opened.waitForLoadState('domcontentloaded', { timeout: STEP_MS });
    return opened;
  };

  /** Resolves to the probe's marks once every runtime's state is shown. */
  const rowsShown = async (popup: Page) => {
    const handle = await popup
      .waitForFunction(() => (window as { __benchAllRowsAt?: number }).__benchAllRowsAt, undefined, {
        timeout: STEP_MS,
        polling: 50,
      })
      .catch((error: unknown) => {
        throw new Error(
          `The popup never showed all ${total} runtimes' states: ${error instanceof Error ? error.message : error}`,
        );
      });
    const all = (await handle.jsonValue()) as number;
    const first = await popup.evaluate(() => (window as { __benchFirstRowsAt?: number }).__benchFirstRowsAt);
    const probed = await popup.evaluate(() => (window as { __benchRowsProbe?: unknown }).__benchRowsProbe);
    if (probed !== true || first === undefined) return null;
    return { all, first };
  };

  const settled = (popup: Page) =>
    popup
      .getByRole('button', { name: 'Refresh', exact: true })
      .waitFor({ state: 'visible', timeout: STEP_MS });

  log(`Signing in with ${N_LARGE} more runtimes…`);
  const page = await stack.open(PAGE);
  await prepareWorld();
  const first = await openBeside(page);
  await first.getByLabel('Codefresh API key').waitFor({ timeout: STEP_MS });
  await signIn(first);
  await rowsShown(first);
  await settled(first);
  await first.close();

  log(`Opening the popup with nothing cached, ${options.listRuns} times (${total} runtimes)…`);
  const listTimes: number[] = [];
  const firstTimes: number[] = [];
  let listRequests = '';
  for (let run = 0; run < options.listRuns; run++) {
    await forgetCaches();
    const before = sim.log().length;
    const popup = await openBeside(page);
    const marks = await rowsShown(popup);
    await settled(popup);
    listRequests = options.summarize(sim.log().slice(before));
    await popup.close();
    if (!marks) {
      log('  (the popup was ready before the probe was attached; that open is not timed)');
      run--;
      continue;
    }
    listTimes.push(marks.all);
    firstTimes.push(marks.first);
  }
  log(`  listN200Ms ${median(listTimes)}, firstRowsN200Ms ${median(firstTimes)}`);

  log(`Adding one token to ${N_LARGE} runtimes through the popup, ${options.applyRuns} times…`);
  const applyTimes: number[] = [];
  let addButtonTop = Number.NaN;
  for (let run = 0; run < options.applyRuns; run++) {
    await prepareWorld();
    const popup = await openBeside(page);
    // The largest toolbar popup is 800 × 600; the layout is checked at the width it opens with.
    await popup.setViewportSize({ width: 380, height: 600 });
    await rowsShown(popup);
    await settled(popup);
    await paste(popup, 'Git personal access token', TOKEN);
    // The primary action once a token checks out, in the action bar: one click adds it everywhere.
    const primary = popup.getByRole('button', { name: `Add to all ${N_LARGE} missing` });
    await primary.waitFor({ timeout: STEP_MS });
    if (run === 0) {
      addButtonTop = await primary.evaluate((button) => Math.round(button.getBoundingClientRect().top));
    }
    const done = popup.evaluate<number>(resultsAfterNextClick(N_LARGE, STEP_MS));
    await primary.click();
    applyTimes.push(await done);
    // The popup reads the list again after an add; the next run's reset must not race that read.
    await settled(popup);
    const registered = sim.runtimes.filter(
      (r) => r.name.startsWith('bench-') && sim.registrations(r.name).length > 0,
    ).length;
    if (registered !== N_LARGE) {
      throw new Error(`The simulator holds the token on ${registered} of ${N_LARGE} runtimes`);
    }
    await popup.close();
  }
  log(`  applyN200Ms ${median(applyTimes)}, addButtonTopN200Px ${addButtonTop}`);
  await page.close();
  const errors = stack.ext.pageErrors;
  if (errors.length > 0) throw new Error(`Extension pages threw:\n${errors.join('\n')}`);
  if (Number.isNaN(addButtonTop)) throw new Error('The popup showed no primary action after the check');

  return {
    listN200Ms: roundMs(median(listTimes)),
    firstRowsN200Ms: roundMs(median(firstTimes)),
    applyN200Ms: roundMs(median(applyTimes)),
    addButtonTopN200Px: addButtonTop,
    listRequests,
    runs: { list: listTimes.length, apply: applyTimes.length },
  };
};
