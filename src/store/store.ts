import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimulationResult } from '../engine/index.ts';
import { DEFAULT_EXAMPLE_ID } from '../examples/catalog.ts';
import { PERSIST_KEYS, type EnginePort, type PersistPort } from './engine-port.ts';
import {
  createManifestSlice,
  engineFailure,
  isCustomText,
  isDrawable,
  isParsed,
  withTooLargeWarning,
} from './manifest-slice.ts';
import { createControlPlaneSlice, type AfterPaint } from './control-plane-slice.ts';
import { createInspectSlice } from './inspect-slice.ts';
import { createPlaybackSlice } from './playback-slice.ts';
import { createPrefsSlice, isLanguage, isThemePreference, languageFromBrowser } from './prefs-slice.ts';
import { createTrafficSlice } from './traffic-slice.ts';
import { reconcileTraffic } from './traffic-defaults.ts';
import type { Language, PlaygroundState, ThemePreference } from './types.ts';

export type PlaygroundStore = StoreApi<PlaygroundState>;

export interface StoreOptions {
  engine: EnginePort;
  persist?: PersistPort;
  /** `?example=` from the URL: wins over the saved text. */
  exampleId?: string;
  seed?: number;
  /** navigator.languages, for the first visit. */
  browserLanguages?: readonly string[];
  /** Runs work that can wait until the next frame is drawn (the control-plane diff); at once by default. */
  afterPaint?: AfterPaint;
}

interface StartState {
  manifestText: string;
  exampleId: string | null;
  previousText: string | null;
  language: Language;
  theme: ThemePreference;
}

/** Where the app starts: a linked example, else the text saved last time, else the default example. */
export function startState(engine: EnginePort, opts: StoreOptions): StartState {
  const saved = opts.persist?.get(PERSIST_KEYS.manifest) ?? null;
  const previous = opts.persist?.get(PERSIST_KEYS.previousManifest) || null;
  const linked = engine.examples.find((e) => e.id === opts.exampleId);
  const fallback = engine.examples.find((e) => e.id === DEFAULT_EXAMPLE_ID) ?? engine.examples[0];
  const savedLanguage = opts.persist?.get(PERSIST_KEYS.language);
  const savedTheme = opts.persist?.get(PERSIST_KEYS.theme);
  const pick = linked ?? (saved === null ? fallback : engine.examples.find((e) => e.yaml === saved));
  // A link to an example must not throw away text the learner wrote: it becomes the text to restore.
  const displaced = linked && saved !== null && saved.trim() && isCustomText(engine, saved) ? saved : null;
  return {
    manifestText: pick ? pick.yaml : (saved ?? ''),
    exampleId: pick?.id ?? null,
    previousText: displaced ?? previous,
    language: isLanguage(savedLanguage) ? savedLanguage : languageFromBrowser(opts.browserLanguages ?? []),
    theme: isThemePreference(savedTheme) ? savedTheme : 'system',
  };
}

/**
 * Makes the store once the start text has been simulated, so every slice starts from a real cluster and
 * a ready engine. If the engine fails on that text, the store still starts (text intact, the failure
 * shown) from the cluster of an empty manifest.
 */
export async function createPlaygroundStore(opts: StoreOptions): Promise<PlaygroundStore> {
  const { engine } = opts;
  const seed = opts.seed ?? 1;
  const start = startState(engine, opts);
  if (start.previousText !== null) opts.persist?.set(PERSIST_KEYS.previousManifest, start.previousText);
  const first = await simulateOrFail(engine, start.manifestText, seed);
  // Saved text too large to draw: start the canvas from an empty cluster rather than freeze the page.
  const tooLarge = isParsed(first) && !isDrawable(first);
  const drawn = tooLarge ? await simulateOrFail(engine, '', seed) : first;
  const store = createStore<PlaygroundState>()((...a) => ({
    ...createManifestSlice(engine, opts.persist, {
      manifestText: start.manifestText,
      exampleId: start.exampleId,
      previousText: start.previousText,
      seed,
      result: tooLarge ? withTooLargeWarning(first) : first,
      lastValidResult: drawn,
    })(...a),
    ...createTrafficSlice(engine, seed)(...a),
    ...createPlaybackSlice(...a),
    ...createPrefsSlice(opts.persist, start)(...a),
    ...createInspectSlice(...a),
    ...createControlPlaneSlice(opts.afterPaint)(...a),
  }));
  const state = store.getState();
  store.setState(reconcileTraffic(state, state.lastValidResult, engine, true));
  return store;
}

async function simulateOrFail(engine: EnginePort, text: string, seed: number): Promise<SimulationResult> {
  try {
    const result = await engine.simulate(text, { seed });
    if (result) return result;
    throw new Error('the first simulation was skipped');
  } catch (error) {
    const empty = await engine.simulate('', { seed });
    if (!empty) throw error;
    return engineFailure(empty, error);
  }
}
