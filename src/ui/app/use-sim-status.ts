import { useLayoutEffect, type RefObject } from 'react';
import { usePlaygroundStore } from '../../store/react.ts';

/**
 * Mirrors the store's simulation status onto `data-sim-status` ("idle" | "pending") of the given element,
 * for e2e to wait on. Written straight to the DOM: a status flip per keystroke re-renders nothing.
 */
export function useSimStatusAttribute(ref: RefObject<HTMLElement | null>): void {
  const store = usePlaygroundStore();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.dataset.simStatus = store.getState().simStatus;
    return store.subscribe((s, prev) => {
      if (s.simStatus !== prev.simStatus) el.dataset.simStatus = s.simStatus;
    });
  }, [store, ref]);
}
