import { afterEach, describe, expect, it } from 'vitest';
import { SEED_TOKENS } from './git-providers/index';
import {
  createSimulator,
  DEMO_API_KEY,
  GITLAB_ACCOUNT,
  GITLAB_API_KEY,
  RUNTIME_HOSTS,
  SEED_RUNTIMES,
  SIM_ACCOUNT,
  SIM_HOSTS,
  SIM_USER,
} from './index';
import { type RunningSimulator, startSimulator } from './server';
import { appProxy, gql, PLATFORM } from './test-helpers';

const RUNTIME_NAMES = 'query Runtimes { runtimes { edges { node { metadata { name } ingressHost } } } }';
const REGISTER = `mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) {
  registerToGitIntegration(args: $args) { name registeredUsers } }`;

describe('extraGithubRuntimes (the bench’s bench-NN runtimes)', () => {
  let running: RunningSimulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('leaves the default seed unchanged', () => {
    const sim = createSimulator();
    expect(sim.hosts).toEqual(SIM_HOSTS);
    expect(sim.runtimeHosts).toEqual(RUNTIME_HOSTS);
    expect(sim.runtimes).toEqual(SEED_RUNTIMES);
  });

  it('adds GitHub runtimes bench-01… after the seed, each on its own host and without a token', async () => {
    const sim = createSimulator({ extraGithubRuntimes: 20 });
    const extra = sim.runtimes.slice(SEED_RUNTIMES.length);
    expect(extra.map((r) => r.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`),
    );
    expect(extra.every((r) => r.gitProvider === 'GITHUB' && r.registrations.length === 0)).toBe(true);
    const hosts = extra.map((r) => new URL(r.ingressHost!).host);
    expect(hosts[0]).toBe('bench-01.acme-corp.example');
    expect(hosts[19]).toBe('bench-20.acme-corp.example');
    expect(sim.runtimeHosts).toEqual([...RUNTIME_HOSTS, ...hosts]);
    expect(sim.hosts).toEqual(expect.arrayContaining([...SIM_HOSTS, ...hosts]));
    expect(new Set(sim.hosts).size).toBe(sim.hosts.length);

    const listed = await gql(sim, PLATFORM, RUNTIME_NAMES);
    const edges = (listed.body.data!.runtimes as { edges: { node: { metadata: { name: string } } }[] }).edges;
    // The bench runtimes belong to the default (GitHub) account, after its seeded ones.
    expect(edges.map((e) => e.node.metadata.name)).toEqual(
      sim.runtimes.filter((r) => r.accountId === SIM_ACCOUNT.id).map((r) => r.name),
    );
    expect(edges).toHaveLength(SEED_RUNTIMES.filter((r) => r.accountId === SIM_ACCOUNT.id).length + 20);

    const token = SEED_TOKENS.githubClassicOk.token;
    const added = await gql(sim, appProxy('bench-07.acme-corp.example'), REGISTER, { args: { token } });
    expect(added.body.errors).toBeUndefined();
    expect(sim.registrations('bench-07')).toEqual([
      { userId: SIM_USER.id, tokenLastFour: token.slice(-4), isValid: true },
    ]);
    expect(sim.registrations('bench-08')).toEqual([]);

    sim.reset();
    expect(sim.registrations('bench-07')).toEqual([]);
  });

  it('serves the extra hosts over HTTPS and maps them for Chromium', async () => {
    running = await startSimulator({ extraGithubRuntimes: 2 });
    expect(running.hosts).toContain('bench-02.acme-corp.example');
    expect(running.hostResolverRules).toContain(`MAP bench-02.acme-corp.example 127.0.0.1:${running.port}`);
  });
});

describe('sameNamedRuntime (acme-gitlab’s own production, beside acme’s)', () => {
  const RUNTIME = `query Runtime($name: String!) { runtime(name: $name) { metadata { name } ingressHost } }`;
  const twinHost = 'argo.gitlab-team.acme-corp.example';

  it('lists each account its own production, on its own host, with its own registrations', async () => {
    const sim = createSimulator({ sameNamedRuntime: true });
    expect(sim.runtimeHosts).toEqual([...RUNTIME_HOSTS, twinHost]);
    const asGitlab = { Authorization: GITLAB_API_KEY };
    const hostOf = async (headers: Record<string, string>) => {
      const { body } = await gql(sim, PLATFORM, RUNTIME, { name: 'production' }, headers);
      return (body.data!.runtime as { ingressHost: string }).ingressHost;
    };
    expect(await hostOf({ Authorization: DEMO_API_KEY })).toBe('https://argo.acme-corp.example');
    expect(await hostOf(asGitlab)).toBe(`https://${twinHost}`);

    const token = SEED_TOKENS.gitlabOk.token;
    const added = await gql(sim, appProxy(twinHost), REGISTER, { args: { token } }, asGitlab);
    expect(added.body.errors).toBeUndefined();
    expect(sim.registrations('production', GITLAB_ACCOUNT.id)).toEqual([
      { userId: SIM_USER.id, tokenLastFour: token.slice(-4), isValid: true },
    ]);
    // acme's production keeps what it held; a name two accounts use must say which.
    expect(sim.registrations('production', SIM_ACCOUNT.id).map((r) => r.tokenLastFour)).not.toContain(
      token.slice(-4),
    );
    expect(() => sim.registrations('production')).toThrow(/name the account/);
  });
});
