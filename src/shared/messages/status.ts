import * as v from 'valibot';
import type { GitProvider } from '../runtime-types';
import { defineMessage } from './define';

export interface SignedInUser {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly accountId: string;
  readonly accountName: string;
  /** The account's one Git provider (`me.activeAccount`), which all its runtimes use. Not secret. */
  readonly gitProvider: GitProvider | null;
  readonly gitApiUrl: string | null;
}

/** One signed-in Codefresh account, for the switcher: names only, never the key. */
export interface AccountChoice {
  /** The vault record of the account's API key: what a switch names. */
  readonly id: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly active: boolean;
}

export interface StatusView {
  /** Extension version, from the manifest. */
  readonly version: string;
  /** Who the stored Codefresh API key belongs to, or null when no key is stored yet. */
  readonly account: SignedInUser | null;
  /** Every account with a saved API key on the platform in use, the one in use marked. */
  readonly accounts: readonly AccountChoice[];
  readonly vault: {
    readonly mode: 'device' | 'passphrase';
    readonly locked: boolean;
    /** Set when nothing saved can be read (a damaged header, a newer format): the pages offer to erase. */
    readonly unreadable?: { readonly message: string };
  };
  /** Origin of the Codefresh platform in use, e.g. `https://g.codefresh.io`. */
  readonly platformOrigin: string;
  /** Set when access to the platform was withdrawn: the API key is kept, not sent, until allowed again. */
  readonly platformNeedsAccess?: true;
  /** What the administrator's policy decides; the UI shows those settings as not the user's. */
  readonly policy: PolicyView;
}

export interface PolicyView {
  readonly requirePassphrase: boolean;
  readonly keepTokensAllowed: boolean;
  readonly maxAutoLockMinutes: number | null;
  readonly allowedPlatformHosts: readonly string[] | null;
  /** Policy entries that were ignored, with why, for the administrator. */
  readonly ignored: readonly string[];
}

/** The first thing every extension page asks: enough to render its frame at once. */
export const getStatus = defineMessage<StatusView>()('status/get', v.object({}), 'extension-pages');
