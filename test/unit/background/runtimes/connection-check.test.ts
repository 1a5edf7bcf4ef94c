import { beforeEach, describe, expect, it } from 'vitest';
import { createPlatformClient } from '../../../../src/background/codefresh/platform-client';
import { createConnectionCheck } from '../../../../src/background/runtimes/connection-check';
import { formatConnectionReport } from '../../../../src/shared/connection-report';
import {
  API_KEYS,
  createSimulator,
  DEMO_API_KEY,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_SESSION_TOKEN,
} from '../../../simulator';
import { SEED_TOKENS } from '../../../simulator/git-providers';
import { englishGetMessage } from '../../fake-i18n';

const sim = createSimulator();
let overrides: Record<string, string>;
const granted = new Set(RUNTIME_HOSTS.map((h) => `https://${h}`));

const check = createConnectionCheck({
  fetch: sim.fetch,
  platform: createPlatformClient({
    fetch: sim.fetch,
    platformOrigin: PLATFORM_URL,
    hasHostAccess: async () => true,
  }),
  platformOrigin: () => PLATFORM_URL,
  getApiKey: async () => DEMO_API_KEY,
  overrides: async () => overrides,
  hasHostAccess: async (origin) => granted.has(origin),
  version: '9.9.9',
  timeoutMs: 500,
});
const say = (key: string, subs: readonly (string | number)[] = []) =>
  englishGetMessage(key, subs.map(String));

/** Every secret the simulator seeds: API keys of every account and every Git token. */
const SEEDED_SECRETS = [...API_KEYS.keys(), ...Object.values(SEED_TOKENS).map((t) => t.token)];

beforeEach(() => {
  sim.reset();
  overrides = {};
});

describe('Check connection', () => {
  it('names the address used and why, then readyz and one gitIntegration query with status and time', async () => {
    const report = await check('eu-private');
    expect(report.chosen).toEqual({
      origin: 'https://argo-internal.eu-private.acme-corp.example',
      source: 'internal-ingress',
    });
    expect(report.hosts).toEqual({
      override: null,
      internalIngressHost: 'https://argo-internal.eu-private.acme-corp.example',
      ingressHost: 'https://hooks.eu-private.acme-corp.example',
    });
    expect(report.steps.map((s) => [s.step, s.path, s.status, s.ok])).toEqual([
      ['readyz', '/app-proxy/api/readyz', 200, true],
      ['git-integration', '/app-proxy/api/graphql', 200, true],
    ]);
    expect(report.steps.every((s) => s.ms >= 0)).toBe(true);
    const readyz = sim.log().find((e) => e.path === '/app-proxy/api/readyz');
    // The probe needs no credentials, so none is sent.
    expect(readyz?.headers.authorization).toBeUndefined();
  });

  it("reports the server's reason for a refusal, and what came back from a wrong address", async () => {
    sim.setRefusal('production', 'origin');
    const refused = await check('production');
    expect(refused.steps[1]).toMatchObject({ status: 403, ok: false, code: 'app-proxy-forbidden' });
    expect(refused.steps[1]?.reason).toMatch(/^Not allowed by CORS/);
    overrides = { 'eu-private': 'https://hooks.eu-private.acme-corp.example' };
    granted.add('https://hooks.eu-private.acme-corp.example');
    const wrong = await check('eu-private');
    expect(wrong.chosen?.source).toBe('override');
    expect(wrong.steps.map((s) => s.status)).toEqual([404, 404]);
    expect(wrong.steps[1]?.code).toBe('app-proxy-not-there');
    const text = formatConnectionReport(wrong, say);
    expect(text).toContain(
      'Address used: https://hooks.eu-private.acme-corp.example, from the address you set',
    );
    expect(text).toContain('POST /app-proxy/api/graphql (gitIntegration): HTTP 404');
  });

  it('does not call a host without an address or without host access, and says why', async () => {
    const edge = await check('edge');
    expect(edge).toMatchObject({ chosen: null, steps: [] });
    expect(edge.notRun).toContain('no https address');
    granted.delete('https://argo.acme-corp.example');
    sim.clearLog();
    const production = await check('production');
    expect(production.steps).toEqual([]);
    expect(production.notRun).toContain('argo.acme-corp.example');
    expect(sim.log().filter((e) => e.host === 'argo.acme-corp.example')).toEqual([]);
    granted.add('https://argo.acme-corp.example');
  });

  it('Copy report holds none of the seeded secrets, even when every server echoes them', async () => {
    // The web UI's session is no secret the extension holds; quoted as a cookie it is still cut.
    const echo = `echo ${SEEDED_SECRETS.join(' ')} Cookie: session=${SIM_SESSION_TOKEN}`;
    for (const host of ['argo.acme-corp.example']) {
      sim.inject({ host, path: '/app-proxy/api/readyz', status: 500, body: echo });
      sim.inject({
        host,
        operationName: 'GitIntegration',
        status: 500,
        body: JSON.stringify({ errors: [{ message: echo }] }),
      });
    }
    const report = await check('production');
    expect(report.steps.map((s) => s.status)).toEqual([500, 500]);
    const text = formatConnectionReport(report, say);
    const everything = `${text}\n${JSON.stringify(report)}`;
    for (const secret of [...SEEDED_SECRETS, SIM_SESSION_TOKEN]) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('SIMLEAK');
    expect(text).toContain('The server said: echo');
  });
});
