import browser from 'webextension-polyfill';
import { accountGitOf } from '../shared/account-git';
import { AppFailure } from '../shared/errors';
import { text } from '../shared/i18n';
import type { AnyWorkerEvent } from '../shared/messages';
import { runtimeListProgress } from '../shared/messages/runtimes';
import { createStatusView } from './account/status-view';
import type { AccountSummary } from './account-service';
import { accountRoutesOf, createAccounts } from './accounts-setup';
import { createAppProxyOverrides } from './app-proxy-overrides';
import { createAppProxyClient } from './codefresh/app-proxy-client';
import { createPlatformClient } from './codefresh/platform-client';
import { createConnectionCheck } from './connection-check';
import { createContextMenu } from './context-menu';
import { createRotation } from './create-rotation';
import { rotateUnderPolicy } from './expiry/rotate-under-policy';
import { createExpiryWatch } from './expiry-watch';
import { createGitOAuth } from './git-oauth';
import { noteRevokedHosts } from './host-revocation';
import { createLeakedToken } from './leaked-token';
import { menuText } from './menu-text';
import { authorizeAndNotify } from './oauth/authorize-and-notify';
import { createPageReportIntake, PAGE_REPORT_INTERVAL_MS } from './page-report-intake';
import { createPageReports } from './page-reports';
import type { PlatformSettings } from './platform-settings';
import { createPlatformSwitch, leavePlatform } from './platform-switch';
import { createPolicyGate, enforcePolicy, gateVault } from './policy-enforcement';
import { createPolicyService } from './policy-service';
import { revokeAtProvider } from './providers/revoke-token';
import { validateToken } from './providers/validate-token';
import { createReplaceEverywhere } from './replace-everywhere';
import type { WorkerFeatures } from './routes';
import { createRuntimeDetection } from './runtime-detection';
import { createRuntimeDirectory } from './runtime-directory';
import { createRuntimesService } from './runtimes/runtimes-service';
import { createSavedGitTokens } from './saved-git-tokens';
import { browserHostAccess } from './secret-destination';
import { createSelfHostedPages } from './self-hosted-pages';
import { snapshotArea } from './snapshot-area';
import { type ClearEvent, readStored, STORED, writeStored } from './storage-keys';
import { createDraftStore } from './token-drafts';
import { createTokenService } from './token-service';
import { applyUnderPolicy } from './tokens/apply-under-policy';
import { createToolbarBadge } from './toolbar-badge';
import { createDeviceKeyStore } from './vault/device-key-store';
import { createTokenVault } from './vault/token-vault';
import { createVaultService } from './vault/vault-service';

/**
 * Builds the worker's object graph from browser APIs. Everything stateful lives in storage or
 * IndexedDB, so this runs again cheaply every time the worker wakes.
 */
