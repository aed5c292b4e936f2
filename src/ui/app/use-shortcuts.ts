import { useEffect } from 'react';
import { usePlaygroundStore } from '../../store/react.ts';

/** Shown in the Send button's tooltip. */
export function sendShortcutLabel(): string {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  return mac ? 'R · ⌘+Enter' : 'R · Ctrl+Enter';
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.monaco-editor')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * "R" sends a request when focus is not in a text field; Ctrl/Cmd+Enter sends from anywhere outside the
 * editor (inside it, Monaco's own command does the same).
 */
export function useSendShortcuts(): void {
  const store = usePlaygroundStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const inEditor = e.target instanceof HTMLElement && e.target.closest('.monaco-editor') !== null;
      const modEnter = e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !inEditor;
      const plainR =
        (e.key === 'r' || e.key === 'R') && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!modEnter && !plainR) return;
      e.preventDefault();
      store.getState().sendRequest();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
