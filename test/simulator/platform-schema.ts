/**
 * The slice of the platform GraphQL schema the extension may touch, from docs/platform-contract.md
 * §3 (documents in go-sdk/pkg/graphql, enums and fields in platform/models_gen.go). A field not
 * listed here is a validation error, so a client asking for something the reference does not
 * know fails in tests instead of in production.
 */
import { buildSchema } from 'graphql';
import { accountsOf, isAdminIn, type SimAccount, type SimCaller } from './seed';
import { type RuntimeState, runtimeKey, type WorldState } from './state';

export const PLATFORM_SDL = /* GraphQL */ `
  enum GitProviders { BITBUCKET BITBUCKET_SERVER GERRIT GITHUB GITLAB }
  enum InstallationStatus { COMPLETED FAILED IN_PROGRESS }
  enum InstallationType { HELM HELM_HOSTED }
  enum AccessMode { INGRESS TUNNEL }
  enum HealthStatus { HEALTHY DEGRADED PROGRESSING SUSPENDED MISSING TERMINATED UNKNOWN }
  enum SyncStatus { SYNCED OUT_OF_SYNC SYNCING UNKNOWN }

  type ObjectMeta { name: String! namespace: String }

  type RuntimeSelf { syncStatus: SyncStatus! healthStatus: HealthStatus healthMessage: String }

  "§3b: every field GetRuntime selects, plus §3a's and the 'other fields' line."
  type Runtime {
    metadata: ObjectMeta!
    self: RuntimeSelf!
    syncStatus: SyncStatus!
    healthStatus: HealthStatus
    healthMessage: String
    cluster: String
    managed: Boolean!
    isRemoteClusterConnected: Boolean!
    ingressHost: String
    internalIngressHost: String
    ingressClass: String
    ingressController: String
    runtimeVersion: String
    chartVersion: String
    installationStatus: InstallationStatus!
    installationType: InstallationType!
    repo: String
    managedClustersNum: Int!
    gitProvider: GitProviders
    accessMode: AccessMode!
    available: Boolean!
    isConfigurationRuntime: Boolean
  }

  type RuntimeEdge { node: Runtime! cursor: String! }

  "§3a: the model has pageInfo; the SDK does not query it."
  type PageInfo { hasNextPage: Boolean! hasPrevPage: Boolean! startCursor: String endCursor: String }

  type RuntimesConnection { edges: [RuntimeEdge!]! pageInfo: PageInfo! }

  "[INFERRED] Relay-style slice arguments; the SDK sends none, so the default is every runtime."
  input SlicePaginationArgs { first: Int after: String }

  type AccountFeatures { gitopsPlanEnforcement: Boolean }

  "Nullability as go-sdk platform/models_gen.go: Name *string, Admins []string."
  type Account {
    id: ID!
    name: String
    gitProvider: GitProviders
    gitApiUrl: String
    sharedConfigRepo: String
    admins: [String!]
    features: AccountFeatures
  }

  "§3c Me. isAdmin is *bool in models_gen.go."
  type User {
    id: ID!
    name: String!
    email: String!
    isAdmin: Boolean
    accounts: [Account!]!
    activeAccount: Account
  }

  type Query {
    me: User
    runtimes(pagination: SlicePaginationArgs): RuntimesConnection!
    "§3b/§6: an unknown name is data.runtime = null, not an error."
    runtime(name: String!): Runtime
  }
`;

export const platformSchema = buildSchema(PLATFORM_SDL);

export interface PlatformContext extends SimCaller {
  readonly world: WorldState;
}

const toRuntime = ({ seed }: RuntimeState) => ({
  metadata: { name: seed.name, namespace: seed.namespace },
  self: { syncStatus: seed.syncStatus, healthStatus: seed.healthStatus, healthMessage: seed.healthMessage },
  syncStatus: seed.syncStatus,
  healthStatus: seed.healthStatus,
  healthMessage: seed.healthMessage,
  cluster: seed.cluster,
  managed: seed.managed,
  isRemoteClusterConnected: seed.isRemoteClusterConnected,
  ingressHost: seed.ingressHost,
  internalIngressHost: seed.internalIngressHost,
  ingressClass: seed.ingressClass,
  ingressController: seed.ingressController,
  runtimeVersion: seed.runtimeVersion,
  chartVersion: seed.chartVersion,
  installationStatus: seed.installationStatus,
  installationType: seed.installationType,
  repo: seed.repo,
  managedClustersNum: seed.managedClustersNum,
  gitProvider: seed.gitProvider,
  accessMode: seed.accessMode,
  available: seed.available,
  isConfigurationRuntime: seed.name === 'production',
});

const accountOf = (account: SimAccount) => ({
  id: account.id,
  name: account.name,
  gitProvider: account.gitProvider,
  gitApiUrl: account.gitApiUrl,
  sharedConfigRepo: account.sharedConfigRepo,
  admins: account.admins,
  features: account.features,
});

/** The API key's account sees its own runtimes only (Corrections: a key works in one account). */
const ownRuntimes = (world: WorldState, account: SimAccount): RuntimeState[] =>
  [...world.values()].filter((r) => r.seed.accountId === account.id);

/** Cursors are the runtime's name, base64-encoded, as opaque as a client should treat them. */
const cursorOf = (name: string): string => Buffer.from(`runtime:${name}`).toString('base64');

export const platformRoot = {
  me: (_args: unknown, { user, account }: PlatformContext) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    isAdmin: isAdminIn(account, user),
    accounts: accountsOf(user).map(accountOf),
    activeAccount: accountOf(account),
  }),

  runtimes: (
    { pagination }: { pagination?: { first?: number | null; after?: string | null } | null },
    { world, account }: PlatformContext,
  ) => {
    const all = ownRuntimes(world, account);
    const afterIndex = pagination?.after
      ? all.findIndex((r) => cursorOf(r.seed.name) === pagination.after)
      : -1;
    const from = afterIndex + 1;
    const to =
      pagination?.first != null ? Math.min(all.length, from + Math.max(0, pagination.first)) : all.length;
    const slice = all.slice(from, to);
    return {
      edges: slice.map((r) => ({ node: toRuntime(r), cursor: cursorOf(r.seed.name) })),
      pageInfo: {
        hasNextPage: to < all.length,
        hasPrevPage: from > 0,
        startCursor: slice[0] ? cursorOf(slice[0].seed.name) : null,
        endCursor: slice.at(-1) ? cursorOf(slice.at(-1)!.seed.name) : null,
      },
    };
  },

  runtime: ({ name }: { name: string }, { world, account }: PlatformContext) => {
    const state = world.get(runtimeKey({ accountId: account.id, name }));
    return state ? toRuntime(state) : null;
  },
};
