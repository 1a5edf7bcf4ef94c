/**
 * The simulator's world in one readable fixture: the accounts (one Git provider each), the users
 * and the API keys that identify a user in one account, and each account's GitOps runtimes with
 * what each app-proxy holds at start.
 * `reset()` returns to exactly this. Field names and enum values follow docs/platform-contract.md
 * §3a–§3c; the app-proxy side (integration, registered users) follows §1a and §3d.
 *
 * Every secret here contains `SIMLEAK` so a leak scan can grep for it; the session token is
 * deliberately different (see SIM_SESSION_TOKEN).
 */
import {
  BITBUCKET_DC_HOST,
  BITBUCKET_HOST,
  FAKE_GIT_API_URLS,
  GHE_HOST,
  GITHUB_HOST,
  GITLAB_HOST,
  SEED_TOKENS,
} from './git-providers/index';

export const PLATFORM_HOST = 'g.codefresh.io';
/**
 * A self-hosted ("on-prem") platform: the same API and pages on the customer's own host (§2: on-prem
 * installs use a different host, Helm `global.codefresh.url`). Used to test platform switching.
 */
export const SELF_HOSTED_PLATFORM_HOST = 'codefresh.acme-corp.example';
/** §2: default platform URL and GraphQL path used by the CLI and the SDK. */
export const PLATFORM_URL = `https://${PLATFORM_HOST}`;
export const PLATFORM_GRAPHQL_PATH = '/2.0/api/graphql';
/** §1: every runtime's app-proxy answers under this path of its ingress host. */
export const APP_PROXY_GRAPHQL_PATH = '/app-proxy/api/graphql';
export const APP_PROXY_READYZ_PATH = '/app-proxy/api/readyz';

export type GitProvider = 'BITBUCKET' | 'BITBUCKET_SERVER' | 'GERRIT' | 'GITHUB' | 'GITLAB';
export type InstallationStatus = 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';
export type InstallationType = 'HELM' | 'HELM_HOSTED';
export type AccessMode = 'INGRESS' | 'TUNNEL';
export type HealthStatus =
  | 'HEALTHY'
  | 'DEGRADED'
  | 'PROGRESSING'
  | 'SUSPENDED'
  | 'MISSING'
  | 'TERMINATED'
  | 'UNKNOWN';
export type SyncStatus = 'SYNCED' | 'OUT_OF_SYNC' | 'SYNCING' | 'UNKNOWN';
export type SharingPolicy = 'ACCOUNT_ADMINS' | 'ALL_USERS_IN_ACCOUNT';

export interface SimUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export const SIM_USER: SimUser = {
  id: '64f0c0ffee0000000000a11c',
  name: 'Alice Example',
  email: 'alice@acme-corp.example',
};

/** A second user, so "registered users" on a runtime is never just the caller. */
export const SIM_OTHER_USER: SimUser = {
  id: '64f0c0ffee0000000000b0b0',
  name: 'Bob Example',
  email: 'bob@acme-corp.example',
};

export const SIM_USERS: readonly SimUser[] = [SIM_USER, SIM_OTHER_USER];

/**
 * §3c `activeAccount { id name gitProvider gitApiUrl sharedConfigRepo admins features }`.
 * `name` and `admins` are nullable in go-sdk `platform/models_gen.go`.
 */
export interface SimAccount {
  readonly id: string;
  readonly name: string | null;
  readonly gitProvider: GitProvider;
  readonly gitApiUrl: string;
  readonly sharedConfigRepo: string;
  readonly admins: readonly string[] | null;
  readonly features: { readonly gitopsPlanEnforcement: boolean };
}

/**
 * Codefresh docs (runtime install, "Set up GitOps Git provider"): "The Git provider you select for
 * the first GitOps Runtime applies to all Runtimes in the same account." So each provider the
 * simulator fakes has its own account; the default one (acme) is on GitHub.com.
 */
