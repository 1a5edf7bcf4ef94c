/**
 * The app-proxy GraphQL slice for personal Git tokens: docs/platform-contract.md §1a (register and
 * its input type), §1b (deregister), §3d (gitIntegration, gitIntegrations). `removeGitIntegration`
 * and the admin mutations of §1c are deliberately absent (Simulator contract item 7).
 */
import { buildSchema } from 'graphql';
import { userError } from './graphql-http';
import { GIT_CHECK_REFUSAL } from './refusals';
import type { SimUser } from './seed';
import type { RuntimeState } from './state';
import { checkUserToken } from './token-check';
import type { FetchHandler } from './types';

export const APP_PROXY_SDL = /* GraphQL */ `
  enum GitProviders { BITBUCKET BITBUCKET_SERVER GERRIT GITHUB GITLAB }
  enum SharingPolicy { ACCOUNT_ADMINS ALL_USERS_IN_ACCOUNT }
  enum TokenType { RUNTIME_TOKEN USER_TOKEN }

  type UserGitIntegration { userId: String! isValid: Boolean! }

  type GitIntegration {
    name: String!
    sharingPolicy: SharingPolicy!
    provider: GitProviders!
    apiUrl: String!
    "Deprecated in the model, still returned: the registered user ids."
    registeredUsers: [String!]!
    users: [UserGitIntegration!]!
  }

  "§1a RegisterToGitIntegrationArgs. userId, accountId and isAdmin are deprecated and ignored."
  input RegisterToGitIntegrationArgs {
    name: String
    token: String!
    refreshToken: String
    username: String
    userId: String
    accountId: String
    isAdmin: Boolean
    tokenType: TokenType
  }

  type Query {
    "null name = the default integration; an unknown name gives null."
    gitIntegration(name: String): GitIntegration
    gitIntegrations: [GitIntegration!]!
  }

  type Mutation {
    "§1a: non-null, as go-sdk declares $args: RegisterToGitIntegrationArgs!."
    registerToGitIntegration(args: RegisterToGitIntegrationArgs!): GitIntegration
    deregisterFromGitIntegration(name: String): GitIntegration
  }
`;

export const appProxySchema = buildSchema(APP_PROXY_SDL);

export const DEFAULT_INTEGRATION = 'default';

export interface AppProxyContext {
  readonly user: SimUser;
  readonly runtime: RuntimeState;
  /** The fake Git providers, called in-process to validate tokens. */
  readonly git: FetchHandler;
}

interface RegisterArgs {
  readonly name?: string | null;
  readonly token: string;
  readonly refreshToken?: string | null;
  readonly username?: string | null;
  readonly tokenType?: 'RUNTIME_TOKEN' | 'USER_TOKEN' | null;
}

/** Each runtime has one integration, `default` (§1a), whose provider and apiUrl the seed gives. */
const integration = (runtime: RuntimeState) => ({
  name: DEFAULT_INTEGRATION,
  sharingPolicy: runtime.seed.sharingPolicy,
  provider: runtime.seed.gitProvider,
  apiUrl: runtime.seed.gitApiUrl,
  registeredUsers: [...runtime.registrations.keys()],
  users: [...runtime.registrations].map(([userId, r]) => ({ userId, isValid: r.isValid })),
});

const isKnown = (name: string | null | undefined): boolean => name == null || name === DEFAULT_INTEGRATION;

const notFound = (name: string) => userError(`git integration "${name}" not found`, 'NOT_FOUND');

export const appProxyRoot = {
  gitIntegration: ({ name }: { name?: string | null }, { runtime }: AppProxyContext) =>
    isKnown(name) ? integration(runtime) : null,

  gitIntegrations: (_args: unknown, { runtime }: AppProxyContext) => [integration(runtime)],

  registerToGitIntegration: async (
    { args }: { args: RegisterArgs },
    { user, runtime, git }: AppProxyContext,
  ) => {
    if (!isKnown(args.name)) throw notFound(args.name!);
    const token = args.token.trim();
    if (!token) throw userError('token is required');
    const username = args.username?.trim() || undefined;
    // §1a: username is "required for Bitbucket if not using OAuth" (OAuth brings a refreshToken).
    if (runtime.seed.gitProvider === 'BITBUCKET' && !username && !args.refreshToken) {
      throw userError('username is required for bitbucket when not using OAuth');
    }
    // refusals.ts [inferred]: this runtime's own Git check refuses whatever the token.
    if (runtime.refusal === 'git-check') throw userError(GIT_CHECK_REFUSAL, 'GIT_TOKEN_VALIDATION_FAILED');
    if (!runtime.skipValidation) {
      const check = await checkUserToken(git, {
        provider: runtime.seed.gitProvider,
        apiUrl: runtime.seed.gitApiUrl,
        token,
        ...(username ? { username } : {}),
        runtimeVersion: runtime.seed.runtimeVersion,
        repo: runtime.seed.repo,
      });
      if (!check.ok) throw userError(check.message, 'GIT_TOKEN_VALIDATION_FAILED');
    }
    // §1a [INFERRED]: adding again replaces; the identity is the caller, never args.userId.
    runtime.registrations.delete(user.id);
    runtime.registrations.set(user.id, { token, isValid: true, ...(username ? { username } : {}) });
    return integration(runtime);
  },

  deregisterFromGitIntegration: ({ name }: { name?: string | null }, { user, runtime }: AppProxyContext) => {
    if (!isKnown(name)) throw notFound(name!);
    // §6 [INFERRED]: deregistering without a registration is a GraphQL error.
    if (!runtime.registrations.delete(user.id)) {
      throw userError(
        `user ${user.id} is not registered to git integration "${DEFAULT_INTEGRATION}"`,
        'NOT_FOUND',
      );
    }
    return integration(runtime);
  },
};
