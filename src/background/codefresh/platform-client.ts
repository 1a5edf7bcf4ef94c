import * as v from 'valibot';
import { GIT_PROVIDERS, parseGitProvider, unsupportedProviderName } from '../../providers/registry';
import type { MessageKey } from '../../shared/i18n';
import type { AccessMode, GitProvider, InstallationStatus } from '../../shared/runtime-types';
import { badShape, type GraphqlDeps, type GraphqlEndpoint, graphqlRequest } from './graphql-request';

/** The platform's GraphQL path (go-sdk client.go default, docs/platform-contract.md §2). */
export const PLATFORM_GRAPHQL_PATH = '/2.0/api/graphql';

// Documents from docs/platform-contract.md §3 and its simulator contract; field names must stay exact.
const ME_FIELDS = 'id name email activeAccount { id name gitProvider gitApiUrl }';
export const ME_QUERY = `query Me { me { ${ME_FIELDS} } }`;

const RUNTIME_FIELDS =
  'metadata { name namespace } ingressHost internalIngressHost healthStatus syncStatus installationStatus installationType managed accessMode runtimeVersion gitProvider cluster repo';

export const RUNTIMES_QUERY = `query Runtimes { runtimes { edges { node { ${RUNTIME_FIELDS} } } } }`;
/**
 * `me` and `runtimes` in one document: a GraphQL operation may select several root fields
 * (spec.graphql.org, "Selection Sets"), so a new session's first list costs one platform request
 * (docs/platform-contract.md §3e).
 */
export const FIRST_SCREEN_QUERY = `query FirstScreen { me { ${ME_FIELDS} } runtimes { edges { node { ${RUNTIME_FIELDS} } } } }`;
export const GET_RUNTIME_QUERY = `query GetRuntime($name: String!) { runtime(name: $name) { ${RUNTIME_FIELDS} } }`;

export interface PlatformAccount {
  readonly id: string;
  readonly name: string;
  readonly gitProvider: GitProvider | null;
  readonly gitApiUrl: string | null;
}

/** `me`, in the shape the platform answers it. */
export interface PlatformUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly activeAccount: PlatformAccount | null;
}

export interface PlatformRuntime {
  readonly name: string;
  readonly namespace: string | null;
  readonly cluster: string | null;
  readonly ingressHost: string | null;
  readonly internalIngressHost: string | null;
  readonly healthStatus: string | null;
  readonly syncStatus: string | null;
  readonly installationStatus: InstallationStatus | null;
  readonly installationType: string | null;
  readonly managed: boolean;
  readonly accessMode: AccessMode | null;
  readonly runtimeVersion: string | null;
  readonly gitProvider: GitProvider | null;
  /** The name of a Git provider Codefresh knows but this extension does not support (Gerrit). */
  readonly unsupportedGitProvider?: string | null;
  readonly repo: string | null;
}

const INSTALLATION: readonly InstallationStatus[] = ['COMPLETED', 'FAILED', 'IN_PROGRESS'];
const ACCESS_MODES: readonly AccessMode[] = ['INGRESS', 'TUNNEL'];

const text = v.nullish(v.string());
/** An enum the server may extend: unknown values become null instead of failing the whole list. */
const oneOf = <T extends string>(values: readonly T[]) =>
  v.pipe(
    v.nullish(v.string()),
    v.transform((s): T | null => (values.includes(s as T) ? (s as T) : null)),
  );

const MeField = v.nullable(
  v.object({
    id: v.pipe(v.string(), v.minLength(1)),
    name: text,
    email: text,
    activeAccount: v.nullish(
      v.object({ id: text, name: text, gitProvider: oneOf(GIT_PROVIDERS), gitApiUrl: text }),
    ),
  }),
);
const MeData = v.object({ me: MeField });

const RuntimeNode = v.object({
  metadata: v.object({ name: v.pipe(v.string(), v.minLength(1)), namespace: text }),
  ingressHost: text,
  internalIngressHost: text,
  healthStatus: text,
  syncStatus: text,
  installationStatus: oneOf(INSTALLATION),
  installationType: text,
  managed: v.nullish(v.boolean()),
  accessMode: oneOf(ACCESS_MODES),
  runtimeVersion: text,
  gitProvider: text,
  cluster: text,
  repo: text,
});

const RuntimesField = v.object({ edges: v.array(v.object({ node: RuntimeNode })) });
const RuntimesData = v.object({ runtimes: RuntimesField });
const FirstScreenData = v.object({ me: MeField, runtimes: RuntimesField });
const RuntimeData = v.object({ runtime: v.nullable(RuntimeNode) });

