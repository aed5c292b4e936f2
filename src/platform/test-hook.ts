/**
 * `window.__playground`: a handle for Playwright, installed only in automated browsers
 * (navigator.webdriver), never for a person. Parts register themselves as they load.
 */
export interface PlaygroundTestHook {
  setText?: (text: string) => void;
  getText?: () => string;
  markers?: () => {
    owner: string;
    severity: number;
    message: string;
    startLineNumber: number;
    startColumn: number;
  }[];
  state?: () => unknown;
}

declare global {
  interface Window {
    __playground?: PlaygroundTestHook;
  }
}

export function exposeForTests(part: PlaygroundTestHook, win: Window = window): void {
  if (!win.navigator.webdriver) return;
  win.__playground = { ...win.__playground, ...part };
}
