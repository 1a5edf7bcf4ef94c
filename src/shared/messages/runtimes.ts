import * as v from 'valibot';
import type { RuntimeView } from '../runtime-types';
import { defineEvent, defineMessage, type WorkerEvent } from './define';

const MAX_URL = 2048;
const runtimeName = v.pipe(v.string(), v.minLength(1), v.maxLength(253));

export interface RuntimeList {
  readonly runtimes: readonly RuntimeView[];
  /** True when this came from a cache older than its freshness window; ask again with refresh. */
  readonly stale: boolean;
}

/**
 * All runtimes of the account with the current user's token state on each. `url` and `tabId` say
 * what the popup's tab shows, so a refresh asks that runtime's app-proxy first.
 */
export const listRuntimes = defineMessage<RuntimeList>()(
  'runtimes/list',
  v.object({
    refresh: v.boolean(),
    url: v.optional(v.pipe(v.string(), v.maxLength(MAX_URL))),
    tabId: v.optional(v.pipe(v.number(), v.integer())),
  }),
);

/**
 * Broadcast to extension pages while a refresh runs (no secret in it): first every runtime's name
 * once the platform answered, then each runtime as its app-proxy answers. Each names the Codefresh
 * account the list is of (`me.activeAccount.id`): a refresh of the account switched away from may
 * still be streaming, and its rows must not appear under another account (popup slices/runtimes.ts).
 */
export const runtimeListProgress = defineEvent<
  { readonly accountId: string } & ({ readonly names: readonly string[] } | { readonly runtime: RuntimeView })
>()('runtimes/progress');
export type RuntimeListProgressEvent = WorkerEvent<typeof runtimeListProgress>;

/** Remembers the runtime the user picked, so the next popup on an unknown page starts there. */
export const rememberRuntime = defineMessage<{ readonly remembered: true }>()(
  'runtimes/remember',
  v.object({ runtimeName }),
);

/** The user's own app-proxy addresses, by runtime name (for runtimes Codefresh gives no usable host). */
export type AppProxyOverrides = Readonly<Record<string, string>>;

export const getOverrides = defineMessage<AppProxyOverrides>()('runtimes/overrides', v.object({}));

/**
 * Sets (or with `origin: null` removes) the app-proxy address used for one runtime. The options page
 * asks for host access to it in the same click; the worker checks it was granted.
 */
export const setOverride = defineMessage<AppProxyOverrides>()(
  'runtimes/set-override',
  v.object({ runtimeName, origin: v.nullable(v.pipe(v.string(), v.maxLength(MAX_URL))) }),
);