export const SIM_ACCOUNT: SimAccount = {
  id: '64f0acc0000000000000acme',
  name: 'acme',
  gitProvider: 'GITHUB',
  gitApiUrl: FAKE_GIT_API_URLS.github,
  sharedConfigRepo: 'https://github.com/acme/codefresh-shared-config',
  admins: [SIM_OTHER_USER.id],
  features: { gitopsPlanEnforcement: false },
};

/**
 * A second account on GitHub.com, as for a user who works for two teams or customers with one Git
 * token (issue 24, point 3): a saved token then serves runtimes of both accounts.
 */
export const LABS_ACCOUNT: SimAccount = {
  id: '64f0acc0000000000000labs',
  name: 'acme-labs',
  gitProvider: 'GITHUB',
  gitApiUrl: FAKE_GIT_API_URLS.github,
  sharedConfigRepo: 'https://github.com/acme-labs/codefresh-shared-config',
  admins: [SIM_USER.id],
  features: { gitopsPlanEnforcement: false },
};

export const GHE_ACCOUNT: SimAccount = {
  id: '64f0acc00000000000000ghe',
  name: 'acme-enterprise',
  gitProvider: 'GITHUB',
  gitApiUrl: FAKE_GIT_API_URLS.ghe,
  sharedConfigRepo: `https://${GHE_HOST}/acme/codefresh-shared-config`,
  admins: [SIM_OTHER_USER.id],
  features: { gitopsPlanEnforcement: false },
};

export const GITLAB_ACCOUNT: SimAccount = {
  id: '64f0acc00000000000gitlab',
  name: 'acme-gitlab',
  gitProvider: 'GITLAB',
  gitApiUrl: FAKE_GIT_API_URLS.gitlab,
  sharedConfigRepo: 'https://gitlab.com/acme/codefresh-shared-config',
  admins: [SIM_USER.id],
  features: { gitopsPlanEnforcement: false },
};

export const BITBUCKET_ACCOUNT: SimAccount = {
  id: '64f0acc00000000bitbucket',
  name: 'acme-bitbucket',
  gitProvider: 'BITBUCKET',
  gitApiUrl: FAKE_GIT_API_URLS.bitbucket,
  sharedConfigRepo: 'https://bitbucket.org/acme/codefresh-shared-config',
  admins: [SIM_OTHER_USER.id],
  features: { gitopsPlanEnforcement: false },
};

/**
 * The nullable case of `models_gen.go`: an account without a name and without an admins list, so
 * `me.isAdmin` is null too (see `isAdminIn`).
 */
export const BITBUCKET_DC_ACCOUNT: SimAccount = {
  id: '64f0acc000000bitbucketdc',
  name: null,
  gitProvider: 'BITBUCKET_SERVER',
  gitApiUrl: FAKE_GIT_API_URLS.bitbucketDc,
  sharedConfigRepo: `https://${BITBUCKET_DC_HOST}/scm/acme/codefresh-shared-config.git`,
  admins: null,
  features: { gitopsPlanEnforcement: false },
};

export const SIM_ACCOUNTS: readonly SimAccount[] = [
  SIM_ACCOUNT,
  LABS_ACCOUNT,
  GHE_ACCOUNT,
  GITLAB_ACCOUNT,
  BITBUCKET_ACCOUNT,
  BITBUCKET_DC_ACCOUNT,
];

export const findAccount = (id: string): SimAccount | undefined => SIM_ACCOUNTS.find((a) => a.id === id);

/**
 * `User.isAdmin` of the active account ([INFERRED]: go-sdk only shows the field, nullable): whether
 * the account's admins list names the user, null when the account has no list.
 */
export const isAdminIn = (account: SimAccount, user: SimUser): boolean | null =>
  account.admins === null ? null : account.admins.includes(user.id);

/**
 * Codefresh API keys look like `<24 hex>.<secret>` (§2: the CLI sends one raw in `Authorization`).
 * A key belongs to one user in one account (terraform-provider-codefresh docs: the API "operates
 * only with entities in the current account, which owns the provided API key"). These are fakes;
 * main.ts prints DEMO_API_KEY on purpose so a person can paste it.
 */
