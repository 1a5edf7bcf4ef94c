/**
 * One fake runtime host: the app-proxy GraphQL (§1), its readiness probe and the internal-router's
 * `/readyz` `/healthz` (§2), and a stand-in Argo Workflows page (§5: runtime hosts serve
 * `/workflows/`). A runtime whose app-proxy is down answers every app-proxy path with the chart's
 * nginx 502 fallback (§2 CORS, §6 "App-proxy down").
 */
import { appProxyRoot, appProxySchema } from './app-proxy-schema';
import { corsHeaders, methodNotAllowed, preflight, resolveCaller, unauthorized } from './auth';
import type { GitAuthFlows } from './git-auth';
import { executeGraphQL } from './graphql-http';
import { workflowsPage } from './pages/workflows';
import { internalError, originRefusal } from './refusals';
import { APP_PROXY_GRAPHQL_PATH, APP_PROXY_READYZ_PATH, PLATFORM_URL } from './seed';
import type { RuntimeState } from './state';
import type { FetchHandler } from './types';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** §2: `@app_proxy_init_error` sends these CORS headers whatever the request's origin. */
export const appProxyDown = (): Response =>
  new Response(NGINX_502, {
    status: 502,
    headers: {
      'Content-Type': 'text/html',
      'Access-Control-Allow-Origin': PLATFORM_URL,
      'Access-Control-Allow-Headers': 'content-type,x-access-token',
      'Access-Control-Allow-Credentials': 'true',
    },
  });

const NGINX_404 =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * The external host of a runtime with an internal ingress: docs (hybrid GitOps runtime, internal
 * ingress) say it keeps only webhooks, so everything else, `/app-proxy/` included, is the ingress
 * controller's 404 page. The page and the webhook answer are [inferred].
 */
export const webhooksOnlyHost: FetchHandler = async (request) => {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith('/webhooks/')) return text(200, 'ok');
  return new Response(NGINX_404, { status: 404, headers: { 'Content-Type': 'text/html' } });
};

const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });

export const createAppProxyHost =
  (runtime: () => RuntimeState, git: FetchHandler, gitAuth?: GitAuthFlows): FetchHandler =>
  async (request) => {
    const state = runtime();
    const { pathname } = new URL(request.url);
    if (pathname === '/readyz' || pathname === '/healthz') return text(200, 'ok');
    if (pathname === '/workflows' || pathname.startsWith('/workflows/')) {
      return new Response(workflowsPage(state.seed.name), {
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    if (!pathname.startsWith('/app-proxy/')) return text(404, 'Not Found');
    if (state.seed.appProxy === 'down') return appProxyDown();
    // §1c: the Git OAuth flow's start and callback (git-auth.ts), plain browser navigations.
    const gitAuthAnswer = gitAuth?.runtimeRequest(state, request);
    if (gitAuthAnswer) return gitAuthAnswer;

    const cors = corsHeaders(request);
    if (request.method === 'OPTIONS') return preflight(request);
    if (pathname === APP_PROXY_READYZ_PATH) return text(200, 'ok', cors);
    if (pathname !== APP_PROXY_GRAPHQL_PATH) return text(404, 'Not Found', cors);
    if (request.method !== 'POST') return methodNotAllowed('POST, OPTIONS', cors);
    if (state.refusal === 'origin') {
      const refused = originRefusal(request, cors);
      if (refused) return refused;
    }
    if (state.refusal === 'internal-error') return internalError(cors);
    const caller = resolveCaller(request);
    // [INFERRED] A runtime answers only keys of the account it belongs to; another account's key
    // is as unknown to it as a wrong one.
    if (!caller || caller.account.id !== state.seed.accountId) return unauthorized(cors);
    return executeGraphQL(await request.text(), {
      schema: appProxySchema,
      rootValue: appProxyRoot,
      context: { user: caller.user, runtime: state, git },
      headers: cors,
    });
  };
