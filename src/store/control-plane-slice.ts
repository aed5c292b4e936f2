import type { StateCreator } from 'zustand/vanilla';
import { diffResults } from '../engine/index.ts';
import type { ControlPlaneSlice } from './traffic-types.ts';
import type { PlaygroundState } from './types.ts';

/** Changes kept for the timeline. */
export const MAX_CHANGES = 5;
/** Beyond this many objects the per-object diff is skipped (it would cost more than a keystroke may). */
export const DIFF_OBJECT_LIMIT = 5000;

/**
 * Runs a job later, once the frame that shows the new result has been drawn (main.tsx), or at once (tests).
 * The timeline is not what a keystroke is waiting to see; the canvas is.
 */
export type AfterPaint = (job: () => void) => void;

/**
 * Watches the drawn result: whenever a new one differs from the previous (objects or rules), records the
 * diff so the timeline can replay apply → apiserver → etcd → controllers → kube-proxy → CoreDNS. A changed
 * cluster also starts the distribution tallies afresh (the old endpoints are gone). The diff is computed
 * after the new canvas is drawn, each pair of results in the order they were drawn.
 */
export const createControlPlaneSlice =
  (afterPaint: AfterPaint = (job) => job()): StateCreator<PlaygroundState, [], [], ControlPlaneSlice> =>
  (set, get, api) => {
    let seq = 0;
    api.subscribe((s, prev) => {
      if (s.lastValidResult === prev.lastValidResult) return;
      const a = prev.lastValidResult;
      const b = s.lastValidResult;
      if (a.objects.length + b.objects.length > 2 * DIFF_OBJECT_LIMIT) return;
      afterPaint(() => {
        const diff = diffResults(a, b);
        if (!diff.changed) return;
        seq += 1;
        const changes = [...get().changes, { seq, diff }].slice(-MAX_CHANGES);
        set({ changes, tallies: {} });
      });
    });
    return {
      changes: [],
      // The YAML editing code (and the `yaml` parser it needs) loads on first use, not with the page.
      async setProxyMode(mode) {
        const { setProxyModeInText } = await import('./yaml-edit.ts');
        const text = get().manifestText;
        const next = setProxyModeInText(text, mode);
        if (next !== text) get().setManifestText(next);
      },
      applyTextEdit(text) {
        get().setManifestText(text);
      },
      clearChanges: () => set({ changes: [] }),
    };
  };
