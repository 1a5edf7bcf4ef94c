/**
 * The runtime's Git OAuth flow (docs/platform-contract.md §1c [SAW]): the CLI opens
 * `<ingressHost>/app-proxy/api/git-auth/github?userId=<me.id>&accountId=<account id>`
 * in a browser, the provider asks the user for consent, and the provider sends the browser back to
 * `<ingressHost>/app-proxy/api/git-auth/<provider>/callback`, where the app-proxy stores the user's
 * OAuth token on its default Git integration.
 *
 * Only the two app-proxy URLs come from the reference. Everything else is **[INFERRED]** and
 * simulated:
 * - the start answers 302 to the provider's authorize page with the usual OAuth 2 query
 *   (`client_id`, `redirect_uri`, `response_type=code`, `scope`, `state`);
 * - only GitHub (and GitHub Enterprise) runtimes have the flow: Codefresh's `oauth-setup.md` documents
 *   OAuth for GitOps with GitHub only (GitLab and Bitbucket were removed from that page);
 * - the consent page stands in for GitHub's `/login/oauth/authorize`, on the provider's web host
 *   (`github.com` for api.github.com, the API host itself otherwise), with Allow / Deny buttons that
 *   POST back to it; Allow redirects to the callback with `code` and `state`, Deny with
 *   `error=access_denied` (RFC 6749 §4.1.2.1, which GitHub and GitLab follow);
 * - the callback redirects the browser to the platform's Git token page,
 *   `https://g.codefresh.io/2.0/user-settings?gitAuth=success` or `?gitAuth=error&reason=<error>`,
 *   where a user who started from the Codefresh UI came from;
 * - a runtime whose admin has not set up OAuth (`oauth: 'not-configured'` in the seed) answers the
 *   start with an HTML error page, HTTP 400; so do an unknown user or account, a provider path that
 *   is not the runtime's provider, and a callback with an unknown `state` or `code`.
 *
 * The OAuth token the callback stores is one of the fake providers' seeded OAuth tokens (it carries
 * `SIMLEAK`): the extension never sees it, and the request log never keeps a query string or body.
 */
import { FAKE_GIT_API_URLS, SEED_TOKENS } from './git-providers/index';
import { escapeHtml } from './pages/html';
import {
  findAccount,
  GITHUB_WEB_HOST,
  type GitProvider,
  PLATFORM_URL,
  type SeedRuntime,
  SIM_USERS,
} from './seed';
import type { RuntimeState } from './state';

export const GIT_AUTH_PATH = '/app-proxy/api/git-auth';

/** §1c: the provider segment of the git-auth URL, for the one provider oauth-setup.md documents. */
export const GIT_AUTH_PROVIDER_PATHS: Readonly<Partial<Record<GitProvider, string>>> = {
  GITHUB: 'github',
};

/** [INFERRED] The authorize page path, on the provider's web host. */
const AUTHORIZE_PATHS: Readonly<Record<string, string>> = {
  github: '/login/oauth/authorize',
};

/** [INFERRED] What the runtime's OAuth app asks for: enough to commit to the runtime's repos. */
const SCOPES: Readonly<Record<string, string>> = {
  github: 'repo',
};

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  github: 'GitHub',
};

/** The fake OAuth token the app-proxy gets from the provider after consent. */
const OAUTH_TOKENS: Readonly<Record<string, string>> = {
  github: SEED_TOKENS.githubOAuth.token,
};

/** Where the callback sends the browser when it is done (see the header). */
export const GIT_AUTH_DONE_URL = `${PLATFORM_URL}/2.0/user-settings`;

/** The host serving a provider's web pages, from the runtime's Git API URL. */
export const providerWebHost = (gitApiUrl: string): string => {
  const host = new URL(gitApiUrl).host;
  return host === new URL(FAKE_GIT_API_URLS.github).host ? GITHUB_WEB_HOST : host;
};

interface PendingAuth {
  readonly runtime: string;
  readonly provider: string;
  readonly userId: string;
  readonly callback: string;
}

