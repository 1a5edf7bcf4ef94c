import * as v from 'valibot';
import { parseGitProvider } from '../../providers/registry';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { GitProvider } from '../../shared/runtime-types';
import {
  badShape,
  type GraphqlDeps,
  type GraphqlEndpoint,
  GraphqlErrors,
  graphqlRequest,
  serverReason,
} from './graphql-request';

/** Where a runtime's app-proxy answers GraphQL (go-sdk `AppProxyClient`, docs/platform-contract.md §1). */
export const APP_PROXY_GRAPHQL_PATH = '/app-proxy/api/graphql';

// Documents from docs/platform-contract.md §1a, §1b and §3d / simulator contract 4–6; names stay exact.
export const GIT_INTEGRATION_QUERY =
  'query GitIntegration($name: String) { gitIntegration(name: $name) { name provider apiUrl sharingPolicy registeredUsers users { userId isValid } } }';
export const REGISTER_MUTATION =
  'mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) { registerToGitIntegration(args: $args) { name sharingPolicy provider apiUrl registeredUsers } }';
export const DEREGISTER_MUTATION =
  'mutation DeregisterFromGitIntegration($name: String) { deregisterFromGitIntegration(name: $name) { name sharingPolicy provider apiUrl registeredUsers } }';

export interface GitIntegrationUser {
  readonly userId: string;
  readonly isValid: boolean;
}

export interface GitIntegrationView {
  readonly name: string;
  readonly provider: GitProvider | null;
  readonly apiUrl: string | null;
  /** Deprecated on the server but still filled: user ids with a token on this integration. */
  readonly registeredUsers: readonly string[];
  readonly users: readonly GitIntegrationUser[];
}

export interface RegisterInput {
  readonly token: string;
  /** Bitbucket Cloud needs it next to an API token or app password; sent only when given. */
  readonly username?: string;
}

export interface AppProxyClient {
  /** The default Git integration and who is registered on it; null when the runtime has none. */
  gitIntegration(origin: string, apiKey: string, signal?: AbortSignal): Promise<GitIntegrationView | null>;
  /** Adds or replaces the API key owner's token on the default integration. */
  register(
    origin: string,
    apiKey: string,
    input: RegisterInput,
    signal?: AbortSignal,
  ): Promise<GitIntegrationView>;
  /** Removes the API key owner's token from the default integration (not `removeGitIntegration`). */
  deregister(origin: string, apiKey: string, signal?: AbortSignal): Promise<GitIntegrationView | null>;
}

const Integration = v.object({
  name: v.string(),
  provider: v.pipe(
    v.nullish(v.string()),
    v.transform((s): GitProvider | null => parseGitProvider(s)),
  ),
  apiUrl: v.nullish(v.string()),
  registeredUsers: v.nullish(v.array(v.string())),
  users: v.nullish(v.array(v.object({ userId: v.string(), isValid: v.nullish(v.boolean()) }))),
});

const toView = (i: v.InferOutput<typeof Integration>): GitIntegrationView => ({
  name: i.name,
  provider: i.provider ?? null,
  apiUrl: i.apiUrl ?? null,
  registeredUsers: i.registeredUsers ?? [],
  // A missing isValid is not a verdict; only an explicit false means "invalid".
  users: (i.users ?? []).map((u) => ({ userId: u.userId, isValid: u.isValid !== false })),
});

const hostOf = (origin: string) => new URL(origin).host;

export interface AppProxyClientOptions extends GraphqlDeps {
  /** For the "create a new API key" link in unauthorized errors; defaults to g.codefresh.io. */
  readonly platformOrigin?: string;
}

/** A runtime's app-proxy GraphQL, where the user's Git token actually goes. */
export const createAppProxyClient = (options: AppProxyClientOptions): AppProxyClient => {
  const deps: GraphqlDeps = {
    fetch: options.fetch,
    ...(options.hasHostAccess === undefined ? {} : { hasHostAccess: options.hasHostAccess }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const endpointFor = (origin: string): GraphqlEndpoint => {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new AppFailure('app-proxy-host-invalid', text('appProxyHostUnusable'));
    }
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) {
      throw new AppFailure('app-proxy-host-invalid', text('appProxyHostNotHttps'));
    }
    return {
      target: 'app-proxy',
      url: `${parsed.origin}${APP_PROXY_GRAPHQL_PATH}`,
      ...(options.platformOrigin ? { platformOrigin: options.platformOrigin } : {}),
    };
  };

  return {
    async gitIntegration(origin, apiKey, signal) {
      const endpoint = endpointFor(origin);
      const data = await graphqlRequest(deps, endpoint, {
        query: GIT_INTEGRATION_QUERY,
        operationName: 'GitIntegration',
        variables: { name: null },
        apiKey,
        ...(signal ? { signal } : {}),
      });
      const parsed = v.safeParse(v.object({ gitIntegration: v.nullable(Integration) }), data);
      if (!parsed.success) throw badShape(endpoint, 'appProxyGitIntegrationUnexpectedShape');
      return parsed.output.gitIntegration ? toView(parsed.output.gitIntegration) : null;
    },

    async register(origin, apiKey, input, signal) {
      const endpoint = endpointFor(origin);
      const args: Record<string, string> = { token: input.token };
      if (input.username) args.username = input.username;
      let data: Record<string, unknown>;
      try {
        data = await graphqlRequest(deps, endpoint, {
          query: REGISTER_MUTATION,
          operationName: 'RegisterToGitIntegration',
          variables: { args },
          apiKey,
          secrets: [input.token],
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (error instanceof GraphqlErrors) {
          throw new AppFailure(
            'app-proxy-rejected',
            text('appProxyTokenRejected', [hostOf(origin), serverReason(error.errors)]),
          );
        }
        throw error;
      }
      const parsed = v.safeParse(v.object({ registerToGitIntegration: Integration }), data);
      if (!parsed.success) throw badShape(endpoint, 'appProxyRegistrationUnexpectedShape');
      return toView(parsed.output.registerToGitIntegration);
    },

    async deregister(origin, apiKey, signal) {
      const endpoint = endpointFor(origin);
      let data: Record<string, unknown>;
      try {
        data = await graphqlRequest(deps, endpoint, {
          query: DEREGISTER_MUTATION,
          operationName: 'DeregisterFromGitIntegration',
          variables: { name: null },
          apiKey,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (error instanceof GraphqlErrors) {
          throw new AppFailure(
            'app-proxy-rejected',
            text('appProxyTokenNotRemoved', [hostOf(origin), serverReason(error.errors)]),
          );
        }
        throw error;
      }
      const parsed = v.safeParse(v.object({ deregisterFromGitIntegration: v.nullable(Integration) }), data);
      if (!parsed.success) throw badShape(endpoint, 'appProxyRemovalUnexpectedShape');
      return parsed.output.deregisterFromGitIntegration
        ? toView(parsed.output.deregisterFromGitIntegration)
        : null;
    },
  };
};