export const DEMO_API_KEY = '64f0c0ffee0000000000a11c.SIMLEAKcfapikeyAlice0000000000000';
export const OTHER_API_KEY = '64f0c0ffee0000000000b0b0.SIMLEAKcfapikeyBob00000000000000';
/** Alice's key in acme-labs, the second GitHub.com account. */
export const LABS_API_KEY = '6605c0ffee00000000000a11.SIMLEAKcfapikeyAliceLabs000000000';
/** Alice's keys in the accounts on the other providers. */
export const GHE_API_KEY = '6601c0ffee00000000000a11.SIMLEAKcfapikeyAliceGhe0000000000';
export const GITLAB_API_KEY = '6602c0ffee00000000000a11.SIMLEAKcfapikeyAliceGitlab0000000';
export const BITBUCKET_API_KEY = '6603c0ffee00000000000a11.SIMLEAKcfapikeyAliceBitbucket0000';
export const BITBUCKET_DC_API_KEY = '6604c0ffee00000000000a11.SIMLEAKcfapikeyAliceBitbucketDc00';

/** Who a key (or the fake UI's session) identifies, and in which account. */
export interface SimCaller {
  readonly user: SimUser;
  readonly account: SimAccount;
}

export const API_KEYS: ReadonlyMap<string, SimCaller> = new Map([
  [DEMO_API_KEY, { user: SIM_USER, account: SIM_ACCOUNT }],
  [OTHER_API_KEY, { user: SIM_OTHER_USER, account: SIM_ACCOUNT }],
  [LABS_API_KEY, { user: SIM_USER, account: LABS_ACCOUNT }],
  [GHE_API_KEY, { user: SIM_USER, account: GHE_ACCOUNT }],
  [GITLAB_API_KEY, { user: SIM_USER, account: GITLAB_ACCOUNT }],
  [BITBUCKET_API_KEY, { user: SIM_USER, account: BITBUCKET_ACCOUNT }],
  [BITBUCKET_DC_API_KEY, { user: SIM_USER, account: BITBUCKET_DC_ACCOUNT }],
]);

/** The accounts `user` has a key in: `me.accounts` ([INFERRED] that it lists exactly these). */
export const accountsOf = (user: SimUser): SimAccount[] =>
  SIM_ACCOUNTS.filter((a) =>
    [...API_KEYS.values()].some((c) => c.user.id === user.id && c.account.id === a.id),
  );

/**
 * The fake web UI's session for Alice, sent as `x-access-token` (§2: the app-proxy CORS list
 * allows that header, which hints the UI authenticates with its session JWT). It is not one of
 * the secrets the extension handles, so it carries no `SIMLEAK` marker; logs still redact it.
 */
export const SIM_SESSION_TOKEN = 'sim-session.alice.64f0c0ffee0000000000a11c.ui';

export const SESSIONS: ReadonlyMap<string, SimCaller> = new Map([
  [SIM_SESSION_TOKEN, { user: SIM_USER, account: SIM_ACCOUNT }],
]);

export interface SeedRegistration {
  readonly userId: string;
  readonly token: string;
  readonly username?: string;
  readonly isValid: boolean;
}

