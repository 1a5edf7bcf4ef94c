import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from './git-providers/index';
import {
  createSimulator,
  DEMO_API_KEY,
  OTHER_API_KEY,
  SIM_OTHER_USER,
  SIM_SESSION_TOKEN,
  SIM_USER,
} from './index';
import { appProxy, gql, keyFor, PRODUCTION, STAGING } from './test-helpers';

// The documents are the SDK's (§1a, §1b, §3d) and the Simulator contract's (items 4–7).
const GIT_INTEGRATION = `query GitIntegration($name: String) { gitIntegration(name: $name) {
  name provider apiUrl sharingPolicy registeredUsers users { userId isValid } } }`;
const GIT_INTEGRATIONS =
  'query GitIntegrations { gitIntegrations { name sharingPolicy provider apiUrl users { userId } } }';
const REGISTER = `mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) {
  registerToGitIntegration(args: $args) { name sharingPolicy provider apiUrl registeredUsers } }`;
const DEREGISTER = `mutation DeregisterFromGitIntegration($name: String) {
  deregisterFromGitIntegration(name: $name) { name sharingPolicy provider apiUrl registeredUsers } }`;

const T = SEED_TOKENS;
const last4 = (t: string) => t.slice(-4);

describe('fake app-proxy GraphQL (§1, §3d)', () => {
  const sim = createSimulator();
  beforeEach(() => sim.reset());

  it('gitIntegration: the default integration with its users; unknown name → null', async () => {
    const { status, body } = await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: null });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        gitIntegration: {
          name: 'default',
          provider: 'GITHUB',
          apiUrl: 'https://api.github.com',
          sharingPolicy: 'ALL_USERS_IN_ACCOUNT',
          registeredUsers: [SIM_USER.id, SIM_OTHER_USER.id],
          users: [
            { userId: SIM_USER.id, isValid: true },
            { userId: SIM_OTHER_USER.id, isValid: true },
          ],
        },
      },
    });
    const named = await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: 'default' });
    expect((named.body.data!.gitIntegration as { name: string }).name).toBe('default');
    const unknown = await gql(sim, PRODUCTION, GIT_INTEGRATION, { name: 'other' });
    expect(unknown.body).toEqual({ data: { gitIntegration: null } });

    const ghe = await gql(
      sim,
      appProxy('gitops.ghe-runtime.acme-corp.example'),
      GIT_INTEGRATION,
      undefined,
      keyFor('ghe-runtime'),
    );
    expect(ghe.body.data!.gitIntegration).toMatchObject({
      apiUrl: 'https://ghe.acme-corp.example/api/v3',
      users: [{ userId: SIM_USER.id, isValid: false }],
    });
  });

  it('gitIntegrations lists the one integration', async () => {
    const { body } = await gql(sim, STAGING, GIT_INTEGRATIONS);
    expect(body).toEqual({
      data: {
        gitIntegrations: [
          {
            name: 'default',
            sharingPolicy: 'ALL_USERS_IN_ACCOUNT',
            provider: 'GITHUB',
            apiUrl: 'https://api.github.com',
            users: [],
          },
        ],
      },
    });
  });

  it('register: validates the token, stores it for the caller, returns the integration', async () => {
    const { status, body } = await gql(sim, STAGING, REGISTER, { args: { token: T.githubClassicOk.token } });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        registerToGitIntegration: {
          name: 'default',
          sharingPolicy: 'ALL_USERS_IN_ACCOUNT',
          provider: 'GITHUB',
          apiUrl: 'https://api.github.com',
          registeredUsers: [SIM_USER.id],
        },
      },
    });
    expect(sim.registrations('staging')).toEqual([
      { userId: SIM_USER.id, tokenLastFour: last4(T.githubClassicOk.token), isValid: true },
    ]);
  });

  it('register again replaces the caller’s token and ignores args.userId (§1a)', async () => {
    await gql(sim, PRODUCTION, REGISTER, {
      args: { token: T.githubClassicNearExpiry.token, userId: SIM_OTHER_USER.id, name: 'default' },
    });
    expect(sim.registrations('production')).toEqual([
      { userId: SIM_OTHER_USER.id, tokenLastFour: last4(T.githubClassicNoExpiry.token), isValid: true },
      { userId: SIM_USER.id, tokenLastFour: last4(T.githubClassicNearExpiry.token), isValid: true },
    ]);
  });

  it('register: `args` is non-null as go-sdk declares it, so a nullable `$args` is a validation error', async () => {
    const { status, body } = await gql(
      sim,
      STAGING,
      'mutation R($args: RegisterToGitIntegrationArgs) { registerToGitIntegration(args: $args) { name __typename } }',
      { args: { name: 'default', token: T.githubClassicOk.token } },
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/RegisterToGitIntegrationArgs!/);
    expect(sim.registrations('staging')).toEqual([]);
  });

  it('a runtime refuses a key of another account, even a valid one (each provider is its own account)', async () => {
    const other = await gql(sim, appProxy('gitlab-eu.acme-corp.example'), GIT_INTEGRATION);
    expect(other.status).toBe(401);
    const own = await gql(
      sim,
      appProxy('gitlab-eu.acme-corp.example'),
      GIT_INTEGRATION,
      undefined,
      keyFor('gitlab-eu'),
    );
    expect(own.body.data!.gitIntegration).toMatchObject({ provider: 'GITLAB' });
  });

  it('register with a token missing `repo`: errors[], data null, nothing stored (§4, §6)', async () => {
    const { status, body } = await gql(sim, STAGING, REGISTER, {
      args: { token: T.githubClassicMissingRepo.token },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ registerToGitIntegration: null });
    expect(body.errors?.map((e) => e.message)).toEqual([
      'the provided token is missing one or more of the required scopes: repo',
    ]);
    expect(sim.registrations('staging')).toEqual([]);
  });

  it.each([
    [
      'fine-grained on a runtime of 0.18.0 or older',
      'analytics',
      T.githubFineGrained.token,
      undefined,
      /^validation for github fine-grained PAT is not supported yet, please use a classic token$/,
    ],
    [
      'fine-grained without Contents write',
      'staging',
      T.githubFineGrainedReadOnly.token,
      undefined,
      /no write access to acme\/codefresh-isc-staging/,
    ],
    [
      'fine-grained awaiting the organization’s approval',
      'staging',
      T.githubFineGrainedPending.token,
      undefined,
      /no write access/,
    ],
    ['revoked', 'staging', T.githubBad.token, undefined, /^personal-git-token invalid: /],
    ['empty', 'staging', '   ', undefined, /^token is required$/],
    ['GHE token on github.com', 'staging', T.gheClassicOk.token, undefined, /^personal-git-token invalid/],
    [
      'GitLab read_user only',
      'gitlab-eu',
      T.gitlabReadUserOnly.token,
      undefined,
      /"read_api" or "read_repository"/,
    ],
    [
      'Bitbucket without username',
      'bitbucket-cloud',
      T.bitbucketApiTokenOk.token,
      undefined,
      /username is required/,
    ],
    [
      'Bitbucket missing scope',
      'bitbucket-cloud',
      T.bitbucketApiTokenMissingScope.token,
      'alice@acme-corp.example',
      /missing required token scopes/,
    ],
    ['Bitbucket DC bad token', 'bitbucket-dc', T.bitbucketDcBad.token, undefined, /^invalid token$/],
  ])('register refuses a %s token', async (_label, runtime, token, username, message) => {
    const url = {
      staging: STAGING,
      analytics: appProxy('64f0acc0000000000000acme-analytics.tunnels.cf-cd.com'),
      'gitlab-eu': appProxy('gitlab-eu.acme-corp.example'),
      'bitbucket-cloud': appProxy('bb-cloud.acme-corp.example'),
      'bitbucket-dc': appProxy('bb-dc.acme-corp.example'),
    }[runtime]!;
    const { status, body } = await gql(
      sim,
      url,
      REGISTER,
      { args: { token, ...(username ? { username } : {}) } },
      keyFor(runtime),
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ registerToGitIntegration: null });
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(sim.registrations(runtime)).toEqual([]);
  });

  it.each([
    ['gitlab-eu', 'gitlab-eu.acme-corp.example', T.gitlabOk.token, undefined],
    ['bitbucket-cloud', 'bb-cloud.acme-corp.example', T.bitbucketApiTokenOk.token, 'alice@acme-corp.example'],
    ['bitbucket-dc', 'bb-dc.acme-corp.example', T.bitbucketDcOk.token, undefined],
    ['ghe-runtime', 'gitops.ghe-runtime.acme-corp.example', T.gheClassicOk.token, undefined],
  ])('register accepts a good token on %s', async (runtime, host, token, username) => {
    const { body } = await gql(
      sim,
      appProxy(host),
      REGISTER,
      { args: { token, ...(username ? { username } : {}) } },
      keyFor(runtime),
    );
    expect(body.errors).toBeUndefined();
    expect(sim.registrations(runtime)).toContainEqual({
      userId: SIM_USER.id,
      tokenLastFour: last4(token),
      ...(username ? { username } : {}),
      isValid: true,
    });
  });

  it('skipGitPermissionValidation lets an unvalidated token through', async () => {
    sim.setSkipValidation('staging', true);
    const { body } = await gql(sim, STAGING, REGISTER, { args: { token: T.githubFineGrained.token } });
    expect(body.errors).toBeUndefined();
    expect(sim.registrations('staging')).toEqual([
      { userId: SIM_USER.id, tokenLastFour: last4(T.githubFineGrained.token), isValid: true },
    ]);
    sim.setSkipValidation('staging', false);
    const again = await gql(sim, STAGING, REGISTER, { args: { token: T.githubClassicMissingRepo.token } });
    expect(again.body.errors).toHaveLength(1);
  });

  it('deregister removes only the caller and returns the integration (§1b)', async () => {
    const { status, body } = await gql(sim, PRODUCTION, DEREGISTER, { name: null });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        deregisterFromGitIntegration: {
          name: 'default',
          sharingPolicy: 'ALL_USERS_IN_ACCOUNT',
          provider: 'GITHUB',
          apiUrl: 'https://api.github.com',
          registeredUsers: [SIM_OTHER_USER.id],
        },
      },
    });
    expect(sim.registrations('production').map((r) => r.userId)).toEqual([SIM_OTHER_USER.id]);
    const twice = await gql(sim, PRODUCTION, DEREGISTER, { name: 'default' });
    expect(twice.body.data).toEqual({ deregisterFromGitIntegration: null });
    expect(twice.body.errors?.[0]?.message).toMatch(/not registered/);
  });

  it('identifies the caller by API key, or by the web UI session in x-access-token', async () => {
    await gql(
      sim,
      STAGING,
      REGISTER,
      { args: { token: T.githubClassicOk.token } },
      { Authorization: OTHER_API_KEY },
    );
    await gql(
      sim,
      STAGING,
      REGISTER,
      { args: { token: T.githubOAuth.token } },
      { 'x-access-token': SIM_SESSION_TOKEN },
    );
    expect(sim.registrations('staging').map((r) => [r.userId, r.tokenLastFour])).toEqual([
      [SIM_OTHER_USER.id, last4(T.githubClassicOk.token)],
      [SIM_USER.id, last4(T.githubOAuth.token)],
    ]);
    const bearer = await gql(sim, STAGING, GIT_INTEGRATION, undefined, {
      Authorization: `Bearer ${DEMO_API_KEY}`,
    });
    expect(bearer.status).toBe(401);
    expect(bearer.body).toEqual({
      errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('setTokenValid flips users[].isValid', async () => {
    sim.setTokenValid('production', SIM_USER.id, false);
    const { body } = await gql(sim, PRODUCTION, GIT_INTEGRATION);
    expect((body.data!.gitIntegration as { users: unknown[] }).users).toContainEqual({
      userId: SIM_USER.id,
      isValid: false,
    });
  });

  it('rejects fields outside the reference, e.g. removeGitIntegration (contract item 7)', async () => {
    const { status } = await gql(sim, PRODUCTION, 'mutation { removeGitIntegration(name: "default") }');
    expect(status).toBe(400);
  });

  it('qa: the app-proxy is down, every app-proxy path answers nginx 502 with CORS headers (§2, §6)', async () => {
    const graphql = await sim.fetch(appProxy('qa.acme-corp.example'), {
      method: 'POST',
      headers: { Authorization: DEMO_API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: GIT_INTEGRATION }),
    });
    expect(graphql.status).toBe(502);
    expect(await graphql.text()).toContain('<center>nginx</center>');
    expect(graphql.headers.get('access-control-allow-origin')).toBe('https://g.codefresh.io');
    expect(graphql.headers.get('access-control-allow-headers')).toBe('content-type,x-access-token');
    expect(graphql.headers.get('access-control-allow-credentials')).toBe('true');
    const readyz = await sim.fetch('https://qa.acme-corp.example/app-proxy/api/readyz');
    expect(readyz.status).toBe(502);
  });

  it('readyz is 200 "ok" on a healthy runtime; /workflows/ names the runtime', async () => {
    const readyz = await sim.fetch('https://argo.acme-corp.example/app-proxy/api/readyz');
    expect([readyz.status, await readyz.text()]).toEqual([200, 'ok']);
    const page = await sim.fetch('https://64f0acc0000000000000acme-staging.tunnels.cf-cd.com/workflows/');
    expect(await page.text()).toContain('<strong>staging</strong>');
  });

  it('CORS: preflight and answers allow only https://g.codefresh.io', async () => {
    const preflight = await sim.fetch(PRODUCTION, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://g.codefresh.io',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-access-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://g.codefresh.io');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'content-type,authorization,x-access-token',
    );
    const foreign = await sim.fetch(PRODUCTION, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await gql(sim, PRODUCTION, GIT_INTEGRATION, undefined, {
      Authorization: DEMO_API_KEY,
      Origin: 'https://g.codefresh.io',
    });
    expect(answer.response.headers.get('access-control-allow-origin')).toBe('https://g.codefresh.io');
  });
});
