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
  /** Requests with their full traces (codes, params, rules) and the tallies, for the traffic specs. */
  traffic?: () => unknown;
  /** Line decorations the editor shows (YAML highlighted for a packet or a Service). */
  decorations?: () => { line: number; className: string }[];
  /** Makes a panel (editor, trace, canvas) throw while rendering, to test its error boundary. */
  crashPanel?: (name: string) => void;
  /** UI benchmark: loads a generated 100-pod scenario and keeps `packets` packets looping through it. */
  loadTest?: (packets: number) => Promise<{ pods: number; packets: number }>;
  stopLoadTest?: () => void;
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