const toRuntime = (n: v.InferOutput<typeof RuntimeNode>): PlatformRuntime => ({
  name: n.metadata.name,
  namespace: n.metadata.namespace ?? null,
  cluster: n.cluster ?? null,
  ingressHost: n.ingressHost ?? null,
  internalIngressHost: n.internalIngressHost ?? null,
  healthStatus: n.healthStatus ?? null,
  syncStatus: n.syncStatus ?? null,
  installationStatus: n.installationStatus ?? null,
  installationType: n.installationType ?? null,
  managed: n.managed ?? false,
  accessMode: n.accessMode ?? null,
  runtimeVersion: n.runtimeVersion ?? null,
  gitProvider: parseGitProvider(n.gitProvider),
  unsupportedGitProvider: unsupportedProviderName(n.gitProvider),
  repo: n.repo ?? null,
});

export interface PlatformClientOptions extends GraphqlDeps {
  /** e.g. `https://g.codefresh.io` or a self-hosted platform's origin. */
  readonly platformOrigin: string;
}

export interface PlatformClient {
  me(apiKey: string, signal?: AbortSignal): Promise<PlatformUser>;
  runtimes(apiKey: string, signal?: AbortSignal): Promise<readonly PlatformRuntime[]>;
  /** Both of the above in one request (`FIRST_SCREEN_QUERY`). */
  meAndRuntimes(
    apiKey: string,
    signal?: AbortSignal,
  ): Promise<{ readonly me: PlatformUser; readonly runtimes: readonly PlatformRuntime[] }>;
  /** null when the platform knows no runtime by that name (`data.runtime: null`, docs/platform-contract.md §6). */
  runtime(apiKey: string, name: string, signal?: AbortSignal): Promise<PlatformRuntime | null>;
}

/** The Codefresh platform GraphQL: who the API key belongs to, and the account's runtimes. */
export const createPlatformClient = (options: PlatformClientOptions): PlatformClient => {
  const origin = new URL(options.platformOrigin).origin;
  const endpoint: GraphqlEndpoint = {
    target: 'platform',
    url: `${origin}${PLATFORM_GRAPHQL_PATH}`,
    platformOrigin: origin,
  };
  const deps: GraphqlDeps = {
    fetch: options.fetch,
    ...(options.hasHostAccess === undefined ? {} : { hasHostAccess: options.hasHostAccess }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const request = async <S extends v.GenericSchema>(
    schema: S,
    badShapeSentence: MessageKey,
    query: string,
    operationName: string,
    variables: Record<string, unknown>,
    apiKey: string,
    signal: AbortSignal | undefined,
  ): Promise<v.InferOutput<S>> => {
    const data = await graphqlRequest(deps, endpoint, {
      query,
      operationName,
      variables,
      apiKey,
      ...(signal ? { signal } : {}),
    });
    const parsed = v.safeParse(schema, data);
    if (!parsed.success) throw badShape(endpoint, badShapeSentence);
    return parsed.output;
  };

  const userOf = (me: v.InferOutput<typeof MeField>): PlatformUser => {
    if (!me) throw badShape(endpoint, 'platformNoUserForApiKey');
    const account = me.activeAccount;
    return {
      id: me.id,
      name: me.name ?? '',
      email: me.email ?? '',
      activeAccount: account
        ? {
            id: account.id ?? '',
            name: account.name ?? '',
            gitProvider: account.gitProvider ?? null,
            gitApiUrl: account.gitApiUrl ?? null,
          }
        : null,
    };
  };

  return {
    async me(apiKey, signal) {
      const { me } = await request(MeData, 'platformUserUnexpectedShape', ME_QUERY, 'Me', {}, apiKey, signal);
      return userOf(me);
    },

    async meAndRuntimes(apiKey, signal) {
      const data = await request(
        FirstScreenData,
        'platformRuntimeListUnexpectedShape',
        FIRST_SCREEN_QUERY,
        'FirstScreen',
        {},
        apiKey,
        signal,
      );
      return { me: userOf(data.me), runtimes: data.runtimes.edges.map((e) => toRuntime(e.node)) };
    },

    async runtimes(apiKey, signal) {
      const data = await request(
        RuntimesData,
        'platformRuntimeListUnexpectedShape',
        RUNTIMES_QUERY,
        'Runtimes',
        {},
        apiKey,
        signal,
      );
      return data.runtimes.edges.map((e) => toRuntime(e.node));
    },

    async runtime(apiKey, name, signal) {
      const data = await request(
        RuntimeData,
        'platformRuntimeUnexpectedShape',
        GET_RUNTIME_QUERY,
        'GetRuntime',
        { name },
        apiKey,
        signal,
      );
      return data.runtime ? toRuntime(data.runtime) : null;
    },
  };
};
