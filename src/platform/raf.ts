/**
 * The one frame source of the app. The playback driver subscribes here; apart from afterNextPaint below,
 * nothing else calls requestAnimationFrame. Frames pause while nobody listens.
 */
export type FrameListener = (now: number) => void;

export interface FrameSource {
  subscribe(listener: FrameListener): () => void;
}

export function createRafFrameSource(win: Window = window): FrameSource {
  const listeners = new Set<FrameListener>();
  let handle = 0;

  const tick = (now: number) => {
    handle = 0;
    for (const listener of [...listeners]) listener(now);
    if (listeners.size > 0) handle = win.requestAnimationFrame(tick);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (handle === 0) handle = win.requestAnimationFrame(tick);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && handle !== 0) {
          win.cancelAnimationFrame(handle);
          handle = 0;
        }
      };
    },
  };
}

/** True when the user asked the OS for less motion: packets then jump from hop to hop. */
export function prefersReducedMotion(win: Window = window): boolean {
  return win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * Runs `job` in a task after the next frame has been drawn: work a keystroke need not wait for (the
 * control-plane diff) stays out of the frame that shows the new canvas.
 */
export function afterNextPaint(job: () => void, win: Window = window): void {
  win.requestAnimationFrame(() => win.setTimeout(job, 0));
}
