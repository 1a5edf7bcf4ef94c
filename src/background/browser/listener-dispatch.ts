import type { WakeQueue } from '../wake';

/**
 * What one feature listens to in the browser, declared in its `*-listeners.ts` beside its
 * `*-routes.ts`. `index.ts` attaches each browser event once (`attachListeners`) and hands it to the
 * features that declared it, in the order they are listed, each failure kept to its own feature.
 */
export interface FeatureListeners {
  /** A short name for the feature (`vault`, `rotation`), as a duplicate's error and the tests name it. */
  readonly feature: string;
  /**
   * The alarms this feature creates, by exact name: an alarm reaches only the feature that declared
   * its name, and two features declaring one name do not compile (`listFeatures`).
   */
  readonly alarms?: { readonly [name: string]: () => unknown };
  /**
   * The notifications this feature raises, by the prefix of their id: a click reaches only the owner
   * of the prefix (given the whole id), and one prefix may not start another feature's.
   */
  readonly notificationClicked?: { readonly [idPrefix: string]: (notificationId: string) => unknown };
  /** A right-click menu item was chosen (`contextMenus.onClicked`), in the tab it was shown in. */
  readonly menuClicked?: (menuItemId: string | number, tabId: number | undefined) => unknown;
  readonly tabRemoved?: (tabId: number) => unknown;
  /** Host access withdrawn in the browser's settings (`permissions.onRemoved`): the match patterns. */
  readonly hostAccessRemoved?: (origins: readonly string[]) => unknown;
  /** `runtime.onInstalled` and `runtime.onStartup`: what is registered with the browser, redone. */
  readonly installedOrStartup?: () => unknown;
  /** `storage.managed.onChanged`: an administrator changed the policy. */
  readonly managedPolicyChanged?: () => unknown;
  /** Work a wake defers until its first answer has gone (`wake.ts`). */
  readonly afterFirstAnswer?: () => unknown;
  /** A message came from one of the extension's own pages (activity, for the vault's auto-lock). */
  readonly extensionPageUsed?: () => void;
}

/** Declares one feature's listeners, keeping its alarm names and notification prefixes literal. */
export const defineListeners = <const L extends FeatureListeners>(listeners: L): L => listeners;

type AlarmNamesOf<L> = L extends { readonly alarms?: infer A } ? keyof NonNullable<A> : never;
type PrefixesOf<L> = L extends { readonly notificationClicked?: infer N } ? keyof NonNullable<N> : never;
/** `A` when it starts with `B` or the other way round: then one click would have two owners. */
type Clash<A, B> = A extends string
  ? B extends string
    ? A extends `${B}${string}`
      ? A
      : B extends `${A}${string}`
        ? B
        : never
    : never
  : never;
type SharedAlarms<T> = T extends readonly [infer H, ...infer R]
  ? (AlarmNamesOf<H> & AlarmNamesOf<R[number]>) | SharedAlarms<R>
  : never;
type SharedPrefixes<T> = T extends readonly [infer H, ...infer R]
  ? Clash<PrefixesOf<H>, PrefixesOf<R[number]>> | SharedPrefixes<R>
  : never;
type OneOwnerEach<T> = [SharedAlarms<T>] extends [never]
  ? [SharedPrefixes<T>] extends [never]
    ? unknown
    : { readonly 'notification prefix declared by two features': SharedPrefixes<T> }
  : { readonly 'alarm name declared by two features': SharedAlarms<T> };

/**
 * The worker's features, in dispatch order. An alarm name two of them declare, or a notification
 * prefix that starts another's, does not compile here (and `attachListeners` refuses it too).
 */
export const listFeatures = <const T extends readonly FeatureListeners[]>(
  ...features: T & OneOwnerEach<T>
): readonly FeatureListeners[] => features;

interface BrowserEvent<Listener> {
  addListener(listener: Listener): void;
}

/** The parts of `browser` whose events the features listen to. */
export interface ListenedEvents {
  readonly alarms: { readonly onAlarm: BrowserEvent<(alarm: { name: string }) => void> };
  readonly notifications: { readonly onClicked: BrowserEvent<(notificationId: string) => void> };
  readonly contextMenus: {
    readonly onClicked: BrowserEvent<
      (info: { menuItemId: string | number }, tab: { id?: number } | undefined) => void
    >;
  };
  readonly tabs: { readonly onRemoved: BrowserEvent<(tabId: number) => void> };
  readonly permissions: { readonly onRemoved: BrowserEvent<(removed: { origins?: string[] }) => void> };
  readonly runtime: {
    readonly onInstalled: BrowserEvent<() => void>;
    readonly onStartup: BrowserEvent<() => void>;
  };
  /** Optional: a browser without managed storage has no change event for it. */
  readonly storage: { readonly managed: { readonly onChanged?: BrowserEvent<() => void> } };
}

