/**
 * Performance marks read by the UI benchmark (bench/ui.bench.ts) and e2e. A mark that repeats (one per
 * result) keeps only its latest entry, so a long session does not grow the performance buffer.
 */
export function markLatest(name: string, detail?: unknown): void {
  performance.clearMarks(name);
  performance.mark(name, { detail });
}

/** Marks `name` once: when an element matching `selector` under `root` is first shown (not `visibility: hidden`). */
export function markWhenShown(name: string, root: HTMLElement, selector: string): void {
  const shown = () =>
    Array.from(root.querySelectorAll<HTMLElement>(selector)).some((el) => el.style.visibility !== 'hidden');
  if (shown()) {
    performance.mark(name);
    return;
  }
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    performance.mark(name);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
}
