/** React bindings: the store instance travels in context; components read it with narrow selectors. */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundStore } from './store.ts';
import type { PlaygroundState } from './types.ts';

const StoreContext = createContext<PlaygroundStore | null>(null);

export function PlaygroundStoreProvider({
  store,
  children,
}: {
  store: PlaygroundStore;
  children: ReactNode;
}) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlaygroundStore: wrap the app in <PlaygroundStoreProvider>');
  return store;
}

export function usePlayground<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}
