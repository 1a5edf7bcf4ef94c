import { beforeEach, describe, expect, it } from 'vitest';
import {
  BITBUCKET_ACCOUNT,
  BITBUCKET_DC_ACCOUNT,
  BITBUCKET_DC_API_KEY,
  createSimulator,
  DEMO_API_KEY,
  GHE_ACCOUNT,
  GHE_API_KEY,
  GITLAB_ACCOUNT,
  LABS_ACCOUNT,
  OTHER_API_KEY,
  SIM_ACCOUNT,
  SIM_OTHER_USER,
  SIM_USER,
} from './index';
import { gql, keyFor, PLATFORM } from './test-helpers';

// The documents below are the SDK's, verbatim from docs/platform-contract.md §3.
const ME = `query Me { me { id name email isAdmin accounts { id name }
  activeAccount { id name gitProvider gitApiUrl sharedConfigRepo admins features { gitopsPlanEnforcement } } } }`;

const RUNTIMES = `query Runtimes {
  runtimes {
    edges {
      node {
        metadata { name namespace }
        self { syncStatus healthMessage healthStatus }
        syncStatus healthMessage healthStatus
        managed cluster ingressHost runtimeVersion
        installationStatus installationType
      }
    }
  }
}`;

const GET_RUNTIME = `query GetRuntime($name: String!) {
  runtime(name: $name) {
    metadata { name namespace }
    self { syncStatus healthMessage healthStatus }
    syncStatus healthStatus healthMessage cluster managed isRemoteClusterConnected
    ingressHost internalIngressHost ingressClass ingressController
    runtimeVersion installationStatus installationType repo managedClustersNum
    gitProvider accessMode
  }
}`;

const UNAUTHORIZED = { errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] };

