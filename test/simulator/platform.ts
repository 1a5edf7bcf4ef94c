/**
 * The fake platform host `g.codefresh.io`: the GraphQL API at `/2.0/api/graphql` (§2, §3) and the
 * web UI pages the content script looks at (§5).
 */
import { corsHeaders, methodNotAllowed, preflight, resolveCaller, unauthorized } from './auth';
import { executeGraphQL } from './graphql-http';
import { type PatLayout, type PatRow, PROVIDER_LABELS, patPage } from './pages/pat';
import { apiKeysPage, plainPage } from './pages/plain';
import { runtimesPage } from './pages/runtimes';
import { platformRoot, platformSchema } from './platform-schema';
import { appProxyUrlOf, PLATFORM_GRAPHQL_PATH, SESSIONS, SIM_SESSION_TOKEN, type SimCaller } from './seed';
import type { WorldState } from './state';
import type { FetchHandler } from './types';

const html = (body: string, status = 200): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });

/** The fake UI is always signed in as Alice in the acme account (its session). */
const UI_CALLER = SESSIONS.get(SIM_SESSION_TOKEN) as SimCaller;

const accountRuntimes = (world: WorldState) =>
  [...world.values()].filter((r) => r.seed.accountId === UI_CALLER.account.id);

/** What the signed-in user sees on the PAT page: the runtimes of the session's account. */
const patRows = (world: WorldState): PatRow[] =>
  accountRuntimes(world).map(({ seed, registrations }) => {
    const mine = registrations.get(UI_CALLER.user.id);
    return {
      name: seed.name,
      provider: PROVIDER_LABELS[seed.gitProvider] ?? seed.gitProvider,
      url: appProxyUrlOf(seed),
      last4: mine ? mine.token.slice(-4) : null,
      isValid: mine?.isValid ?? true,
    };
  });

const page = (url: URL, world: () => WorldState): Response => {
  const { pathname } = url;
  const path = pathname.replace(/\/+$/, '') || '/';
  // `?layout=grid` serves the PAT page as an ARIA grid without <table> [inferred] (pages/pat.ts).
  const layout: PatLayout = url.searchParams.get('layout') === 'grid' ? 'grid' : 'table';
  if (path === '/2.0/user-settings')
    return html(patPage('User Settings', patRows(world()), SIM_SESSION_TOKEN, layout));
  if (path === '/2.0/git-personal-access-token') {
    return html(patPage('Git Personal Access Token', patRows(world()), SIM_SESSION_TOKEN, layout));
  }
  if (path.startsWith('/2.0/account-settings/runtimes')) {
    return html(runtimesPage(accountRuntimes(world()).map((r) => r.seed)));
  }
  if (path === '/user/settings') return html(apiKeysPage());
  if (path === '/' || path.startsWith('/2.0')) return html(plainPage(pathname));
  return html(plainPage(pathname), 404);
};

export const createPlatformHost =
  (world: () => WorldState): FetchHandler =>
  async (request) => {
    const url = new URL(request.url);
    if (url.pathname !== PLATFORM_GRAPHQL_PATH) {
      return request.method === 'GET' || request.method === 'HEAD'
        ? page(url, world)
        : methodNotAllowed('GET');
    }
    if (request.method === 'OPTIONS') return preflight(request);
    const cors = corsHeaders(request);
    if (request.method !== 'POST') return methodNotAllowed('POST, OPTIONS', cors);
    const caller = resolveCaller(request);
    if (!caller) return unauthorized(cors);
    return executeGraphQL(await request.text(), {
      schema: platformSchema,
      rootValue: platformRoot,
      context: { ...caller, world: world() },
      headers: cors,
    });
  };
