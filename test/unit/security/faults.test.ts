// Every server class (Codefresh platform, a runtime's app-proxy, a Git provider) answering with each
// fault the simulator can inject: the extension turns each into a typed error with an actionable
// message that quotes no secret, and a fault on one runtime changes nothing elsewhere.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProxyClient } from '../../../src/background/codefresh/app-proxy-client';
import { createPlatformClient } from '../../../src/background/codefresh/platform-client';
import { validateToken } from '../../../src/background/providers/validate-token';
import { createRuntimeDirectory } from '../../../src/background/runtimes/runtime-directory';
import { createSavedGitTokens } from '../../../src/background/tokens/saved-git-tokens';
import { createDraftStore } from '../../../src/background/tokens/token-drafts';
import { createTokenService } from '../../../src/background/tokens/token-service';
import type { AppError } from '../../../src/shared/errors';
import {
  createSimulator,
  DEMO_API_KEY,
  type FaultSpec,
  PLATFORM_HOST,
  PLATFORM_URL,
  RUNTIME_HOSTS,
  SIM_ACCOUNT,
  SIM_USER,
} from '../../simulator';
import { SEED_TOKENS } from '../../simulator/git-providers';
import { makeHarness } from '../background/vault/vault-harness';

const sim = createSimulator();
const TIMEOUT_MS = 150;
const GOOD = SEED_TOKENS.githubClassicOk.token;
const PROD_HOST = 'argo.acme-corp.example';
const STAGING_HOST = '64f0acc0000000000000acme-staging.tunnels.cf-cd.com';
const SANDBOX_HOST = 'sandbox.acme-corp.example';
const SECRETS = [...Object.values(SEED_TOKENS).map((s) => s.token), DEMO_API_KEY];

type Fault = Omit<FaultSpec, 'host'>;
const FAULTS: Record<string, Fault> = {
  '401': { status: 401 },
  '403': { status: 403 },
  '429': { status: 429 },
  '500': { status: 500 },
  '502': { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  'slow beyond the timeout': { kind: 'delay', delayMs: TIMEOUT_MS * 4 },
  'a connection reset': { kind: 'drop' },
  'malformed JSON': { kind: 'malformed' },
  'GraphQL errors[] with data': { kind: 'graphql-errors', body: `refused ${GOOD} for now` },
};

const errorOf = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    const appError = (error as { appError?: AppError }).appError;
    if (appError) return appError;
    throw new Error(`not an AppFailure: ${String(error)}`);
  }
  throw new Error('resolved, but a fault was injected');
};

const SERVERS = {
  platform: {
    host: PLATFORM_HOST,
    call: () =>
      createPlatformClient({
        fetch: sim.fetch,
        platformOrigin: PLATFORM_URL,
        timeoutMs: TIMEOUT_MS,
      }).runtimes(DEMO_API_KEY),
  },
  'app-proxy': {
    host: PROD_HOST,
    call: () =>
      createAppProxyClient({ fetch: sim.fetch, timeoutMs: TIMEOUT_MS }).register(
        `https://${PROD_HOST}`,
        DEMO_API_KEY,
        { token: GOOD },
      ),
  },
  'Git provider': {
    host: 'api.github.com',
    call: () =>
      validateToken(
        { token: GOOD, provider: 'GITHUB', apiUrl: 'https://api.github.com' },
        { fetch: sim.fetch, timeoutMs: TIMEOUT_MS },
      ),
  },
} as const;

/** The code each server class answers each fault with (one table, so a change is deliberate). */
const EXPECTED: Record<keyof typeof SERVERS, Record<string, string>> = {
  platform: {
    '401': 'codefresh-unauthorized',
    '403': 'codefresh-forbidden',
    '429': 'codefresh-http',
    '500': 'codefresh-http',
    '502': 'codefresh-http',
    'slow beyond the timeout': 'codefresh-timeout',
    'a connection reset': 'codefresh-unreachable',
    'malformed JSON': 'codefresh-bad-response',
    'GraphQL errors[] with data': 'codefresh-graphql',
  },
  'app-proxy': {
    '401': 'app-proxy-unauthorized',
    '403': 'app-proxy-forbidden',
    '429': 'app-proxy-http',
    '500': 'app-proxy-http',
    '502': 'app-proxy-down',
    'slow beyond the timeout': 'app-proxy-timeout',
    'a connection reset': 'app-proxy-unreachable',
    'malformed JSON': 'app-proxy-bad-response',
    'GraphQL errors[] with data': 'app-proxy-rejected',
  },
  'Git provider': {
    '401': 'token-bad-credentials',
    '403': 'token-forbidden',
    '429': 'token-rate-limited',
    '500': 'git-host-error',
    '502': 'git-host-error',
    'slow beyond the timeout': 'git-host-timeout',
    'a connection reset': 'git-host-unreachable',
    'malformed JSON': 'git-host-bad-response',
  },
};