const htmlPage = (status: number, title: string, body: string): Response =>
  new Response(
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`,
    { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
  );

const errorPage = (status: number, title: string, message: string): Response =>
  htmlPage(status, title, `<p role="alert">${escapeHtml(message)}</p>`);

const redirect = (location: string): Response =>
  new Response(null, { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });

const randomId = (): string => crypto.randomUUID().replaceAll('-', '');

export interface GitAuthFlows {
  /** Hosts the consent page is served on (add them to the simulator's hosts). */
  readonly webHosts: readonly string[];
  /** A git-auth request on a runtime host (`/app-proxy/api/git-auth/...`), or null when not one. */
  runtimeRequest(state: RuntimeState, request: Request): Promise<Response> | null;
  /** The consent page on a provider's web host, or null when the request is not for it. */
  consentRequest(request: Request): Promise<Response> | null;
  reset(): void;
}

export const createGitAuthFlows = (runtimes: readonly SeedRuntime[]): GitAuthFlows => {
  let pending = new Map<string, PendingAuth>();
  let codes = new Map<string, PendingAuth>();

  const webHosts = [
    ...new Set(
      runtimes.filter((r) => GIT_AUTH_PROVIDER_PATHS[r.gitProvider]).map((r) => providerWebHost(r.gitApiUrl)),
    ),
  ];
  const runtimeOrigin = (name: string): string | null => {
    const seed = runtimes.find((r) => r.name === name);
    return seed?.ingressHost ? new URL(seed.ingressHost).origin : null;
  };

  const start = (state: RuntimeState, provider: string, url: URL): Response => {
    const { seed } = state;
    const runtimeProvider = GIT_AUTH_PROVIDER_PATHS[seed.gitProvider];
    if (runtimeProvider !== provider) {
      return errorPage(
        400,
        'Git authentication failed',
        `Runtime ${seed.name} uses ${seed.gitProvider}, not ${PROVIDER_NAMES[provider] ?? provider}.`,
      );
    }
    if (seed.oauth !== 'configured') {
      return errorPage(
        400,
        'Git OAuth is not configured',
        `Git OAuth is not configured for runtime ${seed.name}. Ask your account admin to set up an OAuth application for ${PROVIDER_NAMES[provider]}, or add a personal access token instead.`,
      );
    }
    const userId = url.searchParams.get('userId') ?? '';
    const accountId = url.searchParams.get('accountId') ?? '';
    if (!SIM_USERS.some((u) => u.id === userId)) {
      return errorPage(400, 'Git authentication failed', 'Unknown or missing userId.');
    }
    if (accountId !== seed.accountId) {
      return errorPage(400, 'Git authentication failed', 'Unknown or missing accountId.');
    }
    const origin = runtimeOrigin(seed.name) ?? url.origin;
    const callback = `${origin}${GIT_AUTH_PATH}/${provider}/callback`;
    const id = randomId();
    pending.set(id, { runtime: seed.name, provider, userId, callback });
    const authorize = new URL(`https://${providerWebHost(seed.gitApiUrl)}${AUTHORIZE_PATHS[provider]}`);
    authorize.search = new URLSearchParams({
      client_id: `codefresh-${seed.name}`,
      redirect_uri: callback,
      response_type: 'code',
      scope: SCOPES[provider]!,
      state: id,
    }).toString();
    return redirect(authorize.toString());
  };

  const callback = (state: RuntimeState, provider: string, url: URL): Response => {
    const { seed } = state;
    const id = url.searchParams.get('state') ?? '';
    const error = url.searchParams.get('error');
    if (error) {
      const auth = pending.get(id);
      if (!auth || auth.runtime !== seed.name || auth.provider !== provider) {
        return errorPage(400, 'Git authentication failed', 'Invalid or expired state.');
      }
      pending.delete(id);
      const reason = /^[a-z_]{1,64}$/.test(error) ? error : 'error';
      return redirect(`${GIT_AUTH_DONE_URL}?gitAuth=error&reason=${reason}`);
    }
    const code = url.searchParams.get('code') ?? '';
    const auth = codes.get(code);
    if (!auth || auth.runtime !== seed.name || auth.provider !== provider) {
      return errorPage(400, 'Git authentication failed', 'Invalid or expired authorization code.');
    }
    codes.delete(code);
    state.registrations.set(auth.userId, { token: OAUTH_TOKENS[provider]!, isValid: true });
    return redirect(`${GIT_AUTH_DONE_URL}?gitAuth=success`);
  };

  const consentPage = (id: string, auth: PendingAuth, action: string): Response => {
    const user = SIM_USERS.find((u) => u.id === auth.userId);
    const accountId = runtimes.find((r) => r.name === auth.runtime)?.accountId ?? '';
    const account = findAccount(accountId);
    const providerName = PROVIDER_NAMES[auth.provider] ?? auth.provider;
    return htmlPage(
      200,
      `Authorize Codefresh GitOps (${auth.runtime})`,
      `<p><em>Simulated ${escapeHtml(providerName)} consent page.</em></p>
<p>Codefresh GitOps runtime <strong>${escapeHtml(auth.runtime)}</strong> of account ${escapeHtml(account?.name ?? accountId)}
wants to access your ${escapeHtml(providerName)} account${user ? ` (${escapeHtml(user.email)})` : ''}
with scope <code>${escapeHtml(SCOPES[auth.provider] ?? '')}</code>.</p>
<form method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="state" value="${escapeHtml(id)}">
  <button type="submit" name="decision" value="deny">Deny</button>
  <button type="submit" name="decision" value="allow">Allow</button>
</form>`,
    );
  };

  const consent = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'GET' || request.method === 'HEAD') {
      const id = url.searchParams.get('state') ?? '';
      const auth = pending.get(id);
      if (!auth || url.searchParams.get('redirect_uri') !== auth.callback) {
        return errorPage(
          400,
          'Authorization failed',
          'This authorization request is invalid or has expired.',
        );
      }
      return consentPage(id, auth, url.pathname);
    }
    if (request.method !== 'POST') return errorPage(405, 'Method Not Allowed', 'Use GET or POST.');
    const form = new URLSearchParams(await request.text());
    const id = form.get('state') ?? '';
    const auth = pending.get(id);
    if (!auth) {
      return errorPage(400, 'Authorization failed', 'This authorization request is invalid or has expired.');
    }
    if (form.get('decision') === 'allow') {
      pending.delete(id);
      const code = randomId();
      codes.set(code, auth);
      return redirect(`${auth.callback}?${new URLSearchParams({ code, state: id })}`);
    }
    // Kept pending so the callback can match the state, as it does for an error.
    return redirect(
      `${auth.callback}?${new URLSearchParams({
        error: 'access_denied',
        error_description: 'The user has denied your application access.',
        state: id,
      })}`,
    );
  };

  return {
    webHosts,
    runtimeRequest(state, request) {
      const url = new URL(request.url);
      if (url.pathname !== GIT_AUTH_PATH && !url.pathname.startsWith(`${GIT_AUTH_PATH}/`)) return null;
      const [provider, rest, ...more] = url.pathname.slice(GIT_AUTH_PATH.length + 1).split('/');
      const known = provider !== undefined && Object.values(GIT_AUTH_PROVIDER_PATHS).includes(provider);
      if (!known || more.length > 0 || (rest !== undefined && rest !== 'callback')) {
        return Promise.resolve(errorPage(404, 'Not Found', 'No such git-auth endpoint.'));
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return Promise.resolve(errorPage(405, 'Method Not Allowed', 'Use GET.'));
      }
      return Promise.resolve(
        rest === 'callback' ? callback(state, provider, url) : start(state, provider, url),
      );
    },
    consentRequest(request) {
      const url = new URL(request.url);
      if (!webHosts.includes(url.host)) return null;
      if (!Object.values(AUTHORIZE_PATHS).includes(url.pathname)) return null;
      return consent(request);
    },
    reset() {
      pending = new Map();
      codes = new Map();
    },
  };
};