/** A runtime as the platform lists it (§3a/§3b) plus what its app-proxy holds (§1a, §3d). */
export interface SeedRuntime {
  /** The account the runtime belongs to: the platform lists it only to that account's keys. */
  readonly accountId: string;
  readonly name: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly gitProvider: GitProvider;
  /** The default Git integration's `apiUrl`, which the app-proxy validates tokens against. */
  readonly gitApiUrl: string;
  readonly accessMode: AccessMode;
  /** Full URL with scheme (§2), or null for a runtime without ingress. */
  readonly ingressHost: string | null;
  readonly internalIngressHost: string | null;
  readonly ingressClass: string | null;
  readonly ingressController: string | null;
  readonly installationStatus: InstallationStatus;
  readonly installationType: InstallationType;
  readonly healthStatus: HealthStatus;
  readonly healthMessage: string | null;
  readonly syncStatus: SyncStatus;
  readonly managed: boolean;
  readonly isRemoteClusterConnected: boolean;
  readonly runtimeVersion: string;
  readonly chartVersion: string;
  readonly repo: string;
  readonly managedClustersNum: number;
  readonly available: boolean;
  /** `down`: every app-proxy request gets the nginx 502 (§6 "App-proxy down"). */
  readonly appProxy: 'up' | 'down';
  /** Helm `app-proxy.config.skipGitPermissionValidation` (§4), default false. */
  readonly skipGitPermissionValidation: boolean;
  readonly sharingPolicy: SharingPolicy;
  readonly registrations: readonly SeedRegistration[];
  /**
   * Whether the account admin set up Git OAuth for this runtime (§1c git-auth; git-auth.ts).
   * `not-configured`: the git-auth URL answers an HTML error page instead of the provider's consent.
   */
  readonly oauth: 'configured' | 'not-configured';
}

const base = {
  accountId: SIM_ACCOUNT.id,
  namespace: 'codefresh',
  gitProvider: 'GITHUB',
  gitApiUrl: FAKE_GIT_API_URLS.github,
  accessMode: 'INGRESS',
  internalIngressHost: null,
  ingressClass: 'nginx',
  ingressController: 'k8s.io/ingress-nginx',
  installationStatus: 'COMPLETED',
  installationType: 'HELM',
  healthStatus: 'HEALTHY',
  healthMessage: null,
  syncStatus: 'SYNCED',
  managed: false,
  isRemoteClusterConnected: true,
  // Helm runtimes report their chart's version (gitops-runtime-helm); newer than 0.18.0, so they
  // take fine-grained GitHub tokens (docs PR #1250). `analytics` stays on an older one.
  runtimeVersion: '0.23.4',
  chartVersion: '0.23.4',
  managedClustersNum: 0,
  available: true,
  appProxy: 'up',
  skipGitPermissionValidation: false,
  sharingPolicy: 'ALL_USERS_IN_ACCOUNT',
  registrations: [],
  oauth: 'configured',
} as const satisfies Partial<SeedRuntime>;

const repo = (name: string) => `https://github.com/acme/codefresh-isc-${name}`;

