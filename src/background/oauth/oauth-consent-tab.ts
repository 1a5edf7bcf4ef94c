// The consent tab of one runtime's Git OAuth flow: opened, watched by its URL, and read into an
// outcome (docs/platform-contract.md §1c for the app-proxy's git-auth path and where it redirects).

/** §1c: the app-proxy path of the Git OAuth flow; `/<provider>` starts it, `/<provider>/callback` ends it. */
export const GIT_AUTH_PATH = '/app-proxy/api/git-auth';
/** How long one runtime's consent may take before the run moves on. */
export const OAUTH_TIMEOUT_MS = 10 * 60_000;
/**
 * Between two looks at the tab. Besides catching a missed event, the call keeps the service worker
 * awake while the user reads the consent page (an extension API call resets its idle timer).
 */
export const OAUTH_POLL_MS = 15_000;

export interface TabInfo {
  readonly id?: number;
  readonly url?: string;
  readonly status?: string;
}

interface TabEvent<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

export type TabUpdatedListener = (
  tabId: number,
  changeInfo: { readonly url?: string; readonly status?: string },
  tab: TabInfo,
) => void;

/** The tab calls the watch needs (the browser's `tabs`, or a fake in tests). */
export interface ConsentTabs {
  create(properties: { url: string; active: boolean }): Promise<TabInfo>;
  /** Rejects when the tab is gone. */
  get?(tabId: number): Promise<TabInfo>;
  remove?(tabId: number): Promise<void>;
  readonly onUpdated: TabEvent<TabUpdatedListener>;
  readonly onRemoved: TabEvent<(tabId: number) => void>;
}

/** Where a flow's tab stands, read from its URL (the extension may read runtime and platform URLs). */
export type TabOutcome =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'landed'; readonly gitAuth: 'success' | 'error' | null; readonly reason: string | null }
  | { readonly kind: 'error-page'; readonly step: 'start' | 'callback' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'timeout' };

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Reads one tab state. Back on the platform: done (`gitAuth=success|error` when the app-proxy said
 * so). Still on the runtime's git-auth path once the page finished loading: the app-proxy answered
 * an error page instead of redirecting (OAuth not set up, or the callback failed). Anything else
 * (the provider's consent page, a redirect in between) is waiting.
 */
export const readTab = (
  url: string | undefined,
  complete: boolean,
  runtimeOrigin: string,
  platformOrigins: readonly string[],
): TabOutcome => {
  if (!url) return { kind: 'waiting' };
  const origin = originOf(url);
  if (!origin) return { kind: 'waiting' };
  const parsed = new URL(url);
  if (platformOrigins.includes(origin)) {
    const gitAuth = parsed.searchParams.get('gitAuth');
    return {
      kind: 'landed',
      gitAuth: gitAuth === 'success' || gitAuth === 'error' ? gitAuth : null,
      reason: parsed.searchParams.get('reason') ?? parsed.searchParams.get('error'),
    };
  }
  if (complete && origin === runtimeOrigin && parsed.pathname.startsWith(`${GIT_AUTH_PATH}/`)) {
    return { kind: 'error-page', step: parsed.pathname.endsWith('/callback') ? 'callback' : 'start' };
  }
  return { kind: 'waiting' };
};

/**
 * Opens `url` (a runtime's git-auth start) in a new active tab and resolves with how the flow ended:
 * landed back on the platform, stuck on the runtime's error page, closed, or timed out.
 */
export const watchConsentTab = (
  tabs: ConsentTabs,
  url: string,
  platformOrigins: readonly string[],
  { timeoutMs, pollMs }: { readonly timeoutMs: number; readonly pollMs: number },
): Promise<{ outcome: TabOutcome; tabId?: number }> => {
  const runtimeOrigin = new URL(url).origin;
  return new Promise((resolve) => {
    let tabId: number | undefined;
    const early: [number, TabInfo, boolean][] = [];
    let settled = false;
    let poll: ReturnType<typeof setInterval> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const finish = (outcome: TabOutcome) => {
      if (settled) return;
      settled = true;
      tabs.onUpdated.removeListener(onUpdated);
      tabs.onRemoved.removeListener(onRemoved);
      if (poll !== undefined) clearInterval(poll);
      if (timer !== undefined) clearTimeout(timer);
      resolve({ outcome, ...(tabId !== undefined ? { tabId } : {}) });
    };
    const look = (tab: TabInfo, complete: boolean) => {
      const outcome = readTab(tab.url, complete, runtimeOrigin, platformOrigins);
      if (outcome.kind !== 'waiting') finish(outcome);
    };
    const onUpdated: TabUpdatedListener = (id, changeInfo, tab) => {
      const info = { url: changeInfo.url ?? tab.url, status: changeInfo.status ?? tab.status };
      const complete = info.status === 'complete';
      if (tabId === undefined) early.push([id, info, complete]);
      else if (id === tabId) look(info, complete);
    };
    const onRemoved = (id: number) => {
      if (id === tabId) finish({ kind: 'closed' });
    };

    // Listening first: a fast redirect may land before `create` answers with the tab's id.
    tabs.onUpdated.addListener(onUpdated);
    tabs.onRemoved.addListener(onRemoved);
    tabs.create({ url, active: true }).then(
      (tab) => {
        tabId = tab.id;
        if (tabId === undefined) return finish({ kind: 'closed' });
        for (const [id, info, complete] of early.splice(0)) if (id === tabId) look(info, complete);
        timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
        const get = tabs.get;
        if (get) {
          poll = setInterval(() => {
            if (tabId === undefined) return;
            get(tabId).then(
              (t) => look(t, t.status === 'complete'),
              () => finish({ kind: 'closed' }),
            );
          }, pollMs);
        }
      },
      () => finish({ kind: 'closed' }),
    );
  });
};
