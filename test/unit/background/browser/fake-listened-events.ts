import type { ListenedEvents } from '../../../../src/background/browser/listener-dispatch';

/** One browser event: listeners are added as the browser's are, and `fire` calls them as it does. */
export const fakeEvent = <Args extends unknown[]>() => {
  const listeners: ((...args: Args) => unknown)[] = [];
  return {
    addListener(listener: (...args: Args) => unknown): void {
      listeners.push(listener);
    },
    listeners,
    /** The browser neither awaits a listener nor looks at what it returns. */
    fire(...args: Args): void {
      for (const listener of listeners) listener(...args);
    },
  };
};

/** Every event `attachListeners` attaches, each a `fakeEvent`. */
export const fakeListenedEvents = () => {
  const events = {
    alarms: { onAlarm: fakeEvent<[{ name: string }]>() },
    notifications: { onClicked: fakeEvent<[string]>() },
    contextMenus: { onClicked: fakeEvent<[{ menuItemId: string | number }, { id?: number } | undefined]>() },
    tabs: { onRemoved: fakeEvent<[number]>() },
    permissions: { onRemoved: fakeEvent<[{ origins?: string[] }]>() },
    runtime: { onInstalled: fakeEvent<[]>(), onStartup: fakeEvent<[]>() },
    storage: { managed: { onChanged: fakeEvent<[]>() } },
  } satisfies ListenedEvents;
  return {
    ...events,
    /** How many listeners each event got. */
    counts: () =>
      [
        events.alarms.onAlarm,
        events.notifications.onClicked,
        events.contextMenus.onClicked,
        events.tabs.onRemoved,
        events.permissions.onRemoved,
        events.runtime.onInstalled,
        events.runtime.onStartup,
        events.storage.managed.onChanged,
      ].map((event) => event.listeners.length),
  };
};

/** The wake queue's deferral, released by the test: as if the first answer had gone. */
export const fakeWake = () => {
  const tasks: (() => unknown)[] = [];
  return {
    afterFirstAnswer: (task: () => unknown) => void tasks.push(task),
    tasks,
    release: () => Promise.all(tasks.map((task) => task())),
  };
};