/** A listener's failure is its own: the next feature still runs, and nothing rejects unhandled. */
const settle = async (run: () => unknown): Promise<void> => {
  try {
    await run();
  } catch {
    // Each feature tells the user about its own failures; an error's text may name a host or a
    // header, so it is not logged here either (docs/security-tests.md).
  }
};

/** Each key's one owner; a key two features declare is refused (a programming error). */
const ownersOf = <H>(
  features: readonly FeatureListeners[],
  table: (f: FeatureListeners) => { readonly [key: string]: H } | undefined,
  what: string,
) => {
  const owners = new Map<string, { readonly feature: string; readonly handler: H }>();
  for (const f of features) {
    const { feature } = f;
    for (const [key, handler] of Object.entries(table(f) ?? {})) {
      const other = owners.get(key)?.feature;
      if (other !== undefined) throw new Error(`${what} "${key}" is declared by ${other} and ${feature}`);
      owners.set(key, { feature, handler });
    }
  }
  return owners;
};

/** The owner of a notification id by its prefix; a prefix may not start another one. */
const ownerByPrefix = <H>(owners: ReadonlyMap<string, { readonly feature: string; readonly handler: H }>) => {
  const prefixes = [...owners.keys()];
  for (const a of prefixes) {
    const b = prefixes.find((other) => other !== a && a.startsWith(other));
    if (b !== undefined) {
      throw new Error(
        `notification prefix "${a}" (${owners.get(a)?.feature}) starts with "${b}" (${owners.get(b)?.feature})`,
      );
    }
  }
  return (id: string) => {
    const prefix = prefixes.find((p) => id.startsWith(p));
    return prefix === undefined ? undefined : owners.get(prefix)?.handler;
  };
};

/**
 * Attaches every browser event the features declared, once each, and dispatches: an alarm or a
 * notification click to its one owner (anything else is ignored, as another extension part's may
 * be), every other event to each feature that declared it, one after another in the listed order.
 * Returns the dispatch the worker also calls itself (the router's page activity, the e2e menu hook).
 */
export const attachListeners = (
  events: ListenedEvents,
  features: readonly FeatureListeners[],
  wake: Pick<WakeQueue, 'afterFirstAnswer'>,
) => {
  const alarms = ownersOf(features, (f) => f.alarms, 'alarm');
  const clickOwner = ownerByPrefix(ownersOf(features, (f) => f.notificationClicked, 'notification prefix'));
  /** Every feature that declared the listener `pick` finds, one after the other. */
  const toEach =
    <A extends unknown[]>(pick: (f: FeatureListeners) => ((...args: A) => unknown) | undefined) =>
    async (...args: A): Promise<void> => {
      for (const feature of features) {
        const listener = pick(feature);
        if (listener) await settle(() => listener(...args));
      }
    };

  const dispatch = {
    alarm: (name: string) => settle(() => alarms.get(name)?.handler()),
    notificationClicked: (id: string) => settle(() => clickOwner(id)?.(id)),
    menuClicked: toEach((f) => f.menuClicked),
    tabRemoved: toEach((f) => f.tabRemoved),
    hostAccessRemoved: toEach((f) => f.hostAccessRemoved),
    installedOrStartup: toEach((f) => f.installedOrStartup),
    managedPolicyChanged: toEach((f) => f.managedPolicyChanged),
    /** Synchronous: the router calls it while it classifies a sender. */
    extensionPageUsed(): void {
      for (const feature of features) {
        try {
          feature.extensionPageUsed?.();
        } catch {
          // Activity is a hint; a failure to note it must not refuse the message.
        }
      }
    },
  };

  events.alarms.onAlarm.addListener((alarm) => void dispatch.alarm(alarm.name));
  events.notifications.onClicked.addListener((id) => void dispatch.notificationClicked(id));
  events.contextMenus.onClicked.addListener(
    (info, tab) => void dispatch.menuClicked(info.menuItemId, tab?.id),
  );
  events.tabs.onRemoved.addListener((tabId) => void dispatch.tabRemoved(tabId));
  events.permissions.onRemoved.addListener(({ origins }) => void dispatch.hostAccessRemoved(origins ?? []));
  events.runtime.onInstalled.addListener(() => void dispatch.installedOrStartup());
  events.runtime.onStartup.addListener(() => void dispatch.installedOrStartup());
  events.storage.managed.onChanged?.addListener(() => void dispatch.managedPolicyChanged());
  // Each its own task, as before: one slow catch-up does not hold back another feature's.
  for (const feature of features) {
    const task = feature.afterFirstAnswer;
    if (task) wake.afterFirstAnswer(() => settle(task));
  }
  return dispatch;
};
