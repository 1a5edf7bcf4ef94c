import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { locateChromium } from '../../scripts/find-chromium.mjs';

export const DIST = resolve(import.meta.dirname, '../../dist');

export interface ConsoleEntry {
  readonly context: string;
  readonly type: string;
  readonly text: string;
}

export interface LaunchOptions {
  /** Host names to send to the simulator, e.g. `MAP g.codefresh.io 127.0.0.1:1234, …`. */
  readonly hostResolverRules?: string;
  /**
   * Origins the user has already granted (optional host permissions). A permission prompt cannot
   * be accepted in headless Chromium, so the test loads a copy of the built extension whose
   * manifest lists them under `host_permissions`: the state after the user clicked Allow. The code
   * under test is unchanged; the snapshot test checks the real manifest.
   */
  readonly grantedOrigins?: readonly string[];
  /** A visible window instead of headless (the demo, with a display). */
  readonly headed?: boolean;
  /** The browser's UI language (`--lang`), which picks the extension's `_locales` catalogue. */
  readonly lang?: string;
}

export interface ExtensionSession {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly worker: Worker;
  readonly consoleEntries: ConsoleEntry[];
  readonly pageErrors: string[];
  extensionUrl(path: string): string;
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A temporary copy of a built extension whose manifest grants `origins` up front, as if the user
 * had allowed them: a permission prompt cannot be answered headless. Shared with the Firefox harness.
 */
export const copyWithGrantedOrigins = (
  sourceDir: string,
  origins: readonly string[],
): { dir: string; manifest: Record<string, unknown>; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'gtm-ext-'));
  cpSync(sourceDir, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...origins.map((o) => `${o}/*`)];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { dir, manifest, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

const prepareExtensionCopy = (grantedOrigins: readonly string[]): { dir: string; cleanup: () => void } =>
  grantedOrigins.length === 0
    ? { dir: DIST, cleanup: () => {} }
    : copyWithGrantedOrigins(DIST, grantedOrigins);

export const launchExtension = async (options: LaunchOptions = {}): Promise<ExtensionSession> => {
  const executablePath = locateChromium();
  if (!executablePath)
    throw new Error('No Chromium found: run `npm test`, which installs it, or set CHROME_PATH.');
  const { dir: extensionDir, cleanup } = prepareExtensionCopy(options.grantedOrigins ?? []);
  const userDataDir = mkdtempSync(join(tmpdir(), 'gtm-profile-'));

  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // This machine's network is closed: without these, Chromium's own background requests are
    // refused many at a time and slow every start.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-gpu',
  ];
  if (options.hostResolverRules) {
    // Playwright's ignoreHTTPSErrors does not reach the extension's service worker; only this flag does.
    args.push(`--host-resolver-rules=${options.hostResolverRules}`, '--ignore-certificate-errors');
  }
  if (options.lang) args.push(`--lang=${options.lang}`);

  // Playwright passes --no-sandbox by default (chromiumSandbox: false). CI runs as root, where
  // Chromium's sandbox cannot start at all; the pages loaded here are our own and the simulator's.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: !options.headed,
    args,
    viewport: { width: 420, height: 640 },
  });

  const consoleEntries: ConsoleEntry[] = [];
  const pageErrors: string[] = [];
  const watchPage = (page: Page) => {
    page.on('console', (m) => consoleEntries.push({ context: page.url(), type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  worker.on('console', (m) =>
    consoleEntries.push({ context: 'service-worker', type: m.type(), text: m.text() }),
  );
  const extensionId = new URL(worker.url()).host;

  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  return {
    context,
    extensionId,
    worker,
    consoleEntries,
    pageErrors,
    extensionUrl,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(extensionUrl('src/popup/index.html'));
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      cleanup();
    },
  };
};