export const SEED_RUNTIMES: readonly SeedRuntime[] = [
  {
    ...base,
    name: 'production',
    cluster: 'https://prod-eks.acme-corp.example',
    ingressHost: 'https://argo.acme-corp.example',
    repo: repo('production'),
    registrations: [
      { userId: SIM_USER.id, token: SEED_TOKENS.githubClassicOk.token, isValid: true },
      { userId: SIM_OTHER_USER.id, token: SEED_TOKENS.githubClassicNoExpiry.token, isValid: true },
    ],
  },
  {
    ...base,
    name: 'staging',
    cluster: 'https://kubernetes.default.svc',
    accessMode: 'TUNNEL',
    // §2: tunnel runtimes are reached at https://<accountId>-<runtimeName>.tunnels.cf-cd.com.
    ingressHost: `https://${SIM_ACCOUNT.id}-staging.tunnels.cf-cd.com`,
    ingressClass: null,
    ingressController: null,
    repo: repo('staging'),
  },
  {
    ...base,
    accountId: LABS_ACCOUNT.id,
    name: 'labs-ci',
    cluster: 'https://ci-k8s.acme-labs.example',
    ingressHost: 'https://argo.acme-labs.example',
    repo: 'https://github.com/acme-labs/codefresh-isc-labs-ci',
  },
  {
    ...base,
    accountId: GHE_ACCOUNT.id,
    name: 'ghe-runtime',
    cluster: 'https://onprem-k8s.acme-corp.example',
    gitApiUrl: FAKE_GIT_API_URLS.ghe,
    ingressHost: 'https://gitops.ghe-runtime.acme-corp.example',
    repo: `https://${GHE_HOST}/acme/codefresh-isc-ghe`,
    // §3d: `isValid: false` is how the app-proxy marks an invalid or expired user token.
    registrations: [{ userId: SIM_USER.id, token: SEED_TOKENS.gheClassicOk.token, isValid: false }],
    // The admin set up no OAuth app for the GHE server: git-auth answers an error page.
    oauth: 'not-configured',
  },
  {
    ...base,
    accountId: GITLAB_ACCOUNT.id,
    name: 'gitlab-eu',
    gitProvider: 'GITLAB',
    gitApiUrl: FAKE_GIT_API_URLS.gitlab,
    cluster: 'https://eu-gke.acme-corp.example',
    ingressHost: 'https://gitlab-eu.acme-corp.example',
    repo: 'https://gitlab.com/acme/codefresh-isc-gitlab-eu',
  },
  {
    ...base,
    accountId: GITLAB_ACCOUNT.id,
    // A second GitLab runtime, so "every runtime that used the token" means several (rotation).
    name: 'gitlab-us',
    gitProvider: 'GITLAB',
    gitApiUrl: FAKE_GIT_API_URLS.gitlab,
    cluster: 'https://us-gke.acme-corp.example',
    ingressHost: 'https://gitlab-us.acme-corp.example',
    repo: 'https://gitlab.com/acme/codefresh-isc-gitlab-us',
  },
  {
    ...base,
    accountId: BITBUCKET_ACCOUNT.id,
    name: 'bitbucket-cloud',
    gitProvider: 'BITBUCKET',
    gitApiUrl: FAKE_GIT_API_URLS.bitbucket,
    cluster: 'https://bb-aks.acme-corp.example',
    ingressHost: 'https://bb-cloud.acme-corp.example',
    repo: 'https://bitbucket.org/acme/codefresh-isc-bitbucket-cloud',
    // §1c lists git-auth for github, gitlab and bitbucket-server only.
    oauth: 'not-configured',
  },
  {
    ...base,
    accountId: BITBUCKET_DC_ACCOUNT.id,
    name: 'bitbucket-dc',
    gitProvider: 'BITBUCKET_SERVER',
    gitApiUrl: FAKE_GIT_API_URLS.bitbucketDc,
    cluster: 'https://dc-k8s.acme-corp.example',
    ingressHost: 'https://bb-dc.acme-corp.example',
    repo: `https://${BITBUCKET_DC_HOST}/scm/acme/codefresh-isc-bitbucket-dc.git`,
  },
  {
    ...base,
    name: 'qa',
    cluster: 'https://qa-k8s.acme-corp.example',
    ingressHost: 'https://qa.acme-corp.example',
    repo: repo('qa'),
    healthStatus: 'DEGRADED',
    healthMessage: 'app-proxy: Deployment does not have minimum availability',
    appProxy: 'down',
  },
  {
    ...base,
    name: 'edge',
    cluster: 'https://edge-k3s.acme-corp.example',
    // §6: "runtime does not have ingressHost configured" is the client's own error for this one.
    ingressHost: null,
    ingressClass: null,
    ingressController: null,
    repo: repo('edge'),
  },
  {
    ...base,
    name: 'dev',
    cluster: 'https://dev-kind.acme-corp.example',
    ingressHost: 'https://dev.acme-corp.example',
    repo: repo('dev'),
    installationStatus: 'IN_PROGRESS',
    healthStatus: 'PROGRESSING',
    syncStatus: 'SYNCING',
    isRemoteClusterConnected: false,
    available: false,
  },
  // Two more GitHub runtimes without a token, so 'all runtimes missing one' means several.
  {
    ...base,
    name: 'sandbox',
    cluster: 'https://sandbox-k8s.acme-corp.example',
    ingressHost: 'https://sandbox.acme-corp.example',
    repo: repo('sandbox'),
  },
  {
    ...base,
    name: 'eu-private',
    cluster: 'https://eu-private-k8s.acme-corp.example',
    // Docs (hybrid GitOps runtime, internal ingress): `/app-proxy/` moves to the internal host and the
    // external one keeps only webhooks; go-sdk AppProxy() therefore calls internalIngressHost (§2).
    ingressHost: 'https://hooks.eu-private.acme-corp.example',
    internalIngressHost: 'https://argo-internal.eu-private.acme-corp.example',
    repo: repo('eu-private'),
    registrations: [{ userId: SIM_USER.id, token: SEED_TOKENS.githubClassicOk.token, isValid: true }],
  },
  {
    ...base,
    name: 'analytics',
    // Before fine-grained GitHub tokens: its app-proxy refuses them with the CLI's text.
    runtimeVersion: '0.17.2',
    chartVersion: '0.17.2',
    cluster: 'https://kubernetes.default.svc',
    accessMode: 'TUNNEL',
    ingressHost: `https://${SIM_ACCOUNT.id}-analytics.tunnels.cf-cd.com`,
    ingressClass: null,
    ingressController: null,
    repo: repo('analytics'),
  },
  {
    ...base,
    name: 'ops',
    cluster: 'https://ops-k8s.acme-corp.example',
    ingressHost: 'https://ops.acme-corp.example',
    repo: repo('ops'),
    // §3d: `isValid: false` is how the app-proxy marks an invalid or expired user token.
    registrations: [{ userId: SIM_USER.id, token: SEED_TOKENS.githubClassicExpired.token, isValid: false }],
  },
  {
    ...base,
    // [INFERRED] A runtime of the GitHub account whose integration still reports GitLab (installed
    // before the account settled on GitHub, say): the docs' one-provider rule says it should not
    // exist, so the extension must show what it reports and send it no GitHub token.
    name: 'legacy-gitlab',
    gitProvider: 'GITLAB',
    gitApiUrl: FAKE_GIT_API_URLS.gitlab,
    cluster: 'https://legacy-k8s.acme-corp.example',
    ingressHost: 'https://legacy-gitlab.acme-corp.example',
    repo: 'https://gitlab.com/acme/codefresh-isc-legacy',
  },
];