const CASES = (Object.keys(SERVERS) as (keyof typeof SERVERS)[]).flatMap((server) =>
  Object.keys(EXPECTED[server]).map((fault) => [server, fault] as const),
);

beforeEach(() => sim.reset());

describe('faults', () => {
  it.each(CASES)(
    '%s answering %s gives a typed, actionable error with no secret in it',
    async (server, fault) => {
      const { host, call } = SERVERS[server];
      sim.inject({ host, ...FAULTS[fault]! });
      const error = await errorOf(call());
      expect(error.code).toBe(EXPECTED[server][fault]);
      expect(error.message).toMatch(/try again|check|create|enter|wait|add it|contact|refresh/i);
      const shown = JSON.stringify(error);
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
      expect(shown).not.toMatch(/SIMLEAK[A-Za-z0-9_-]{5,}/);
    },
  );

  it('a fault on one app-proxy leaves the other runtimes and the vault intact', async () => {
    const harness = makeHarness();
    const granted = new Set(RUNTIME_HOSTS.map((h) => `https://${h}`));
    const directory = createRuntimeDirectory({
      platform: createPlatformClient({
        fetch: sim.fetch,
        platformOrigin: PLATFORM_URL,
        timeoutMs: TIMEOUT_MS,
      }),
      appProxy: createAppProxyClient({ fetch: sim.fetch, timeoutMs: TIMEOUT_MS }),
      getApiKey: async () => DEMO_API_KEY,
      getMe: async () => ({
        userId: SIM_USER.id,
        accountGitApiUrl: SIM_ACCOUNT.gitApiUrl,
        accountGitProvider: 'GITHUB',
      }),
      hasHostAccess: async (origin) => granted.has(origin),
      cache: fakeBrowser.storage.session,
    });
    const tokens = createTokenService({
      drafts: createDraftStore(),
      keeper: createSavedGitTokens(harness.vault),
      accountGit: async () => ({ provider: 'GITHUB', apiUrl: SIM_ACCOUNT.gitApiUrl }),
      findRuntime: (name) => directory.find(name),
      validate: (input) => validateToken(input, { fetch: sim.fetch, timeoutMs: TIMEOUT_MS }),
      applyToRuntimes: (args) => directory.applyToRuntimes(args),
      removeFromRuntime: (runtime) => directory.removeFromRuntime(runtime),
      broadcast: () => {},
      invalidateRuntimeCache: () => directory.invalidate(),
    });
    // A token validated and kept on production first.
    const { draftId } = await tokens.validate(GOOD, 'production');
    const first = await tokens.apply({ kind: 'draft', draftId }, ['production'], true);
    const recordId = first.recordId!;
    const before = await harness.local();

    sim.inject({ host: STAGING_HOST, operationName: 'RegisterToGitIntegration', status: 500 });
    sim.inject({ host: SANDBOX_HOST, operationName: 'RegisterToGitIntegration', kind: 'drop' });
    const answer = await tokens.apply(
      { kind: 'record', recordId },
      ['staging', 'sandbox', 'analytics'],
      false,
    );
    expect(answer.results.map((r) => [r.runtimeName, r.ok ? 'ok' : r.error.code])).toEqual([
      ['staging', 'app-proxy-http'],
      ['sandbox', 'app-proxy-unreachable'],
      ['analytics', 'ok'],
    ]);
    expect(sim.registrations('staging')).toEqual([]);
    expect(sim.registrations('sandbox')).toEqual([]);
    expect(sim.registrations('analytics').map((r) => r.tokenLastFour)).toEqual([GOOD.slice(-4)]);
    expect(sim.registrations('production').find((r) => r.userId === SIM_USER.id)?.tokenLastFour).toBe(
      GOOD.slice(-4),
    );

    // The record still decrypts, lists only where it went, and no other key changed.
    expect(await harness.vault.withSecret(recordId, async (s) => s === GOOD)).toBe(true);
    const [record] = await harness.vault.list('git-token');
    expect(record?.runtimes).toEqual(['production', 'analytics']);
    const after = await harness.local();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });
});
