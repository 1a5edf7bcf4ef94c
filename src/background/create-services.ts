import browser from 'webextension-polyfill';
import { accountGitOf } from '../shared/account-git';
import { text } from '../shared/i18n';
import { runtimeListProgress } from '../shared/messages/runtimes';
import { accountRoutesOf, createAccounts } from './account/accounts-setup';
import { platformListeners } from './account/platform-listeners';
import type { PlatformSettings } from './account/platform-settings';
import { createPlatformSwitch, leavePlatform } from './account/platform-switch';
import { createSelfHostedPages } from './account/self-hosted-pages';
import { createStatusView } from './account/status-view';
import { broadcast, consentTabs, contextMenus, notify, openNewTokenFlow } from './browser/browser-actions';
import { listFeatures } from './browser/listener-dispatch';
import { perCallClients } from './codefresh/per-call-clients';
import { createExpiry } from './expiry/create-expiry';
import { createRotation } from './expiry/create-rotation';
import { createContextMenu } from './menu/context-menu';
import { menuListeners } from './menu/menu-listeners';
import { menuText } from './menu/menu-text';
import type { WorkerFeatures } from './messaging/routes';
import { browserHostAccess as hasHostAccess } from './network/secret-destination';
import { authorizeAndNotify } from './oauth/authorize-and-notify';
import { createGitOAuth } from './oauth/git-oauth';
import { oauthUserOf } from './oauth/oauth-user';
import { createPolicyGate, enforcePolicy, gateVault } from './policy/policy-enforcement';
import { policyListeners } from './policy/policy-listeners';
import { createPolicyService } from './policy/policy-service';
import { revokeAtProvider } from './providers/revoke-token';
import { validateToken } from './providers/validate-token';
import { createAccountRuntimes } from './runtimes/account-runtimes';
import { createAppProxyOverrides } from './runtimes/app-proxy-overrides';
import { createConnectionCheck } from './runtimes/connection-check';
import { directoryAccount } from './runtimes/directory-account';
import { createPageReportIntake, PAGE_REPORT_INTERVAL_MS } from './runtimes/page-report-intake';
import { createPageReports } from './runtimes/page-reports';
import { createRuntimeDetection } from './runtimes/runtime-detection';
import { createRuntimeDirectory } from './runtimes/runtime-directory';
import { runtimesListeners } from './runtimes/runtimes-listeners';
import { createRuntimesService } from './runtimes/runtimes-service';
import { snapshotArea } from './runtimes/snapshot-area';
import { type ClearEvent, readStored, STORED, writeStored } from './storage/storage-keys';
import { applyUnderPolicy } from './tokens/apply-under-policy';
import { createLeakedToken } from './tokens/leaked-token';
import { createSavedGitTokens } from './tokens/saved-git-tokens';
import { createDraftStore } from './tokens/token-drafts';
import { createTokenService } from './tokens/token-service';
import { tokensListeners } from './tokens/tokens-listeners';
import { createDeviceKeyStore } from './vault/device-key-store';
import { createTokenVault } from './vault/token-vault';
import { vaultListeners } from './vault/vault-listeners';
import { createVaultService } from './vault/vault-service';

/**
 * Builds the worker's object graph from browser APIs. Everything stateful lives in storage or
 * IndexedDB, so this runs again cheaply every time the worker wakes.
 */
