import type { StateCreator } from 'zustand/vanilla';
import type { Diagnostic, SimulationResult } from '../engine/index.ts';
import { PERSIST_KEYS, type EnginePort, type PersistPort } from './engine-port.ts';
import { reconcileTraffic } from './traffic-defaults.ts';
import type { ManifestSlice, PlaygroundState } from './types.ts';

/**
 * More Services and pods than this are not drawn: React Flow would block the page for seconds (2,200 cards
 * take about half a second on a 2-core machine, 10,000 several seconds; bench/ui.bench.ts).
 */
export const MAX_DRAWN_OBJECTS = 3000;

const drawnObjects = (result: SimulationResult) =>
  result.cluster.services.length + result.cluster.pods.length;

/** The text was YAML and no document failed to parse. */
export function isParsed(result: SimulationResult): boolean {
  return !result.fatal && !result.diagnostics.some((d) => d.source === 'yaml' && d.severity === 'error');
}

/** A result the canvas can draw: it parsed, and it is small enough to draw without freezing the page. */
export function isDrawable(result: SimulationResult): boolean {
  return isParsed(result) && drawnObjects(result) <= MAX_DRAWN_OBJECTS;
}

/** A parsed result too large to draw, with a warning that says so (the canvas keeps the last one). */
export function withTooLargeWarning(result: SimulationResult): SimulationResult {
  const count = drawnObjects(result);
  const diagnostic: Diagnostic = {
    severity: 'warning',
    source: 'engine',
    code: 'canvas.tooLarge',
    params: { count, limit: MAX_DRAWN_OBJECTS },
    message: `${count} Services and pods are more than the canvas draws (${MAX_DRAWN_OBJECTS}); it shows the last cluster that fits`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    document: -1,
  };
  return { ...result, diagnostics: [diagnostic, ...result.diagnostics] };
}

/** The text is not one of the examples: replacing it would lose something the learner wrote. */
export function isCustomText(engine: Pick<EnginePort, 'examples'>, text: string): boolean {
  return !engine.examples.some((e) => e.yaml === text);
}

/**
 * What the store shows when the engine itself failed (a bug or a crashed worker), never for bad input:
 * the cluster of `base` with one error on line 1, marked fatal so the canvas keeps its last picture.
 */
export function engineFailure(base: SimulationResult, error: unknown): SimulationResult {
  const detail = error instanceof Error ? error.message : String(error);
  const diagnostic: Diagnostic = {
    severity: 'error',
    source: 'engine',
    code: 'engine.failed',
    params: { detail },
    message: `The simulation stopped with an internal error: ${detail}`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    document: -1,
  };
  return { ...base, errors: [], diagnostics: [diagnostic], fatal: true };
}

export interface ManifestInit {
  manifestText: string;
  exampleId: string | null;
  seed: number;
  /** The result for `manifestText`, simulated before the store was made. */
  result: SimulationResult;
  /** What the canvas starts with: `result`, unless that is too large to draw. */
  lastValidResult: SimulationResult;
  previousText: string | null;
}

/**
 * The manifest text and its simulation. Text changes land in the store (and storage) at once; the result
 * follows asynchronously. Every request carries a revision and only the newest revision's answer is
 * applied, so a slow answer for old text can never overwrite a newer one.
 */
export const createManifestSlice =
  (
    engine: EnginePort,
    persist: PersistPort | undefined,
    init: ManifestInit,
  ): StateCreator<PlaygroundState, [], [], ManifestSlice> =>
  (set, get) => {
    let revision = 0;
    // An example was opened since the last result was applied: that result starts a new scenario.
    let newScenario = false;

    const apply = (result: SimulationResult) => {
      const state = get();
      if (!isDrawable(result)) {
        set({ result: isParsed(result) ? withTooLargeWarning(result) : result, simStatus: 'idle' });
        return;
      }
      const scenario = newScenario;
      newScenario = false;
      set({
        result,
        lastValidResult: result,
        simStatus: 'idle',
        ...reconcileTraffic(state, result, engine, scenario),
      });
    };

    // simulate() has exactly one call site: here, whenever the manifest text changes.
    const run = (text: string) => {
      const mine = ++revision;
      const isCurrent = () => mine === revision;
      engine.simulate(text, { seed: get().seed }).then(
        (result) => {
          if (result && isCurrent()) apply(result);
        },
        (error: unknown) => {
          if (isCurrent()) apply(engineFailure(get().result, error));
        },
      );
    };

    const replaceText = (text: string, patch: Partial<ManifestSlice>) => {
      persist?.set(PERSIST_KEYS.manifest, text);
      set({ manifestText: text, simStatus: 'pending', ...patch });
      run(text);
    };

    const setPrevious = (previousText: string | null) => {
      persist?.set(PERSIST_KEYS.previousManifest, previousText ?? '');
      return { previousText };
    };

    return {
      manifestText: init.manifestText,
      exampleId: init.exampleId,
      seed: init.seed,
      result: init.result,
      lastValidResult: init.lastValidResult,
      simStatus: 'idle',
      previousText: init.previousText,

      setManifestText(text) {
        if (text === get().manifestText) return;
        replaceText(text, {});
      },

      selectExample(id) {
        const example = engine.examples.find((e) => e.id === id);
        if (!example) return;
        const { manifestText } = get();
        // The learner's own text is kept, so "restore my text" can bring it back.
        const keep =
          manifestText.trim() && isCustomText(engine, manifestText) ? setPrevious(manifestText) : {};
        newScenario = true;
        replaceText(example.yaml, { exampleId: id, ...keep });
      },

      restorePreviousText() {
        const { previousText, manifestText } = get();
        if (previousText === null) return;
        // A swap: text written over the example is kept in its turn; an untouched example needs no keeping.
        const keep = setPrevious(
          manifestText.trim() && isCustomText(engine, manifestText) ? manifestText : null,
        );
        newScenario = true;
        replaceText(previousText, { exampleId: null, ...keep });
      },
    };
  };