describe('fake platform GraphQL (§2, §3)', () => {
  const sim = createSimulator();
  beforeEach(() => sim.reset());

  it('me: the user owning the API key, with the active account (§3c)', async () => {
    const { status, body } = await gql(sim, PLATFORM, ME);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      me: {
        id: SIM_USER.id,
        name: 'Alice Example',
        email: 'alice@acme-corp.example',
        isAdmin: false,
        // The same user in every account she has a key for; the key's own account is the active one.
        accounts: [
          SIM_ACCOUNT,
          LABS_ACCOUNT,
          GHE_ACCOUNT,
          GITLAB_ACCOUNT,
          BITBUCKET_ACCOUNT,
          BITBUCKET_DC_ACCOUNT,
        ].map((a) => ({ id: a.id, name: a.name })),
        activeAccount: {
          id: '64f0acc0000000000000acme',
          name: 'acme',
          gitProvider: 'GITHUB',
          gitApiUrl: 'https://api.github.com',
          sharedConfigRepo: SIM_ACCOUNT.sharedConfigRepo,
          admins: [SIM_OTHER_USER.id],
          features: { gitopsPlanEnforcement: false },
        },
      },
    });
    const bob = await gql(sim, PLATFORM, 'query Me { me { id name } }', undefined, {
      Authorization: OTHER_API_KEY,
    });
    expect(bob.body.data).toEqual({ me: { id: SIM_OTHER_USER.id, name: 'Bob Example' } });
  });

  it('me answers for the account that owns the key: one Git provider per account', async () => {
    const ghe = await gql(sim, PLATFORM, ME, undefined, { Authorization: GHE_API_KEY });
    expect((ghe.body.data!.me as { activeAccount: unknown }).activeAccount).toMatchObject({
      id: GHE_ACCOUNT.id,
      gitProvider: 'GITHUB',
      gitApiUrl: 'https://ghe.acme-corp.example/api/v3',
    });
    const gitlab = await gql(sim, PLATFORM, ME, undefined, keyFor('gitlab-eu'));
    expect((gitlab.body.data!.me as { isAdmin: boolean }).isAdmin).toBe(true);
  });

  it('models_gen.go nullability: Account.name, Account.admins and User.isAdmin may be null', async () => {
    const { status, body } = await gql(sim, PLATFORM, ME, undefined, { Authorization: BITBUCKET_DC_API_KEY });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const me = body.data!.me as { isAdmin: unknown; activeAccount: Record<string, unknown> };
    expect(me.isAdmin).toBeNull();
    expect(me.activeAccount).toMatchObject({
      id: BITBUCKET_DC_ACCOUNT.id,
      name: null,
      admins: null,
      gitProvider: 'BITBUCKET_SERVER',
    });
  });

  it('Runtime.accessMode, isRemoteClusterConnected, managedClustersNum and available are non-null', async () => {
    const { status, body } = await gql(
      sim,
      PLATFORM,
      'query { __type(name: "Runtime") { fields { name type { kind } } } }',
    );
    expect(status).toBe(200);
    const kinds = Object.fromEntries(
      (body.data!.__type as { fields: { name: string; type: { kind: string } }[] }).fields.map((f) => [
        f.name,
        f.type.kind,
      ]),
    );
    for (const field of ['accessMode', 'isRemoteClusterConnected', 'managedClustersNum', 'available']) {
      expect(kinds[field]).toBe('NON_NULL');
    }
  });

  it('runtimes: edges[].node with the §3a selection, every seeded runtime', async () => {
    const { status, body } = await gql(sim, PLATFORM, RUNTIMES);
    expect(status).toBe(200);
    const edges = (body.data!.runtimes as { edges: { node: Record<string, unknown> }[] }).edges;
    // Only the key's own account: the GitHub one (the other providers have their own accounts).
    expect(edges.map((e) => (e.node.metadata as { name: string }).name)).toEqual([
      'production',
      'staging',
      'qa',
      'edge',
      'dev',
      'sandbox',
      'eu-private',
      'analytics',
      'ops',
      'legacy-gitlab',
    ]);
    const gitlab = await gql(sim, PLATFORM, RUNTIMES, undefined, keyFor('gitlab-eu'));
    expect(
      (gitlab.body.data!.runtimes as { edges: { node: { metadata: { name: string } } }[] }).edges.map(
        (e) => e.node.metadata.name,
      ),
    ).toEqual(['gitlab-eu', 'gitlab-us']);
    expect(edges[0]!.node).toEqual({
      metadata: { name: 'production', namespace: 'codefresh' },
      self: { syncStatus: 'SYNCED', healthMessage: null, healthStatus: 'HEALTHY' },
      syncStatus: 'SYNCED',
      healthMessage: null,
      healthStatus: 'HEALTHY',
      managed: false,
      cluster: 'https://prod-eks.acme-corp.example',
      ingressHost: 'https://argo.acme-corp.example',
      runtimeVersion: '0.23.4',
      installationStatus: 'COMPLETED',
      installationType: 'HELM',
    });
  });

  it('runtimes: the simulator-contract selection, pageInfo and slices', async () => {
    const { body } = await gql(
      sim,
      PLATFORM,
      `query Runtimes { runtimes { edges { node { metadata{name namespace} ingressHost internalIngressHost
        healthStatus syncStatus installationStatus installationType managed accessMode runtimeVersion gitProvider cluster } }
        pageInfo { hasNextPage endCursor } } }`,
    );
    const runtimes = body.data!.runtimes as {
      edges: { node: { metadata: { name: string }; [k: string]: unknown } }[];
      pageInfo: { hasNextPage: boolean };
    };
    const byName = Object.fromEntries(runtimes.edges.map((e) => [e.node.metadata.name, e.node]));
    expect(byName.staging).toMatchObject({
      accessMode: 'TUNNEL',
      ingressHost: 'https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com',
    });
    expect(byName.edge).toMatchObject({
      ingressHost: null,
      internalIngressHost: null,
      installationStatus: 'COMPLETED',
    });
    expect(byName.dev).toMatchObject({ installationStatus: 'IN_PROGRESS' });
    expect(byName['legacy-gitlab']).toMatchObject({ gitProvider: 'GITLAB' });
    expect(byName['bitbucket-dc']).toBeUndefined();
    expect(runtimes.pageInfo.hasNextPage).toBe(false);

    const page = await gql(
      sim,
      PLATFORM,
      'query($after: String) { runtimes(pagination: { first: 2, after: $after }) { edges { node { metadata { name } } } pageInfo { hasNextPage endCursor } } }',
    );
    const first = page.body.data!.runtimes as {
      edges: unknown[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      sim,
      PLATFORM,
      'query($after: String) { runtimes(pagination: { first: 2, after: $after }) { edges { node { metadata { name } } } } }',
      { after: first.pageInfo.endCursor },
    );
    expect(next.body.data).toEqual({
      runtimes: {
        edges: [{ node: { metadata: { name: 'qa' } } }, { node: { metadata: { name: 'edge' } } }],
      },
    });
  });

  it('runtime(name): every §3b field', async () => {
    const { status, body } = await gql(
      sim,
      PLATFORM,
      GET_RUNTIME,
      { name: 'ghe-runtime' },
      keyFor('ghe-runtime'),
    );
    expect(status).toBe(200);
    expect(body.data!.runtime).toEqual({
      metadata: { name: 'ghe-runtime', namespace: 'codefresh' },
      self: { syncStatus: 'SYNCED', healthMessage: null, healthStatus: 'HEALTHY' },
      syncStatus: 'SYNCED',
      healthStatus: 'HEALTHY',
      healthMessage: null,
      cluster: 'https://onprem-k8s.acme-corp.example',
      managed: false,
      isRemoteClusterConnected: true,
      ingressHost: 'https://gitops.ghe-runtime.acme-corp.example',
      internalIngressHost: null,
      ingressClass: 'nginx',
      ingressController: 'k8s.io/ingress-nginx',
      runtimeVersion: '0.23.4',
      installationStatus: 'COMPLETED',
      installationType: 'HELM',
      repo: 'https://ghe.acme-corp.example/acme/codefresh-isc-ghe',
      managedClustersNum: 0,
      gitProvider: 'GITHUB',
      accessMode: 'INGRESS',
    });
  });

  it('runtime(name) for an unknown name is data.runtime = null, no error (§6)', async () => {
    const { status, body } = await gql(sim, PLATFORM, GET_RUNTIME, { name: 'no-such-runtime' });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { runtime: null } });
    // Another account's runtime is unknown to this key too.
    const foreign = await gql(sim, PLATFORM, GET_RUNTIME, { name: 'ghe-runtime' });
    expect(foreign.body).toEqual({ data: { runtime: null } });
  });

  it('refuses `Bearer <key>`, a missing key and an unknown key with 401 UNAUTHENTICATED', async () => {
    for (const headers of [
      { Authorization: `Bearer ${DEMO_API_KEY}` },
      {} as Record<string, string>,
      { Authorization: '64f0c0ffee0000000000ffff.notAKnownKey000000000000000000' },
    ]) {
      const { status, body } = await gql(sim, PLATFORM, 'query Me { me { id } }', undefined, headers);
      expect(status).toBe(401);
      expect(body).toEqual(UNAUTHORIZED);
    }
  });

  it('validation: unknown field, missing required argument, wrong argument type → 400', async () => {
    const unknown = await gql(sim, PLATFORM, 'query { me { id gitToken } }');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toBe('Cannot query field "gitToken" on type "User".');
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknown.body.data).toBeUndefined();

    const missing = await gql(sim, PLATFORM, 'query { runtime { metadata { name } } }');
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.message).toMatch(/argument "name" of type "String!" is required/);

    const wrongType = await gql(sim, PLATFORM, 'query { runtime(name: 42) { metadata { name } } }');
    expect(wrongType.status).toBe(400);

    const badVariable = await gql(sim, PLATFORM, GET_RUNTIME, { name: null });
    expect(badVariable.status).toBe(400);
    expect(badVariable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const syntax = await gql(sim, PLATFORM, 'query { me { id ');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('POST only; GET on the endpoint is 405; a non-GraphQL body is 400', async () => {
    const get = await sim.fetch(PLATFORM, { headers: { Authorization: DEMO_API_KEY } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const notJson = await sim.fetch(PLATFORM, {
      method: 'POST',
      headers: { Authorization: DEMO_API_KEY },
      body: 'hi',
    });
    expect(notJson.status).toBe(400);
  });

  it('answers a CORS preflight for the platform origin only', async () => {
    const ok = await sim.fetch(PLATFORM, {
      method: 'OPTIONS',
      headers: { Origin: 'https://g.codefresh.io', 'Access-Control-Request-Method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://g.codefresh.io');
    const other = await sim.fetch(PLATFORM, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