export const createServices = (settings: PlatformSettings) => {
  const local = browser.storage.local;
  const session = browser.storage.session;
  const boundFetch: typeof fetch = (input, init) => fetch(input, init);
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
  const { platform, appProxy } = perCallClients(boundFetch, platformOrigin);
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
  const gatedVault = gateVault(ungatedVault, gate);
  const { account, vault } = createAccounts({
    vault: gatedVault,
    gate,
    vaultMode: async () => (await ungatedVault.status()).mode,
    me: (key) => platform.me(key),
    local,
    session,
    platformOrigin,
  });
  const pageReports = createPageReports(session);
  const rememberLastRuntime = (runtimeName: string) => writeStored(local, STORED.lastRuntime, runtimeName);

  // Kept per account, in records of their own: the vault without the "used on" view.
  const overrides = createAppProxyOverrides({
    vault: gatedVault,
    platformOrigin,
    activeAccount: () => account.knownAccountId().catch(() => null),
    hasHostAccess,
    // Lists built while the addresses were shared by every account are read again.
    onClaimed: () => directory.forget(),
  });
  const directory = createRuntimeDirectory({
    overrides: () => overrides.read(),
    platform,
    appProxy,
    // A new session asks the platform for `me` and the runtimes in one request.
    ...directoryAccount(account, platform),
    hasHostAccess,
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

  // How the token flows reach the runtimes: the same for adding, replacing and rotating.
  const runtimeAccess = {
    findRuntime: (name: string) => directory.find(name),
    applyToRuntimes: directory.applyToRuntimes,
    broadcast,
    invalidateRuntimeCache: () => directory.invalidate(),
  };
  // Saved Git tokens: one repository for the token flow, Replace everywhere, the menu and the lists.
  const savedTokens = createSavedGitTokens(vault, hasHostAccess);
  const tokens = createTokenService({
    drafts,
    keeper: savedTokens,
    accountGit: async () => accountGitOf(await account.summary()),
    validate: (input) => validateToken(input, { fetch: boundFetch }),
    removeFromRuntime: (runtime) => directory.removeFromRuntime(runtime),
    ...runtimeAccess,
  });

  const expiry = createExpiry({
    listTokens: () => savedTokens.all(),
    listRuntimeStates: async () =>
      (await directory.list(false)).runtimes.map((r) => ({ name: r.name, kind: r.token.kind })),
    storage: local,
    session,
    vault,
    saved: savedTokens,
    validate: (input) => validateToken(input, { fetch: boundFetch }),
    ...runtimeAccess,
    keepingAllowed: () => gate.keepingAllowed(),
  });

  const rotation = createRotation({
    fetch: boundFetch,
    hasHostAccess,
    storage: local,
    alarms: browser.alarms,
    vault,
    savedTokens,
    ...runtimeAccess,
    keepingAllowed: () => gate.keepingAllowed(),
    notify: (title, message) => notify(title, message).catch(() => {}),
    refreshExpiry: () => expiry.watch.status().then(() => {}),
    platformKnown: () => settings.ready,
  });

  // "Authorize with <provider>": each runtime's Git OAuth flow in its own tab (git-oauth.ts).
  const gitOAuth = createGitOAuth({
    tabs: consentTabs,
    findRuntime: (name) => directory.find(name),
    me: async () => oauthUserOf(await account.summary()),
    // The flow's outcome is read from the app-proxy itself, so the cached list goes whole.
    invalidate: () => directory.forget(),
    platformOrigins: async () => [platformOrigin()],
    broadcast,
  });

  const contextMenu = createContextMenu({
    menus: contextMenus,
    platformOrigins: () => [platformOrigin()],
    listRuntimes: async () => (await directory.list(false)).runtimes,
    listSaved: () => services.vault.listSaved(),
    focusedText: async (tabId) =>
      tabId === undefined ? null : ((await pageReports.get(tabId))?.focusedText ?? null),
    apply: (recordId, runtimeNames) => tokens.apply({ kind: 'record', recordId }, runtimeNames, false),
    authorize: (runtimeNames) => gitOAuth.authorize(runtimeNames),
    notify,
    badge: expiry.badge,
    openNewTokenFlow,
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

  const services: WorkerFeatures = {
    status: createStatusView({
      account,
      vault,
      policy,
      platformOrigin,
      hasHostAccess,
      version: () => browser.runtime.getManifest().version,
    }),
    platform: createPlatformSwitch({
      settings,
      policy: () => policy.effective(),
      hasHostAccess,
      forgetPlatformData: () => leave('platform-change'),
      followPages: (origin) => selfHostedPages.follow(origin),
      refreshMenus: () => contextMenu.refresh(),
    }),
    // The last account signed out of takes what sign-out clears (storage-keys.ts) with it.
    account: accountRoutesOf({ account, directory, overrides, lastSignedOut: () => leave('sign-out') }),
    runtimes: createRuntimesService({
      directory,
      detection,
      overrides,
      acceptReport: (tabId, report) => intake.accept(tabId, report),
      rememberLastRuntime,
      // Built per check: the manifest is read when asked, not at every wake.
      checkConnection: (runtimeName) =>
        createConnectionCheck({
          fetch: boundFetch,
          platform,
          platformOrigin,
          getApiKey: () => account.withApiKey(async (key) => key),
          overrides: () => overrides.read(),
          hasHostAccess,
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
    expiry: expiry.routes,
    oauth: { authorize: authorizeAndNotify((names) => gitOAuth.authorize(names), notify) },
    rotation: rotation.routes,
    leak: createLeakedToken({
      vault,
      saved: savedTokens,
      revoke: (input, withToken) => revokeAtProvider(input, withToken, { fetch: boundFetch }),
      findRuntime: (name) => directory.find(name),
      removeFromRuntime: (name) => tokens.removeFromRuntime(name),
      // Another account's runtimes: with that account's own key and addresses, never the in-use ones.
      otherAccounts: createAccountRuntimes({ account, overrides, platform, appProxy, hasHostAccess }),
    }),
  };

  // Each feature's browser listeners, in the order index.ts dispatches an event they share: the
  // content script follows the platform before the menu is rebuilt.
  const features = listFeatures(
    policyListeners(policy),
    vaultListeners(vault),
    platformListeners(settings, (origin) => selfHostedPages.follow(origin)),
    tokensListeners({
      platform: settings,
      hasApiKey: async () => (await vault.list('codefresh-api-key')).length > 0,
      savedTokens: () => savedTokens.all(),
      refreshMenus: () => contextMenu.refresh(),
      notify,
    }),
    runtimesListeners(pageReports),
    expiry.listeners,
    rotation.listeners,
    menuListeners(contextMenu, () => settings.ready),
  );

  return { services, features };
};
