import type { StateCreator } from 'zustand/vanilla';
import type { SimulationResult } from '../engine/index.ts';
import { PERSIST_KEYS, type EnginePort, type PersistPort } from './engine-port.ts';
import { reconcileTraffic } from './traffic-defaults.ts';
import type { ManifestSlice, PlaygroundState } from './types.ts';

/** A result the canvas can draw: the text was YAML and no document failed to parse. */
export function isDrawable(result: SimulationResult): boolean {
  return !result.fatal && !result.diagnostics.some((d) => d.source === 'yaml' && d.severity === 'error');
}

export interface ManifestInit {
  manifestText: string;
  exampleId: string | null;
  seed: number;
}

export const createManifestSlice =
  (
    engine: EnginePort,
    persist: PersistPort | undefined,
    init: ManifestInit,
  ): StateCreator<PlaygroundState, [], [], ManifestSlice> =>
  (set, get) => {
    // simulate() has exactly one call site: here, whenever the manifest text changes.
    const run = (text: string, seed: number) => engine.simulate(text, { seed });
    const initial = run(init.manifestText, init.seed);

    return {
      manifestText: init.manifestText,
      exampleId: init.exampleId,
      seed: init.seed,
      result: initial,
      lastValidResult: initial,

      setManifestText(text) {
        const state = get();
        if (text === state.manifestText) return;
        const result = run(text, state.seed);
        persist?.set(PERSIST_KEYS.manifest, text);
        if (!isDrawable(result)) {
          set({ manifestText: text, result });
          return;
        }
        set({
          manifestText: text,
          result,
          lastValidResult: result,
          ...reconcileTraffic(state, result, engine, false),
        });
      },

      selectExample(id) {
        const example = engine.examples.find((e) => e.id === id);
        if (!example) return;
        const state = get();
        const result = run(example.yaml, state.seed);
        persist?.set(PERSIST_KEYS.manifest, example.yaml);
        set({
          manifestText: example.yaml,
          exampleId: id,
          result,
          lastValidResult: result,
          ...reconcileTraffic(state, result, engine, true),
        });
      },
    };
  };