/**
 * acme-gitlab's own `production`, beside acme's (`createSimulator({ sameNamedRuntime: true })`; not
 * in the default seed). [inferred] that two accounts may each have a runtime of the same name: the
 * platform looks a runtime up by name within the key's account (`runtime(name)`, §3b) and no source
 * says names are unique across accounts. An address the user sets for one must not steer the other.
 */
export const SAME_NAMED_RUNTIME: SeedRuntime = {
  ...base,
  accountId: GITLAB_ACCOUNT.id,
  name: 'production',
  gitProvider: 'GITLAB',
  gitApiUrl: FAKE_GIT_API_URLS.gitlab,
  cluster: 'https://team-gke.acme-corp.example',
  ingressHost: 'https://argo.gitlab-team.acme-corp.example',
  repo: 'https://gitlab.com/acme/codefresh-isc-production',
  // git-auth.ts finds runtimes by name, which would be acme's; no OAuth flow is simulated here.
  oauth: 'not-configured',
};

/** The runtimes the platform lists to a key of `accountId`. */
export const runtimesOfAccount = (runtimes: readonly SeedRuntime[], accountId: string): SeedRuntime[] =>
  runtimes.filter((r) => r.accountId === accountId);

/** Alice's API key in the account that owns `runtimeName` (tests sign in with the right one). */
export const apiKeyForRuntime = (runtimeName: string): string => {
  const accountId = findSeedRuntime(runtimeName)?.accountId ?? SIM_ACCOUNT.id;
  const entry = [...API_KEYS].find(([, c]) => c.user.id === SIM_USER.id && c.account.id === accountId);
  return entry ? entry[0] : DEMO_API_KEY;
};

