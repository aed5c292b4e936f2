/**
 * Test-only: lets e2e make one panel throw while rendering (window.__playground.crashPanel, installed only
 * under navigator.webdriver), to prove its error boundary keeps the rest of the page alive. For a person
 * nothing here ever throws.
 */
import { useSyncExternalStore } from 'react';

let crashing: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function update(next: ReadonlySet<string>) {
  crashing = next;
  for (const l of [...listeners]) l();
}

export function crashPanelForTests(name: string): void {
  update(new Set([...crashing, name]));
}

/** Called by the boundary's "Try again": the next render succeeds. */
export function recoverPanelForTests(name: string): void {
  if (crashing.has(name)) update(new Set([...crashing].filter((n) => n !== name)));
}

/** Throws while rendering once e2e asked this panel to crash. */
export function useCrashForTests(name: string): void {
  const crash = useSyncExternalStore(subscribe, () => crashing.has(name));
  if (crash) throw new Error(`Test crash in the ${name} panel`);
}
