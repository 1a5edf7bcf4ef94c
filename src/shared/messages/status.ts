import * as v from 'valibot';
import { defineMessage } from './define';

export interface SignedInUser {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly accountId: string;
  readonly accountName: string;
}

export interface StatusView {
  /** Extension version, from the manifest. */
  readonly version: string;
  /** Who the stored Codefresh API key belongs to, or null when no key is stored yet. */
  readonly account: SignedInUser | null;
  readonly vault: { readonly mode: 'device' | 'passphrase'; readonly locked: boolean };
  /** Origin of the Codefresh platform in use, e.g. `https://g.codefresh.io`. */
  readonly platformOrigin: string;
}

/** The first thing every extension page asks: enough to render its frame at once. */
export const getStatus = defineMessage<StatusView>()('status/get', v.object({}), 'extension-pages');
