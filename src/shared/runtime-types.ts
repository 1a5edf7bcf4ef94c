import type { GitProvider } from '../providers/registry';
import type { AppProxyHostSource } from './app-proxy-origin';

/** Codefresh's enum values we support, derived from the provider registry. */
export type { GitProvider };

export type InstallationStatus = 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';
export type AccessMode = 'INGRESS' | 'TUNNEL';

/** Why the current user's token state on a runtime could not be read. */
export type UnknownTokenReason =
  | 'not-installed' // installationStatus is not COMPLETED
  | 'no-host' // neither ingressHost nor internalIngressHost
  | 'unsupported-provider' // a Git provider in Codefresh's enum that we do not support (Gerrit)
  | 'no-host-access' // the user has not granted access to the runtime's host yet
  | 'app-proxy-down' // 502/503 from the runtime's app-proxy
  | 'unreachable' // network error or timeout
  | 'not-there' // the host answered, but not as an app-proxy (404, a web page): wrong address
  | 'error'; // any other failure answered by app-proxy

export type TokenState =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'unknown'; readonly reason: UnknownTokenReason; readonly message: string };

/** One runtime as the UI shows it: platform facts plus the current user's token state. */
export interface RuntimeView {
  readonly name: string;
  readonly namespace: string | null;
  readonly cluster: string | null;
  readonly gitProvider: GitProvider | null;
  /** Git API URL of the runtime's integration (app-proxy `apiUrl`, else the account's `gitApiUrl`). */
  readonly gitApiUrl: string | null;
  readonly installationStatus: InstallationStatus | null;
  readonly healthStatus: string | null;
  readonly accessMode: AccessMode | null;
  /** Origin chosen for app-proxy calls (the user's override, else `internalIngressHost`, else `ingressHost`). */
  readonly appProxyOrigin: string | null;
  /** Which source gave `appProxyOrigin`; absent when there is none. */
  readonly appProxyHostSource?: AppProxyHostSource;
  /** Whether the extension may call `appProxyOrigin` (optional host permission). */
  readonly hostAccess: 'granted' | 'missing' | 'not-applicable';
  /** The runtime's installation repository (platform `repo`), used for detection on the Git host. */
  readonly repo: string | null;
  readonly token: TokenState;
}