export const createServices = (settings: PlatformSettings) => {
  const local = browser.storage.local;
  const session = browser.storage.session;
  const boundFetch: typeof fetch = (input, init) => fetch(input, init);
  // Every notification the worker shows looks the same; only its title and text differ.
  const notify = async (title: string, message: string) => {
    await browser.notifications.create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title,
      message,
    });
  };
  const notifyPolicy = (message: string) => notify(text('policyNoticeTitle'), message).catch(() => {});
  const platformOrigin = () => settings.current();

  // Pasted tokens wait in worker memory as drafts; locking the vault discards them too.
  const drafts = createDraftStore();
  const ungatedVault = createTokenVault({
    storage: local,
    session,
    keyStore: createDeviceKeyStore(),
    alarms: browser.alarms,
    onLock: () => drafts.clear(),
  });
  // Clients are cheap to build; building them per call follows a platform switch at once.
  const platformClient = () => createPlatformClient({ fetch: boundFetch, platformOrigin: platformOrigin() });
  const platform: ReturnType<typeof createPlatformClient> = {
    me: (...args) => platformClient().me(...args),
    runtimes: (...args) => platformClient().runtimes(...args),
    meAndRuntimes: (...args) => platformClient().meAndRuntimes(...args),
    runtime: (...args) => platformClient().runtime(...args),
  };
  const appProxyClient = () => createAppProxyClient({ fetch: boundFetch, platformOrigin: platformOrigin() });
  const appProxy: ReturnType<typeof createAppProxyClient> = {
    gitIntegration: (...args) => appProxyClient().gitIntegration(...args),
    register: (...args) => appProxyClient().register(...args),
    deregister: (...args) => appProxyClient().deregister(...args),
  };
  const policy = createPolicyService({
    managed: () => browser.storage.managed.get(),
    platformOrigin,
    vaultStatus: () => ungatedVault.status(),
    memory: local,
    // Each fresh read applies to what exists already (auto-lock ceiling, no kept tokens).
    onRead: (effective) => enforcePolicy({ vault: ungatedVault, notify: notifyPolicy }, effective),
  });
  const gate = createPolicyGate(() => policy.effective(), platformOrigin);
  // Every secret written or read passes the policy first, whoever asks; each saved token's
  // "used on" list is the account in use's own.
  const { account, vault } = createAccounts({
    vault: gateVault(ungatedVault, gate),
    gate,
    vaultMode: async () => (await ungatedVault.status()).mode,
    me: (key) => platform.me(key),
    local,
    session,
    platformOrigin,
  });
  const pageReports = createPageReports(session);
  const rememberLastRuntime = (runtimeName: string) => writeStored(local, STORED.lastRuntime, runtimeName);

  const directoryUserOf = (me: AccountSummary | null) => {
    if (!me) throw new AppFailure('no-api-key', text('accountApiKeyFirst'));
    const { userId, accountId, gitApiUrl, gitProvider } = me;
    return { userId, accountId, accountGitApiUrl: gitApiUrl, accountGitProvider: gitProvider };
  };
  const overrides = createAppProxyOverrides({
    vault,
    platformOrigin,
    hasHostAccess: browserHostAccess,
  });
  /** Every progress broadcast (declared in shared/messages beside its request) goes out here. */
  const broadcast = (event: AnyWorkerEvent) => {
    // Nobody may be listening (popup closed): that is fine, the result is returned anyway.
    browser.runtime.sendMessage(event).catch(() => {});
  };
  const directory = createRuntimeDirectory({
    overrides: () => overrides.read(),
    platform,
    appProxy,
    getApiKey: () => account.withApiKey(async (key) => key),
    getMe: async () => directoryUserOf(await account.verifiedSummary()),
    // A new session asks the platform for `me` and the runtimes in one request.
    meAndRuntimes: async () => {
      const both = await account.verifiedWith(
        (key) => platform.runtimes(key),
        async (key) => {
          const { me, runtimes } = await platform.meAndRuntimes(key);
          return { me, value: runtimes };
        },
      );
      return { me: directoryUserOf(both?.summary ?? null), runtimes: both?.value ?? [] };
    },
    hasHostAccess: browserHostAccess,
    cache: session,
    snapshot: snapshotArea(local, async () => (await ungatedVault.status()).mode),
    onProgress: (event) => broadcast({ type: runtimeListProgress.type, ...event }),
  });

  const detection = createRuntimeDetection({
    // A report still waiting in the intake is newer than the stored one.
    pageReport: async (tabId) => intake.pendingFor(tabId) ?? (await pageReports.get(tabId)),
    lastUsed: () => readStored(local, STORED.lastRuntime),
    platformOrigins: () => [platformOrigin()],
  });

  // Saved Git tokens: one repository for the token flow, Replace everywhere, the menu and the lists.
  const savedTokens = createSavedGitTokens(vault, browserHostAccess);
  const tokens = createTokenService({
    drafts,
    keeper: savedTokens,
    accountGit: async () => accountGitOf(await account.summary()),
    findRuntime: (name) => directory.find(name),
    validate: (input) => validateToken(input, { fetch: boundFetch }),
    applyToRuntimes: (args) => directory.applyToRuntimes(args),
    removeFromRuntime: (runtime) => directory.removeFromRuntime(runtime),
    broadcast,
    invalidateRuntimeCache: () => directory.invalidate(),
  });

  const openRotation = async (tokenId: string) => {
    await browser.tabs.create({
      url: browser.runtime.getURL(`src/popup/index.html?rotate=${encodeURIComponent(tokenId)}`),
    });
  };
  // The toolbar badge has one owner; the expiry watch and the menu only report their inputs.
  const badge = createToolbarBadge({ action: browser.action, session });
  const watch = createExpiryWatch({
    listTokens: () => savedTokens.all(),
    listRuntimeStates: async () =>
      (await directory.list(false)).runtimes.map((r) => ({ name: r.name, kind: r.token.kind })),
    alarms: browser.alarms,
    badge,
    notifications: browser.notifications,
    storage: local,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    openRotation,
  });
  const replace = createReplaceEverywhere({
    vault,
    validate: (input) => validateToken(input, { fetch: boundFetch }),
    applyToRuntimes: (args) => directory.applyToRuntimes(args),
    findRuntime: (name) => directory.find(name),
    broadcast,
    invalidateRuntimeCache: () => directory.invalidate(),
  });

  const rotation = createRotation({
    fetch: boundFetch,
    hasHostAccess: browserHostAccess,
    storage: local,
    alarms: browser.alarms,
    vault,
    savedTokens,
    findRuntime: (name) => directory.find(name),
    applyToRuntimes: (args) => directory.applyToRuntimes(args),
    broadcast,
    invalidateRuntimeCache: () => directory.invalidate(),
    keepingAllowed: () => gate.keepingAllowed(),
    notify: (title, message) => notify(title, message).catch(() => {}),
    refreshExpiry: async () => {
      await watch.status();
    },
  });

  // "Authorize with <provider>": each runtime's Git OAuth flow in its own tab (git-oauth.ts).
  const gitOAuth = createGitOAuth({
    tabs: {
      create: (properties) => browser.tabs.create(properties),
      get: (tabId) => browser.tabs.get(tabId),
      remove: (tabId) => browser.tabs.remove(tabId),
      onUpdated: browser.tabs.onUpdated,
      onRemoved: browser.tabs.onRemoved,
    },
    findRuntime: (name) => directory.find(name),
    me: async () => {
      const me = await account.summary();
      if (!me) throw new AppFailure('no-api-key', text('accountApiKeyFirst'));
      return { userId: me.userId, accountId: me.accountId };
    },
    // The flow's outcome is read from the app-proxy itself, so the cached list goes whole.
    invalidate: () => directory.forget(),
    platformOrigins: async () => [platformOrigin()],
    broadcast,
  });

  const contextMenu = createContextMenu({
    menus: {
      removeAll: () => browser.contextMenus.removeAll(),
      create: (properties) => browser.contextMenus.create(properties),
    },
    platformOrigins: () => [platformOrigin()],
    listRuntimes: async () => (await directory.list(false)).runtimes,
    listSaved: () => services.vault.listSaved(),
    focusedText: async (tabId) =>
      tabId === undefined ? null : ((await pageReports.get(tabId))?.focusedText ?? null),
    apply: (recordId, runtimeNames) => tokens.apply({ kind: 'record', recordId }, runtimeNames, false),
    authorize: (runtimeNames) => gitOAuth.authorize(runtimeNames),
    notify,
    badge,
    openNewTokenFlow: async (runtimeName) => {
      // The popup detects the right-clicked runtime from the page report by itself. Browsers that
      // cannot open it from here get the same page in a tab, told which runtime to start on.
      try {
        await browser.action.openPopup();
      } catch {
        const query = runtimeName ? `?runtime=${encodeURIComponent(runtimeName)}` : '';
        await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html${query}`) });
      }
    },
    text: menuText,
  });

  // What goes on each is declared once, in storage-keys.ts.
  const leave = (event: ClearEvent) =>
    leavePlatform(event, {
      account: { signOut: account.signOutAll },
      records: vault,
      areas: { local, session },
    });
  const intake = createPageReportIntake({
    store: (tabId, report) => pageReports.put(tabId, report),
    rebuildMenu: (tabId) => contextMenu.refresh(tabId),
    pause: () => new Promise((resolve) => setTimeout(resolve, PAGE_REPORT_INTERVAL_MS)),
  });
  const selfHostedPages = createSelfHostedPages({
    scripting: browser.scripting,
    contentScriptFiles: () => browser.runtime.getManifest().content_scripts?.[0]?.js ?? [],
  });

  /** Host access was withdrawn (browser settings): keep everything, say what now needs access. */
  const onHostAccessRemoved = (patterns: readonly string[]) =>
    noteRevokedHosts(
      {
        platform: settings,
        hasApiKey: async () => (await vault.list('codefresh-api-key')).length > 0,
        savedTokens: () => savedTokens.all(),
        tell: async (needingAccess) => {
          await contextMenu.refresh();
          await notify(text('accessRevokedTitle'), text('accessRevokedMessage', [needingAccess.join(', ')]));
        },
      },
      patterns,
    );

  const services: WorkerFeatures = {
    status: createStatusView({
      summary: () => account.summary(),
      accounts: () => account.accounts(),
      vaultStatus: () => vault.status(),
      policy: () => policy.forDisplay(),
      platformOrigin,
      hasHostAccess: browserHostAccess,
      version: () => browser.runtime.getManifest().version,
    }),
    platform: createPlatformSwitch({
      settings,
      policy: () => policy.effective(),
      hasHostAccess: browserHostAccess,
      forgetPlatformData: () => leave('platform-change'),
      followPages: (origin) => selfHostedPages.follow(origin),
      refreshMenus: () => contextMenu.refresh(),
    }),
    // The last account signed out of takes what sign-out clears (storage-keys.ts) with it.
    account: accountRoutesOf({ account, directory, lastSignedOut: () => leave('sign-out') }),
    runtimes: createRuntimesService({
      directory,
      detection,
      overrides,
      acceptReport: (tabId, report) => intake.accept(tabId, report),
      rememberLastRuntime,
      checkConnection: (runtimeName) =>
        createConnectionCheck({
          fetch: boundFetch,
          platform,
          platformOrigin,
          getApiKey: () => account.withApiKey(async (key) => key),
          overrides: () => overrides.read(),
          hasHostAccess: browserHostAccess,
          version: browser.runtime.getManifest().version,
        })(runtimeName),
    }),
    tokens: {
      ...tokens,
      apply: applyUnderPolicy({
        apply: tokens.apply,
        keepingAllowed: async () => (await policy.effective()).keepTokens,
        rememberLastRuntime,
      }),
    },
    vault: createVaultService({
      vault,
      listSaved: () => savedTokens.listSaved(),
      policy: () => policy.effective(),
      forgetSnapshot: () => local.remove(STORED.runtimeSnapshot.key),
      afterErase: () => leave('erase'),
      afterUnlock: () => rotation.afterUnlock(),
    }),
    expiry: { watch, badge, rotate: rotateUnderPolicy(replace.rotate, () => gate.keepingAllowed()) },
    oauth: { authorize: authorizeAndNotify((names) => gitOAuth.authorize(names), notify) },
    rotation: rotation.routes,
    leak: createLeakedToken({
      vault,
      revoke: (input, withToken) => revokeAtProvider(input, withToken, { fetch: boundFetch }),
      findRuntime: (name) => directory.find(name),
      removeFromRuntime: (name) => tokens.removeFromRuntime(name),
    }),
  };

  return {
    services,
    onAlarm: async (name: string) => {
      (await vault.handleAlarm(name)) ||
        (await watch.handleAlarm(name)) ||
        (await rotation.handleAlarm(name));
    },
    watch,
    rotation,
    touchVault: () => vault.touch(),
    onHostAccessRemoved,
    policy,
    followPlatformPages: () => selfHostedPages.follow(settings.isDefault() ? null : platformOrigin()),
    onTabRemoved: (tabId: number) => pageReports.forget(tabId),
    contextMenu,
  };
};
