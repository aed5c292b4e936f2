import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_EXAMPLE_ID } from '../examples/catalog.ts';
import { PERSIST_KEYS, type EnginePort, type PersistPort } from './engine-port.ts';
import { createManifestSlice } from './manifest-slice.ts';
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
}

interface StartState {
  manifestText: string;
  exampleId: string | null;
  language: Language;
  theme: ThemePreference;
}

/** Where the app starts: a linked example, else the text saved last time, else the default example. */
export function startState(engine: EnginePort, opts: StoreOptions): StartState {
  const saved = opts.persist?.get(PERSIST_KEYS.manifest) ?? null;
  const linked = engine.examples.find((e) => e.id === opts.exampleId);
  const fallback = engine.examples.find((e) => e.id === DEFAULT_EXAMPLE_ID) ?? engine.examples[0];
  const savedLanguage = opts.persist?.get(PERSIST_KEYS.language);
  const savedTheme = opts.persist?.get(PERSIST_KEYS.theme);
  const pick = linked ?? (saved === null ? fallback : engine.examples.find((e) => e.yaml === saved));
  return {
    manifestText: pick ? pick.yaml : (saved ?? ''),
    exampleId: pick?.id ?? null,
    language: isLanguage(savedLanguage) ? savedLanguage : languageFromBrowser(opts.browserLanguages ?? []),
    theme: isThemePreference(savedTheme) ? savedTheme : 'system',
  };
}

export function createPlaygroundStore(opts: StoreOptions): PlaygroundStore {
  const { engine } = opts;
  const seed = opts.seed ?? 1;
  const start = startState(engine, opts);
  const store = createStore<PlaygroundState>()((...a) => ({
    ...createManifestSlice(engine, opts.persist, {
      manifestText: start.manifestText,
      exampleId: start.exampleId,
      seed,
    })(...a),
    ...createTrafficSlice(engine, seed)(...a),
    ...createPlaybackSlice(...a),
    ...createPrefsSlice(opts.persist, start)(...a),
  }));
  const state = store.getState();
  store.setState(reconcileTraffic(state, state.lastValidResult, engine, true));
  return store;
}
