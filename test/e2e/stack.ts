import type { Page } from 'playwright-core';
import { BITBUCKET_DC_HOST, GHE_HOST } from '../simulator/git-providers';
import { DEMO_API_KEY, SELF_HOSTED_PLATFORM_HOST, SIM_USER } from '../simulator/seed';
import { type RunningSimulator, startSimulator } from '../simulator/server';
import { type ExtensionSession, launchExtension } from './harness';

export interface Stack {
  readonly simulator: RunningSimulator;
  readonly ext: ExtensionSession;
  /** Opens the popup as the user would see it for `page`: that page stays the active tab. */
  popupFor(page: Page): Promise<Page>;
  /** Opens a page on a simulator host in a fresh tab. */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The simulator plus Chromium with the built extension, wired by host mapping so the production
 * build talks to the real host names. The runtime hosts and self-hosted Git hosts are granted as
 * if the user had clicked Allow (see harness.ts for why a prompt cannot be answered headless).
 */
export interface StackOptions {
  readonly rttMs?: number;
  readonly headed?: boolean;
  /** The simulator's extra `bench-NN` GitHub runtimes (their hosts are granted like the others). */
  readonly extraGithubRuntimes?: number;
  /** The browser's UI language, e.g. `de` (see LaunchOptions.lang). */
  readonly lang?: string;
  /** acme-gitlab's own `production` beside acme's (SimulatorOptions.sameNamedRuntime); its host is granted. */
  readonly sameNamedRuntime?: boolean;
}

export const startStack = async (options: StackOptions = {}): Promise<Stack> => {
  const simulator = await startSimulator({
    ...(options.rttMs !== undefined ? { rttMs: options.rttMs } : {}),
    ...(options.extraGithubRuntimes ? { extraGithubRuntimes: options.extraGithubRuntimes } : {}),
    ...(options.sameNamedRuntime ? { sameNamedRuntime: true } : {}),
  });
  // sim.runtimeHosts is RUNTIME_HOSTS plus the extra runtimes' hosts, if any.
  const grantedOrigins = [
    ...simulator.sim.runtimeHosts,
    GHE_HOST,
    BITBUCKET_DC_HOST,
    SELF_HOSTED_PLATFORM_HOST,
  ].map((host) => `https://${host}`);
  let ext: ExtensionSession;
  try {
    ext = await launchExtension({
      hostResolverRules: simulator.hostResolverRules,
      grantedOrigins,
      ...(options.headed ? { headed: true } : {}),
      ...(options.lang ? { lang: options.lang } : {}),
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const popupUrl = ext.extensionUrl('src/popup/index.html');

  return {
    simulator,
    ext,
    async popupFor(page) {
      await page.bringToFront();
      // A tab opened in the background of the same window: `tabs.query({active, currentWindow})`
      // from the popup then answers `page`, exactly as when the toolbar button is clicked.
      const [popup] = await Promise.all([
        ext.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(popupUrl) }),
        ext.worker.evaluate(
          (url) => chrome.tabs.create({ url, active: false }).then(() => undefined),
          popupUrl,
        ),
      ]);
      await popup.waitForLoadState('domcontentloaded');
      return popup;
    },
    async open(url) {
      const page = await ext.context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await ext.close();
      await simulator.close();
    },
  };
};

/** Signs in through the popup's own form, as a first-time user does. */
export const signIn = async (popup: Page, apiKey = DEMO_API_KEY) => {
  await popup.getByLabel('Codefresh API key').fill(apiKey);
  await popup.getByRole('button', { name: 'Check and save key' }).click();
};

/** The demo user's registration on `runtime`, as the simulated app-proxy holds it (or undefined). */
export const aliceOn = (stack: Stack, runtime: string) =>
  stack.simulator.sim.registrations(runtime).find((r) => r.userId === SIM_USER.id);

const STAGING_PAGE = 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/';

/** Signs in, then adds `token` to staging and sandbox through the popup and keeps it, as a user would. */
export const keepOnStagingAndSandbox = async (stack: Stack, token: string) => {
  const popup = await stack.popupFor(await stack.open(STAGING_PAGE));
  await signIn(popup);
  await popup.getByLabel('Git personal access token').fill(token);
  await popup.getByRole('button', { name: 'Check token' }).click();
  await popup.getByLabel('sandbox').check();
  await popup.getByRole('button', { name: 'Add to 2 runtimes' }).click();
  await popup.getByRole('region', { name: 'Results' }).getByText('Added').first().waitFor();
  await popup.close();
};
