import * as v from 'valibot';
import type { AppError } from '../errors';
import type { GitProvider } from '../runtime-types';
import { defineMessage } from './define';
import type { RuntimeApplyResult } from './token';

const runtimeName = v.pipe(v.string(), v.minLength(1), v.maxLength(253));

/**
 * The provider segment of a runtime's git-auth URL (codefresh-platform.md §1c: the docs list
 * `github`, `gitlab` and `bitbucket-server`). Other providers have no OAuth flow there.
 */
export const OAUTH_PROVIDER_PATHS = {
  GITHUB: 'github',
  GITLAB: 'gitlab',
  BITBUCKET_SERVER: 'bitbucket-server',
} as const satisfies Partial<Record<GitProvider, string>>;

export type OAuthProviderPath = (typeof OAUTH_PROVIDER_PATHS)[keyof typeof OAUTH_PROVIDER_PATHS];

/** The path segment for `provider`, or null when the runtime's provider has no OAuth flow. */
export const oauthProviderPath = (provider: GitProvider | null | undefined): OAuthProviderPath | null =>
  provider && Object.hasOwn(OAUTH_PROVIDER_PATHS, provider)
    ? OAUTH_PROVIDER_PATHS[provider as keyof typeof OAUTH_PROVIDER_PATHS]
    : null;

/** How the UI names each provider that has an OAuth flow ("Authorize with GitHub"). */
export const OAUTH_PROVIDER_LABELS: Readonly<Record<OAuthProviderPath, string>> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  'bitbucket-server': 'Bitbucket Server',
};

export interface OAuthAnswer {
  /** One per runtime, in the order asked; a failure's message offers the token path. */
  readonly results: readonly RuntimeApplyResult[];
}

/**
 * Runs the runtime's Git OAuth flow for each named runtime, one after another, each in its own
 * tab (each needs the user's consent); answers when all are done.
 */
export const authorizeOAuth = defineMessage<OAuthAnswer>()(
  'oauth/authorize',
  v.object({ runtimeNames: v.pipe(v.array(runtimeName), v.minLength(1), v.maxLength(50)) }),
);

/** Progress the worker broadcasts to extension pages while authorizing (no secrets inside). */
export interface OAuthProgressEvent {
  readonly type: 'oauth/progress';
  readonly runtimeName: string;
  readonly state: 'pending' | 'running' | 'done' | 'failed';
  readonly error?: AppError;
}
