/** Browser localStorage behind a tiny key-value port; every key is prefixed per app. */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

const PREFIX = 'k8s-service-playground:';

export function createLocalStorage(win: Window = window): KeyValueStorage {
  return {
    get(key) {
      try {
        return win.localStorage.getItem(PREFIX + key);
      } catch {
        return null; // storage disabled (private mode, sandboxed iframe)
      }
    },
    set(key, value) {
      try {
        win.localStorage.setItem(PREFIX + key, value);
      } catch {
        // quota exceeded or storage disabled: the playground still works, it just forgets
      }
    },
  };
}

/** In-memory storage for tests and for when no browser storage exists. */
export function createMemoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const data = new Map(Object.entries(initial));
  return {
    get: (key) => data.get(key) ?? null,
    set: (key, value) => void data.set(key, value),
  };
}
