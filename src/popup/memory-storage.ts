import type { StateStorage } from 'zustand/middleware';

/** A storage that forgets on close: tests, and any page without localStorage. */
export const memoryStorage = (): StateStorage => {
  const items = new Map<string, string>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => {
      items.set(name, value);
    },
    removeItem: (name) => {
      items.delete(name);
    },
  };
};