export const findSeedRuntime = (name: string): SeedRuntime | undefined =>
  SEED_RUNTIMES.find((r) => r.name === name);

/**
 * `count` more GitHub runtimes for the bench (`createSimulator({ extraGithubRuntimes })`):
 * `bench-01`, `bench-02`, … each with its own ingress host `https://bench-NN.acme-corp.example`,
 * healthy, installed, and without a token. Not part of the default seed.
 */
export const extraGithubRuntimes = (count: number): SeedRuntime[] =>
  Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i) => {
    const name = `bench-${String(i + 1).padStart(2, '0')}`;
    return {
      ...base,
      name,
      cluster: `https://${name}-k8s.acme-corp.example`,
      ingressHost: `https://${name}.acme-corp.example`,
      repo: repo(name),
    };
  });

const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  // §2: ingressHost normally has a scheme, but clients add `https://` when it does not.
  return new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`).host;
};

/** The host a client reaches the runtime's app-proxy on: internalIngressHost, else ingressHost (§2). */
export const appProxyHost = (runtimeName: string): string | null => {
  const runtime = findSeedRuntime(runtimeName);
  return runtime ? appProxyHostOf(runtime) : null;
};

/** `appProxyHost` for a runtime in hand (the default seed or the extra bench runtimes). */
export const appProxyHostOf = (runtime: SeedRuntime): string | null =>
  hostOf(runtime.internalIngressHost) ?? hostOf(runtime.ingressHost);

export const appProxyUrlOf = (runtime: SeedRuntime): string | null => {
  const host = appProxyHostOf(runtime);
  return host ? `https://${host}${APP_PROXY_GRAPHQL_PATH}` : null;
};

export const appProxyUrl = (runtimeName: string): string | null => {
  const host = appProxyHost(runtimeName);
  return host ? `https://${host}${APP_PROXY_GRAPHQL_PATH}` : null;
};

/** Runtime host → runtime name of `runtimes`, for dispatching requests. */
export const runtimeByHost = (runtimes: readonly SeedRuntime[]): ReadonlyMap<string, string> =>
  new Map(
    runtimes.flatMap((r) => {
      const host = appProxyHostOf(r);
      return host ? [[host, r.name] as const] : [];
    }),
  );

/**
 * External hosts of runtimes with an internal ingress: they serve webhooks only, so `/app-proxy/`
 * there is a 404 (§2; the page itself is [inferred]).
 */
export const webhooksOnlyHostsOf = (runtimes: readonly SeedRuntime[]): readonly string[] =>
  runtimes.flatMap((r) => {
    const external = hostOf(r.ingressHost);
    return r.internalIngressHost && external && external !== hostOf(r.internalIngressHost) ? [external] : [];
  });

export const WEBHOOKS_ONLY_HOSTS: readonly string[] = webhooksOnlyHostsOf(SEED_RUNTIMES);

/** Runtime host → runtime name, for dispatching requests. */
export const RUNTIME_BY_HOST: ReadonlyMap<string, string> = runtimeByHost(SEED_RUNTIMES);

export const RUNTIME_HOSTS: readonly string[] = [...RUNTIME_BY_HOST.keys()];

/** GitHub.com's web host: only its (simulated) OAuth consent page is served there (git-auth.ts). */
export const GITHUB_WEB_HOST = 'github.com';

export const GIT_HOSTS: readonly string[] = [
  GITHUB_HOST,
  GITHUB_WEB_HOST,
  GHE_HOST,
  GITLAB_HOST,
  BITBUCKET_HOST,
  BITBUCKET_DC_HOST,
];

/** Every host name the simulator answers. */
export const SIM_HOSTS: readonly string[] = [
  PLATFORM_HOST,
  SELF_HOSTED_PLATFORM_HOST,
  ...RUNTIME_HOSTS,
  ...WEBHOOKS_ONLY_HOSTS,
  ...GIT_HOSTS,
];
